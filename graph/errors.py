"""The one exception tree of Relate.

``RelateError`` is the base; the command line turns any of them into a single
``Error: ...`` line and a non-zero exit.
"""

from __future__ import annotations

__all__ = ["BudgetError", "CurationError", "InputError", "RelateError", "VocabError"]


class RelateError(Exception):
    """Base class of every error Relate raises on purpose."""


class VocabError(RelateError):
    """A vocabulary file is malformed: the message names the file and the key."""


class InputError(RelateError):
    """An article or input path cannot be used: the message names the file."""


class CurationError(RelateError):
    """The curation file is malformed or invalid: the message names file and line."""


class BudgetError(RelateError):
    """The build would go over its memory budget (``--max-memory``): the message says
    how far it got and how much it holds."""
