"""Recognising uploaded files by their content and reading their text. Plain Python, no Django.

Files come from people outside the safety region's own staff, so every reader assumes a hostile
file: a ZIP that unpacks to gigabytes, an encrypted or broken PDF, XML that never ends. Each
refusal is an ``ExtractError`` with a code (and parameters) that the Django layer turns into a
message; nothing else escapes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

PDF, DOCX, PPTX = "pdf", "docx", "pptx"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
# Limits on what one file may unpack to. Office files of a few hundred pages stay far below them.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_RATIO = 200  # uncompressed / compressed size of any one member
MAX_PDF_PAGES = 2_000
MAX_TEXT_CHARS = 2_000_000  # what is indexed; the rest of a very long text is left out


@dataclass
class ExtractError(Exception):
    code: str  # not_recognised, encrypted, unreadable, zip_bomb
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


def sniff(data: bytes) -> str | None:
    """The file type by content (PDF, DOCX or PPTX), whatever its name says; None otherwise."""
    if data.startswith(PDF_MAGIC):
        return PDF
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    return None


def check_zip(data: bytes) -> None:
    """Refuse an archive that unpacks to too much, by the sizes it declares and by reading it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ExtractError("zip_bomb", {"members": len(members)})
            declared = 0
            for member in members:
                declared += member.file_size
                if declared > MAX_UNPACKED_BYTES:
                    raise ExtractError("zip_bomb", {"bytes": declared})
                if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
                    raise ExtractError("zip_bomb", {"member": member.filename})
            # Declared sizes can lie: read every member in chunks and count what really comes out.
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise ExtractError("zip_bomb", {"bytes": total})
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ExtractError("unreadable", {"reason": str(error)[:200]}) from error


def extract_text(data: bytes, file_type: str) -> str:
    """The text of a PDF, DOCX or PPTX file, for the search index."""
    readers = {PDF: _pdf_text, DOCX: _docx_text, PPTX: _pptx_text}
    if file_type not in readers or sniff(data) != file_type:
        raise ExtractError("not_recognised")
    if file_type != PDF:
        check_zip(data)
    try:
        text = readers[file_type](data)
    except ExtractError:
        raise
    except RecursionError as error:
        raise ExtractError("unreadable", {"reason": "nesting too deep"}) from error
    except Exception as error:  # noqa: BLE001 - a parser of hostile input: any failure is a refusal
        raise ExtractError(
            "unreadable", {"reason": f"{type(error).__name__}: {error}"[:200]}
        ) from error
    return " ".join(text.split())[:MAX_TEXT_CHARS]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # A PDF locked only against editing opens with the empty password; one that needs a
        # password to read cannot be indexed.
        try:
            opened = reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - unknown or broken encryption
            raise ExtractError("encrypted") from error
        if not opened:
            raise ExtractError("encrypted")
    if len(reader.pages) > MAX_PDF_PAGES:
        raise ExtractError("too_many_pages", {"pages": len(reader.pages), "limit": MAX_PDF_PAGES})
    parts: list[str] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pptx_text(data: bytes) -> str:
    import pptx

    presentation = pptx.Presentation(io.BytesIO(data))
    parts: list[str] = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)
