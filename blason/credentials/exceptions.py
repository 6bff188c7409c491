class IssuanceError(Exception):
    """A credential cannot be issued (no recipient email, status list full, duplicate…)."""


class CredentialStateError(Exception):
    """The requested status change does not apply (already revoked, not suspended…)."""
