"""The errors StrikeLedger reports to a user (no heavy imports here)."""


class StrikeLedgerError(Exception):
    """A problem with the data, a release or the project's files, explained in the message.

    The command line prints the message and exits 1; it never shows a traceback for it.
    """


class ReleaseError(StrikeLedgerError):
    """A release cannot be read: missing, malformed, or not matching its descriptor."""


class UnknownTableError(ReleaseError, LookupError):
    """The release has no table of that name."""
