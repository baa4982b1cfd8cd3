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


ECHO_LIMIT = 60  # characters of a person's input quoted back in a message


def clipped(text: str, limit: int = ECHO_LIMIT) -> str:
    """Text cut to `limit` characters, saying how long it was: clipped("x" * 100_000)
    == "xxx…x… (100,000 characters)"."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    """What a person typed, quoted in a message and cut to about 60 characters, so a pasted
    megabyte makes one short line: quoted("x" * 100_000) == "'xxx…x'… (100,000 characters)"."""
    text = str(value)
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text):,} characters)"
