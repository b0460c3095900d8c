from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from paraat.areas.models import Municipality
from paraat.core.management.base import ParaatCommand
from paraat.programme import documents, report
from paraat.programme.overview import Programme


class Command(ParaatCommand):
    help = (
        "The regional programme: `programme status` shows lines × municipalities with ambition "
        "and progress; `programme report --municipality GMxxxx --out FILE.docx|FILE.pdf` writes "
        "the council report (raadsinformatiebericht) drafted from the data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="lines × municipalities with ambition and progress")
        write = sub.add_parser("report", help="write the council report as DOCX or PDF")
        write.add_argument("--municipality", help="CBS code, e.g. GM0828 (default: the region)")
        write.add_argument("--out", required=True, help="FILE.docx or FILE.pdf")
        for sub_parser in (status, write):
            self.add_region_argument(sub_parser)
            self.add_json_argument(sub_parser)

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        region = self.region(options)
        programme = Programme(region)
        if options["action"] == "status":
            data = programme.as_dict()
            if self.wants_json(options):
                self.emit_json(data)
                return
            for row in programme.matrix():
                assert row.municipality is not None
                cells = " | ".join(c.summary for c in row.cells)
                self.stdout.write(f"{row.municipality.code} {row.municipality.name}: {cells}")
            return
        out = Path(options["out"])
        suffix = out.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            raise CommandError(_("The file must end in .docx or .pdf."))
        code = options.get("municipality")
        if code:
            municipality = Municipality.objects.filter(region=region, code=code.upper()).first()
            if municipality is None:
                raise CommandError(_("There is no municipality %(code)s in this region.") % {"code": code})  # fmt: skip
            draft = report.municipality_draft(programme, municipality)
        else:
            draft = report.region_draft(programme)
        render = documents.to_docx if suffix == ".docx" else documents.to_pdf
        out.write_bytes(render(draft))
        if self.wants_json(options):
            self.emit_json({"ok": True, "file": str(out), "title": draft.title, "rows": draft.rows})
            return
        self.stdout.write(self.style.SUCCESS(_("Written: %(file)s") % {"file": out}))
