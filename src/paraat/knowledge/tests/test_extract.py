"""Files are recognised by content and read safely; hostile files are refused with a code."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from paraat.knowledge import extract, samples


def test_it_recognises_files_by_content_not_name():
    assert extract.sniff(samples.pdf("Titel", ["tekst"])) == extract.PDF
    assert extract.sniff(samples.docx("Titel", ["tekst"])) == extract.DOCX
    assert extract.sniff(samples.pptx("Titel", ["tekst"])) == extract.PPTX
    assert extract.sniff(b"MZ\x90\x00 not a document") is None
    assert extract.sniff(b"PK\x03\x04 broken zip") is None


def test_it_refuses_a_zip_that_is_no_office_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    assert extract.sniff(buffer.getvalue()) is None


def test_it_reads_the_text_of_pdf_docx_and_pptx():
    assert "waterschap" in extract.extract_text(samples.pdf("T", ["Het waterschap"]), "pdf")
    assert "waterschap" in extract.extract_text(samples.docx("T", ["Het waterschap"]), "docx")
    assert "waterschap" in extract.extract_text(samples.pptx("T", ["Het waterschap"]), "pptx")


def test_it_refuses_a_pdf_that_needs_a_password():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(samples.pdf("Geheim", ["tekst"]))))
    writer.encrypt(user_password="geheim", owner_password="eigenaar")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(extract.ExtractError) as error:
        extract.extract_text(buffer.getvalue(), "pdf")
    assert error.value.code == "encrypted"


def test_it_reads_a_pdf_locked_only_against_editing():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(samples.pdf("Open", ["leesbaar"]))))
    writer.encrypt(user_password="", owner_password="eigenaar")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "leesbaar" in extract.extract_text(buffer.getvalue(), "pdf")


def test_it_refuses_a_docx_zip_bomb():
    buffer = io.BytesIO(samples.docx("Bom", ["tekst"]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(extract.ExtractError) as error:
        extract.extract_text(buffer.getvalue(), "docx")
    assert error.value.code == "zip_bomb"


def test_it_refuses_a_truncated_pdf():
    data = samples.pdf("Kapot", ["tekst"])
    with pytest.raises(extract.ExtractError) as error:
        extract.extract_text(data[: len(data) // 3], "pdf")
    assert error.value.code in {"unreadable", "not_recognised"}


def test_it_refuses_a_docx_with_an_entity_bomb():
    buffer = io.BytesIO(samples.docx("Bom", ["tekst"]))
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            target.writestr(member, laughs if member.filename == "word/document.xml" else data)
    try:
        text = extract.extract_text(out.getvalue(), "docx")
    except extract.ExtractError as error:
        assert error.code == "unreadable"
    else:  # entities left unresolved: no billion laughs in memory
        assert len(text) < 10_000
