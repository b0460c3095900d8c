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


_batch: Callable[[], ContextManager[Any]] = contextlib.nullcontext
_locked: Callable[[Any], None] = _nothing


def register(*, batch: Callable[[], ContextManager[Any]], locked: Callable[[Any], None]) -> None:
    """Record changes with ``batch`` (a block whose changes are written together) and ``locked``
    (a row just read under a lock held until the transaction ends)."""
    global _batch, _locked
    _batch, _locked = batch, locked


def batch() -> ContextManager[Any]:
    """A block whose recorded changes go in one write at its end (see ``sync.journal.batch``)."""
    return _batch()


def locked(row: Any) -> None:
    """``row`` was read under a lock held until the transaction ends (``sync.journal.locked``)."""
    _locked(row)
