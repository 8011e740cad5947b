"""Root of Recepta's exceptions. Messages name what went wrong, never the user's text."""


class ReceptaError(Exception):
    """Base class of every error Recepta raises on purpose."""


class ConfigurationError(ReceptaError):
    """Settings are missing or inconsistent."""


class NotFoundError(ReceptaError):
    """A requested object does not exist."""


class ConflictError(ReceptaError):
    """The request conflicts with the current state (e.g. approving a retired document)."""
