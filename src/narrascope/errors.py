"""Error types. Each names the item it concerns so that a batch can report it and go on."""

from __future__ import annotations


class NarrascopeError(Exception):
    """Base class: ``item`` is the file, URL, row or article the error concerns."""

    def __init__(self, item: str, message: str) -> None:
        super().__init__(f"{item}: {message}")
        self.item = item
        self.message = message

    def __reduce__(self):
        # errors travel back from the worker processes of a cluster; the default pickling would call
        # __init__ with the formatted message alone
        return type(self), (self.item, self.message)


class InputError(NarrascopeError):
    """The input cannot be read as an article: empty, binary, undecodable, too large, malformed."""


class FetchError(NarrascopeError):
    """A URL or feed could not be fetched or did not hold an article."""


class StageFailure(NarrascopeError):
    """A pipeline stage failed on one article."""


class ModelError(NarrascopeError):
    """A trained model is missing or does not fit this version."""


class UsageError(NarrascopeError):
    """The caller asked for something that does not exist (an unknown stage, format or file)."""


class ClusterError(NarrascopeError):
    """The distributed engine cannot be reached, or its workers run another narrascope."""


class StoreError(NarrascopeError):
    """The database cannot be opened: a missing folder, a file that is not a database, a server that does not
    answer or refuses the login."""
