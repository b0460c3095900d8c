from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from paraat.community import importers
from paraat.community.management.commands._common import FileImportCommand


class Command(FileImportCommand):
    help = (
        "Import citizen initiatives from CSV or XLSX as approved (columns: see docs/community.md). A file with any "
        "problem imports nothing; every problem names the file, row and field."
    )
    actor = "import-initiatives"

    def done(self, created: int) -> str:
        return ngettext(
            "{created} initiative imported", "{created} initiatives imported", created
        ).format(created=created)

    def importer(self, *, path: str, region: Any) -> dict[str, Any]:
        return importers.import_initiatives(path=path, region=region)
