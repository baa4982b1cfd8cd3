"""Errors a person can act on: each names the field and says what was wrong."""


class FacilitatorError(Exception):
    """Base for every error the faces show to a person as one clear line."""


class InputError(FacilitatorError, ValueError):
    """Bad input: nothing was written."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class NotFoundError(FacilitatorError, LookupError):
    """A named group, session or record does not exist."""
