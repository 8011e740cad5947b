"""guardrail decisions

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-27 12:35:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('guardrail_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.Column('entities', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('verdicts', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('escalation_team', sa.String(length=16), nullable=True),
    sa.Column('escalation_priority', sa.String(length=8), nullable=True),
    sa.Column('escalation_reason', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_guardrail_decisions_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['message_id'], ['messages.id'], name=op.f('fk_guardrail_decisions_message_id_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardrail_decisions'))
    )
    with op.batch_alter_table('guardrail_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guardrail_decisions_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guardrail_decisions_message_id'), ['message_id'], unique=False)
        batch_op.create_index('ix_guardrail_decisions_direction_action', ['direction', 'action'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('guardrail_decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_guardrail_decisions_direction_action')
        batch_op.drop_index(batch_op.f('ix_guardrail_decisions_message_id'))
        batch_op.drop_index(batch_op.f('ix_guardrail_decisions_conversation_id'))
    op.drop_table('guardrail_decisions')
