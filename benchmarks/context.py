"""What every part of the bench shares: the mode (full or quick), paths, interpreter, logging."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED_SOURCES = (ROOT / "generated" / "linq" / "src", ROOT / "generated" / "sendblue" / "src")


@dataclass
class Context:
    quick: bool = False
    root: Path = ROOT
    python: str = sys.executable
    versions: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    @property
    def work(self) -> Path:
        """Scratch space for generated output and logs (inside the git-ignored `.bench/`)."""
        path = self.root / ".bench" / "work"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def rounds(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of our side's children: the committed client packages importable as
        installed packages would be (the same PYTHONPATH for the baselines, so like meets like)."""
        paths = [str(path) for path in GENERATED_SOURCES]
        inherited = os.environ.get("PYTHONPATH")
        if inherited:
            paths.append(inherited)
        return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **extra}

    def prepare(self) -> None:
        """Compile our sources to bytecode first, as installing a package does: the baselines
        come precompiled from pip, and with PYTHONDONTWRITEBYTECODE set (as on CI machines) our
        side would otherwise compile its modules again in every sample."""
        folders = ["generator", "contract_tests", "benchmarks", *(str(path) for path in GENERATED_SOURCES)]
        subprocess.run([self.python, "-m", "compileall", "-q", *folders], cwd=self.root, check=True)

    def log(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:6.1f}s] {message}", flush=True)
