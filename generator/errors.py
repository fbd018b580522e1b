"""Problems found in a spec, each tied to a place in a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """A place in a spec file: path, 1-based line and column, and the JSON pointer there."""

    file: str
    line: int | None
    column: int | None
    pointer: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where} #{self.pointer}"


class PendingLocation(SourceLocation):
    """A `SourceLocation` whose line and column are looked up when first read.

    The IR keeps the location of every model and operation, and a run shows few of them (in an
    error): finding each one's line in a large JSON text would cost more than building the model.
    Equal to another pending location of the same place; copied or pickled as a `SourceLocation`.
    """

    __slots__ = ("_find", "_found")
    _find: Callable[[], tuple[int | None, int | None]]
    _found: tuple[int | None, int | None] | None

    def __init__(self, file: str, pointer: str, find: Callable[[], tuple[int | None, int | None]]) -> None:
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "_find", find)
        object.__setattr__(self, "_found", None)

    def _line_and_column(self) -> tuple[int | None, int | None]:
        found: tuple[int | None, int | None] | None = self._found
        if found is None:
            found = self._find()
            object.__setattr__(self, "_found", found)
        return found

    @property
    def line(self) -> int | None:
        return self._line_and_column()[0]

    @property
    def column(self) -> int | None:
        return self._line_and_column()[1]

    def __reduce__(self) -> tuple[type[SourceLocation], tuple[str, int | None, int | None, str]]:
        return SourceLocation, (self.file, self.line, self.column, self.pointer)


@dataclass(frozen=True, slots=True)
class SpecProblem:
    """One problem: where it is, what is wrong and, when we know one, how to fix it."""

    location: SourceLocation
    message: str
    hint: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class SpecError(Exception):
    """A spec that cannot be used. Carries every problem found, not only the first."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
