"""The one base of every error StrikeLedger reports to a user (no heavy imports here)."""


class StrikeLedgerError(Exception):
    """A problem with the data, a release or the project's files, explained in the message.

    The command line prints the message and exits 1; it never shows a traceback for it.
    """
