"""What the apps tell whoever records their changes (the sync journal), without knowing it.

The sync app sits above every domain app, so a domain service cannot import its journal. It
registers its functions here at start-up (``SyncConfig.ready``); without it they do nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from typing import Any


def _nothing(_row: Any) -> None:
    return None


def _no_values(_row: Any) -> Any:
    return None


def _not_saved(_row: Any, *, created: bool, values: Any = None, fields: Any = ()) -> None:
    return None


_batch: Callable[[], ContextManager[Any]] = contextlib.nullcontext
_locked: Callable[[Any], None] = _nothing
_values: Callable[[Any], Any] = _no_values
_saved: Callable[..., None] = _not_saved


def register(
    *,
    batch: Callable[[], ContextManager[Any]],
    locked: Callable[[Any], None],
    values: Callable[[Any], Any] = _no_values,
    saved: Callable[..., None] = _not_saved,
) -> None:
    """Record changes with ``batch`` (a block whose changes are written together), ``locked``
    (a row just read under a lock held until the transaction ends), and ``values`` and
    ``saved`` for rows a service writes in SQL of its own, without the model's save."""
    global _batch, _locked, _values, _saved
    _batch, _locked, _values, _saved = batch, locked, values, saved


def batch() -> ContextManager[Any]:
    """A block whose recorded changes go in one write at its end (see ``sync.journal.batch``)."""
    return _batch()


def locked(row: Any) -> None:
    """``row`` was read under a lock held until the transaction ends (``sync.journal.locked``)."""
    _locked(row)


def values(row: Any) -> Any:
    """What ``saved(row, created=True, values=...)`` records of a new row, worked out before
    it is stored (outside a write lock); None when nobody records changes."""
    return _values(row)


def saved(row: Any, *, created: bool, values: Any = None, fields: Any = ()) -> None:
    """``row`` was written without its model's save (a service's own INSERT or UPDATE): record
    what the save's signals would have recorded. A new row with ``values`` from ``values(row)``;
    a changed row with the names of the ``fields`` that changed."""
    _saved(row, created=created, values=values, fields=fields)
