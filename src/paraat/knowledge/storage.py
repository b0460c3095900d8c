"""Uploaded files on disk: one file per checksum under ``PARAAT_KNOWLEDGE_DIR``.

The folder is outside MEDIA_ROOT on purpose: files are served only by the download view, after
its access check. A file with the same content is stored once.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_for(checksum: str, file_type: str) -> Path:
    if len(checksum) != 64 or not all(c in "0123456789abcdef" for c in checksum):
        raise ValueError("not a SHA-256 checksum")
    return Path(settings.PARAAT_KNOWLEDGE_DIR) / checksum[:2] / f"{checksum}.{file_type}"


def write(data: bytes, file_type: str) -> str:
    """Store ``data`` (whole, or not at all) and return its checksum."""
    checksum = sha256(data)
    target = path_for(checksum, file_type)
    if target.exists():
        return checksum
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".upload-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return checksum


def read_path(checksum: str, file_type: str) -> Path | None:
    """The stored file, checked against its checksum; None when it is missing or altered."""
    target = path_for(checksum, file_type)
    if not target.exists():
        return None
    digest = hashlib.sha256()
    with target.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return target if digest.hexdigest() == checksum else None


def remove(checksum: str, file_type: str) -> None:
    """Remove a stored file; the caller has made sure that no item uses its checksum any more."""
    path_for(checksum, file_type).unlink(missing_ok=True)
