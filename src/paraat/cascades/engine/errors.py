"""Errors raised when scenario, override, measure or point data is wrong.

Regions edit these files by hand, so every problem names the file it came from and the dotted
field inside it; all problems found in one pass are reported together, so a planner does not
have to fix them one run at a time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem in the data: which file, which field, what is wrong."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class ScenarioError(ValueError):
    """The data cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = list(issues)
        lines = "\n".join(f"  - {issue}" for issue in self.issues)
        count = len(self.issues)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the cascade data:\n{lines}"
        )


def single(file: str, field: str, message: str) -> ScenarioError:
    """Shorthand for an error with one issue."""
    return ScenarioError([Issue(file, field, message)])
