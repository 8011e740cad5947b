"""All SQLAlchemy models, imported here so that metadata (and Alembic) sees every table."""

from store.models.base import Base
from store.models.documents import Document, DocumentChunk, DocumentEvent, DocumentVersion  # noqa: F401
from store.models.guardrails import GuardrailDecisionRecord  # noqa: F401
from store.models.handoffs import HandoffRequest, HandoffStatus  # noqa: F401
from store.models.messaging import Contact, Conversation, ConversationState, Job, JobStatus, Message

__all__ = ["Base", "Contact", "Conversation", "ConversationState", "Job", "JobStatus", "Message"]
