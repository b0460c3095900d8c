"""CAP documents from outside (paraat/testing/hostile/cap): every one through `cap-validate`,
`import-cap` and, for the worst, the web import. Valid alerts are accepted; everything else is
refused with its reason, never a traceback, and changes nothing. The same limits (size, depth,
no DTD in any encoding) hold on every path."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from paraat.alerts.cap import xmlio
from paraat.alerts.models import Alert
from paraat.testing.fingerprint import database_fingerprint
from paraat.testing.hostile_files import HOSTILE_DIR, corpus, outcome
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

VALID = {
    "00-valid.xml",
    "01-valid-fresh-id.xml",
    "15-latin1-declared.xml",
    "17-schemalocation-ssrf.xml",  # a schemaLocation hint is never fetched
    "22-script-in-fields.xml",  # stored as text; every page escapes it
    "26-future-sent-offset.xml",
    "27-pi-and-comments.xml",
}
# The reason each refused document must be given.
REFUSED = {
    "02-xxe-file.xml": "DOCTYPE",
    "03-xxe-http.xml": "DOCTYPE",
    "04-billion-laughs.xml": "DOCTYPE",
    "06-utf16-billion-laughs.xml": "DOCTYPE",
    "08-utf16-external-dtd.xml": "DOCTYPE",
    "09-cap11-namespace.xml": "CAP 1.1",
    "10-no-namespace.xml": "not a CAP 1.2 <alert>",
    "11-wrong-namespace.xml": "not a CAP 1.2 <alert>",
    "12-prefixed-children-foreign.xml": "[schema]",
    "13-truncated.xml": "not well-formed",
    "14-invalid-utf8.xml": "not well-formed",
    "16-xinclude.xml": "[schema]",
    "23-two-roots.xml": "not well-formed",
    "24-empty.xml": "not well-formed",
    "25-not-xml.xml": "not well-formed",
    "28-entity-decl-lowercase-trick.xml": "DOCTYPE",
    "29-utf8-bom-doctype.xml": "DOCTYPE",
}
VALID_XML = (HOSTILE_DIR / "cap" / "00-valid.xml").read_bytes()


def _import(path: Path) -> object:
    return outcome("import_cap", str(path), "--region", "VR21", "--user", "rianne")


def test_it_knows_what_every_document_of_the_corpus_must_give() -> None:
    assert set(corpus("cap")) == VALID | set(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_it_refuses_a_hostile_document_on_every_path(cast: Cast, name: str) -> None:
    path = HOSTILE_DIR / "cap" / name
    checked = outcome("cap_validate", str(path))
    imported = _import(path)
    for result in (checked, imported):
        assert result.refused, result.message
        assert name in result.message and REFUSED[name] in result.message
        assert not result.changed


@pytest.mark.parametrize("name", sorted(VALID))
def test_it_accepts_a_valid_document(cast: Cast, name: str) -> None:
    path = HOSTILE_DIR / "cap" / name
    assert not outcome("cap_validate", str(path)).refused
    result = _import(path)
    assert not result.refused, result.message
    assert Alert.objects.count() == 1


def _utf16_with_doctype(tmp_path: Path, doctype: str, name: str) -> Path:
    text = VALID_XML.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    head, rest = text.split("?>", 1)
    text = head + "?>\n" + doctype + rest.replace("<headline>", "<headline>&x;", 1)
    path = tmp_path / name
    path.write_bytes(text.encode("utf-16"))
    return path


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/hostname">]>',  # XXE in UTF-16
        '<!DOCTYPE alert [<!ENTITY x "binnen">]>',  # an internal entity: CAP needs none
    ],
)
def test_it_holds_the_doctype_guard_for_utf16_documents(
    cast: Cast, tmp_path: Path, doctype: str
) -> None:
    path = _utf16_with_doctype(tmp_path, doctype, "utf16.xml")
    for result in (outcome("cap_validate", str(path)), _import(path)):
        assert result.refused, result.message
        assert "DOCTYPE or ENTITY declaration" in result.message
        assert not result.changed


def _deep(tmp_path: Path, levels: int = 50_000) -> Path:
    body = VALID_XML.decode("utf-8")
    nested = "<note>" * levels + "</note>" * levels
    path = tmp_path / "diep.xml"
    path.write_text(body.replace("</alert>", nested + "</alert>"), encoding="utf-8")
    return path


def test_it_refuses_a_document_nested_50000_deep_on_every_path(cast: Cast, tmp_path: Path) -> None:
    path = _deep(tmp_path)
    for result in (outcome("cap_validate", str(path)), _import(path)):
        assert result.refused, result.message
        assert f"nested more than {xmlio.MAX_DEPTH} elements deep" in result.message
        assert not result.changed
    client = Client()
    client.force_login(cast.rianne)
    before = database_fingerprint()
    upload = SimpleUploadedFile("diep.xml", path.read_bytes(), "application/xml")
    response = client.post(reverse("alerts:import"), {"document": upload})
    assert response.status_code == 400
    assert "nested more than" in response.content.decode()
    assert database_fingerprint() == before


def test_it_gives_import_cap_the_same_size_limit_as_the_web(
    cast: Cast, tmp_path: Path, settings: object
) -> None:
    settings.PARAAT_UPLOAD_MAX_MB = {"areas": 100, "points": 20, "cap": 1}  # type: ignore[attr-defined]
    padding = "<!--" + "x" * (1024 * 1024) + "-->"
    path = tmp_path / "groot.xml"
    path.write_bytes(VALID_XML.replace(b"</alert>", padding.encode() + b"</alert>"))
    for result in (outcome("cap_validate", str(path)), _import(path)):
        assert result.refused, result.message
        assert "larger than 1,048,576 bytes" in result.message
        assert not result.changed
    client = Client()
    client.force_login(cast.rianne)
    upload = SimpleUploadedFile("groot.xml", path.read_bytes(), "application/xml")
    response = client.post(reverse("alerts:import"), {"document": upload})
    assert response.status_code == 400
    assert not Alert.objects.exists()
    # Below the limit the same document is welcome.
    settings.PARAAT_UPLOAD_MAX_MB = {"areas": 100, "points": 20, "cap": 2}  # type: ignore[attr-defined]
    assert not _import(path).refused
