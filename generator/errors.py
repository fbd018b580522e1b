"""Problems found in a spec, each tied to a place in a file."""

from __future__ import annotations

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
