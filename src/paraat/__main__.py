"""The `paraat` command: Django's manage.py plus Paraat's own commands (e.g. `paraat demo`)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if not args:
        args = ["paraat"]
    args[0] = "paraat"
    # Commands are spelled with hyphens on the command line (import-areas) and underscores in code.
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
