"""One exception root, so the CLI and the API can tell our errors from bugs."""


class PufaError(Exception):
    """Base of every error the project raises on purpose; its message is for programs and the
    people who run them (English); `advice` says in Chinese what a clerk should do next (the pages
    show it, else a sentence for the kind of error)."""

    def __init__(self, *args: object, advice: str | None = None):
        super().__init__(*args)
        self.advice = advice


class ConfigError(PufaError):
    """A setting is malformed (for example an unknown PUFA_STORE scheme)."""


class StoreUnavailable(PufaError):
    """The graph store cannot be reached or refused our credentials."""


class MailUnavailable(PufaError):
    """The mail server is not configured, cannot be reached or refused the messages."""


class StoreError(PufaError):
    """A store operation failed; nothing was written."""


class InputError(PufaError):
    """An input file or value cannot be used; the message names the file, row or field."""

    def __init__(self, message: str, *, source: str | None = None, location: str | None = None,
                 advice: str | None = None):
        self.message = message
        self.source = source
        self.location = location
        where = ", ".join(part for part in (source, location) if part)
        super().__init__(f"{where}: {message}" if where else message, advice=advice)


class InputErrors(InputError):
    """Several problems in one input (the rows of a spreadsheet), each naming its row and field; the
    input is refused whole."""

    def __init__(self, problems: list[InputError], *, source: str | None = None):
        self.problems = problems
        shown = "; ".join(f"{problem.location}: {problem.message}" if problem.location else problem.message
                          for problem in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{len(problems)} problems: {shown}{more}", source=source)


class NotFound(PufaError):
    """A requested law, unit, article or checklist does not exist."""


class Unauthorized(PufaError):
    """The request carries no credential, or not a valid one."""


class Forbidden(PufaError):
    """The caller may not do this (its role, or writes switched off)."""


class Conflict(PufaError):
    """The request does not fit the current state (a job already running, a transition that does not apply)."""

    def __init__(self, message: str, *, state: str | None = None, advice: str | None = None):
        self.state = state
        super().__init__(message, advice=advice)


class PayloadTooLarge(PufaError):
    """An upload over the configured size limit."""


class TooManyRequests(PufaError):
    """Too many failed logins for an account or from a client; try again after `retry_after` seconds."""

    def __init__(self, message: str, *, retry_after: int):
        self.retry_after = retry_after
        super().__init__(message)
