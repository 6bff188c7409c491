class BadgeError(Exception):
    """A business rule refused the operation; `message` is the French text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(BadgeError):
    pass
