"""Problems found in a data file, reported yamllint-style: ``file:line:col: [level] code: message``.

Validators collect every problem in one pass instead of raising on the first. Line and
column are 1-based and come from parser marks only; when no mark is known they stay
None and are left out of the message rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning"]

_LEVEL_ORDER = {"error": 0, "warning": 1}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    col: int | None
    level: Level
    code: str
    message: str

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: [{self.level}] {self.code}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.line or 0, self.col or 0, _LEVEL_ORDER[self.level], self.code)

    def __str__(self) -> str:
        return self.format()


@dataclass
class DiagnosticList:
    """A collector bound to one file: ``diags.error(mark, code, message)``."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self, level: Level, where: tuple[int, int] | None, code: str, message: str
    ) -> None:
        line, col = where if where is not None else (None, None)
        self.items.append(Diagnostic(self.path, line, col, level, code, message))

    def error(self, where: tuple[int, int] | None, code: str, message: str) -> None:
        self.add("error", where, code, message)

    def warning(self, where: tuple[int, int] | None, code: str, message: str) -> None:
        self.add("warning", where, code, message)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.level == "error" for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.level == "error" for d in diagnostics)
