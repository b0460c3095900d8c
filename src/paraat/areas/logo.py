"""The region's logo: a PNG or JPEG, checked by its content (never by its name), kept in the data
directory under a name that holds a hash of the content.

``check`` is plain (bytes in, the file's type or a problem code out); ``store`` and ``path`` know
where the data directory is.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from django.conf import settings

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TYPES = {"png": "image/png", "jpg": "image/jpeg"}


class LogoError(ValueError):
    """``code`` says what is wrong: too_large, empty, not_an_image, broken."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check(content: bytes, *, max_bytes: int) -> str:
    """The extension (png or jpg) of a logo file, from its bytes; LogoError when it is no logo."""
    if not content:
        raise LogoError("empty")
    if len(content) > max_bytes:
        raise LogoError("too_large")
    if content.startswith(PNG_SIGNATURE):
        # The first chunk of every PNG is IHDR (13 bytes) with a width and height above zero.
        if len(content) < 33 or content[12:16] != b"IHDR":
            raise LogoError("broken")
        width, height = struct.unpack(">II", content[16:24])
        if not (width and height):
            raise LogoError("broken")
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        if not content.rstrip(b"\x00").endswith(b"\xff\xd9"):
            raise LogoError("broken")  # a JPEG ends with its end-of-image marker
        return "jpg"
    raise LogoError("not_an_image")


def folder(region_code: str) -> Path:
    return Path(settings.DATA_DIR) / "regions" / region_code


def store(region_code: str, content: bytes, extension: str) -> str:
    """Write the logo; returns its name relative to the data directory (for Region.logo)."""
    digest = hashlib.sha256(content).hexdigest()[:16]
    target = folder(region_code) / f"logo-{digest}.{extension}"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.part")
    temporary.write_bytes(content)
    temporary.replace(target)
    return target.relative_to(Path(settings.DATA_DIR)).as_posix()


def path(name: str) -> Path | None:
    """The file of a stored logo name, or None when it is gone or points outside its folder."""
    if not name:
        return None
    root = (Path(settings.DATA_DIR) / "regions").resolve()
    found = (Path(settings.DATA_DIR) / name).resolve()
    if root not in found.parents or not found.is_file():
        return None
    return found


def content_type(name: str) -> str:
    return TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")


def remove_others(region_code: str, keep: str) -> None:
    """Delete the region's earlier logos (after the new one is committed)."""
    for old in folder(region_code).glob("logo-*"):
        if old.name != Path(keep).name:
            old.unlink(missing_ok=True)
