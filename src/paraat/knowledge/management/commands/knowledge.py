from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.knowledge import search
from paraat.knowledge.models import KnowledgeItem


def as_dict(item: KnowledgeItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "programme_line": item.programme_line,
        "risk": item.risk,
        "tags": item.tags,
        "region_wide": item.region_wide,
        "file_name": item.file_name,
        "file_sha256": item.file_sha256,
        "starts_at": item.starts_at,
        "attendee_count": item.attendee_count,
    }


class Command(ParaatCommand):
    help = (
        "The knowledge platform: `knowledge search QUERY` searches titles, descriptions, tags and "
        "the text of uploaded files in Dutch (every item of the region: the command line is the "
        "administrator's)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        find = sub.add_parser("search", help="full-text search in Dutch")
        find.add_argument("query", help='words to look for, e.g. "oefening stroomstoring"')
        find.add_argument("--limit", type=int, default=50, help="at most this many items")
        self.add_region_argument(find)
        self.add_json_argument(find)

    def handle(self, *args: Any, **options: Any) -> None:
        region = self.region(options)
        found = search.search(KnowledgeItem.objects.in_region(region), options["query"])
        found = found[: max(options["limit"], 0)]
        if self.wants_json(options):
            self.emit_json({"region": region.code, "query": options["query"],
                            "count": len(found), "items": [as_dict(i) for i in found]})  # fmt: skip
            return
        for item in found:
            self.stdout.write(f"{item.pk:>5}  {item.get_kind_display()}  {item.title}")
        self.stdout.write(_("%(count)d items found.") % {"count": len(found)})
