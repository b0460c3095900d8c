"""Writing folders as a whole: readers see the old folder or the new one, never a half-written one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def work_folder(target: Path) -> Path:
    """A new empty folder beside ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def replace_folder(work: Path, target: Path) -> None:
    """Put ``work`` in place of ``target``: rename the old one aside, the new one in, then remove
    the old. If the second rename fails the old folder is put back."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(work, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
