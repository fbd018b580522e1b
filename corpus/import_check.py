"""Import every module of a package, in a fresh interpreter: `python -I import_check.py SRC PACKAGE`.

Run as a script with `-I` (no user site, no PYTHON* variables, no script folder on sys.path), so
the package is importable only from SRC and its dependencies only from the interpreter's own
environment: what a user who installed the package would get. It uses the standard library only
(it also runs in openapi-python-client's virtualenv). Prints one JSON line: the modules
imported, and the first failure with its module and last traceback line.
"""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from pathlib import Path


def modules_of(src: Path, package: str) -> list[str]:
    """Dotted names of every module of `package` under `src`, parents before children."""
    root = src / package
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if all(part.isidentifier() for part in parts):
            names.append(".".join(parts))
    return sorted(names, key=lambda name: (name.count("."), name))


def main(argv: list[str]) -> int:
    src, package = Path(argv[0]), argv[1]
    sys.path[:0] = [str(src), *argv[2:]]
    names = modules_of(src, package)
    for name in names:
        try:
            importlib.import_module(name)
        except BaseException as exc:
            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            print(json.dumps({"modules": len(names), "failed": name, "error": last}))
            return 1
    print(json.dumps({"modules": len(names), "failed": None, "error": None}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
