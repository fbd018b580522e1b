"""Generation targets: which spec becomes which package, read from pyproject.toml.

```toml
[[tool.sdk-generator.targets]]
spec = "spec/linq.yaml"          # the OpenAPI document
out = "generated/linq"           # the package folder (replaced as a whole)
distribution = "linq-client"     # the name on the package index
package = "linq_client"          # the import name
client = "Linq"                  # the client class; the async one is "Async" + client
base_url_env = "LINQ_BASE_URL"   # optional; default <PACKAGE>_BASE_URL
log_env = "LINQ_LOG"             # optional; default <PREFIX>_LOG
credentials = [{ scheme = "bearerAuth", argument = "api_key", env = "LINQ_API_KEY" }]
version = "1.4.0"                # the package version: its one source (see generator/release/records.py)
release_record = "releases/linq-client.json"  # optional; the last release's baseline (default shown)
```

A spec given on the command line gets a target with derived defaults (`target_for_spec`).
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ir import naming
from generator.ir.model import Api, SecurityScheme

CONFIG_TABLE = "sdk-generator"


class ConfigError(ValueError):
    """A target that cannot be generated, with the file and key at fault."""


@dataclass(frozen=True, slots=True)
class Credential:
    """How a client takes one security scheme's secret: constructor argument and env var."""

    scheme: str
    argument: str
    env: str


@dataclass(frozen=True, slots=True)
class Target:
    """One generation target: which spec becomes which package, and how (see the module docstring)."""

    spec: Path
    out: Path
    distribution: str
    package: str
    client: str
    base_url_env: str
    log_env: str = ""
    version: str = "0.1.0"
    credentials: tuple[Credential, ...] = ()
    release_record: Path | None = None
    # The package's license: an SPDX expression (`project.license`), and the file shipped as
    # LICENSE in its wheel and sdist. Without `license_file`, the generator writes the MIT
    # license's text itself; any other license needs its text given.
    license: str = "MIT"
    license_file: Path | None = None
    license_holder: str = ""

    @property
    def copyright_holder(self) -> str:
        return self.license_holder or f"The {self.distribution} authors"

    @property
    def async_client(self) -> str:
        return f"Async{self.client}"

    def credentials_for(self, api: Api) -> tuple[Credential, ...]:
        """The configured credentials, completed with defaults for schemes not configured."""
        configured = {c.scheme: c for c in self.credentials}
        unknown = set(configured) - {s.name for s in api.security_schemes}
        if unknown:
            raise ConfigError(f"{self.spec}: credentials name unknown security schemes {sorted(unknown)}")
        taken = _client_names(api)
        clashes = sorted(c.argument for c in self.credentials if c.argument in taken)
        if clashes:
            raise ConfigError(f"{self.spec}: credential arguments {clashes} are names the client already has")
        prefix = naming.snake_case(self.package.removesuffix("_client")).upper()
        defaults = default_credentials(api.security_schemes, prefix, taken | {c.argument for c in self.credentials})
        return tuple(configured.get(c.scheme, c) for c in defaults)


# What a client constructor takes besides credentials (templates/package/client.py.jinja).
CONSTRUCTOR_ARGUMENTS = frozenset(
    {
        "base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
        "validate_requests",
        "strict_responses",
    }
)


def _client_names(api: Api) -> set[str]:
    """Names a credential attribute of the client must not take: the constructor's other
    arguments, the client's own attributes, its resources and methods, and builtins that the
    client class's annotations use."""
    tree = {r.name for r in api.root.resources} | {op.name for op in api.root.operations}
    return set(CONSTRUCTOR_ARGUMENTS | naming.RESERVED_ROOT_ATTRIBUTES | tree | set(dir(builtins)))


def default_credentials(
    schemes: tuple[SecurityScheme, ...], env_prefix: str, taken: set[str] | None = None
) -> tuple[Credential, ...]:
    """One argument per scheme: `api_key` when there is one scheme, else the scheme's name; a
    name in `taken` gets a trailing `_`."""
    usable = [s for s in schemes if s.kind in ("apiKey", "http", "oauth2", "openIdConnect")]
    taken = set(taken or ())
    result = []
    for scheme in usable:
        wanted = "api_key" if len(usable) == 1 else naming.field_name(scheme.name)
        argument = naming.unique(wanted + "_" if wanted in taken else wanted, taken)
        result.append(Credential(scheme.name, argument, f"{env_prefix}_{argument.upper().rstrip('_')}"))
    return tuple(result)


def canonicalize_name(name: str) -> str:
    """A distribution name as package indexes compare them (PEP 503); `packaging.utils`, which
    does the same, costs a generation 20 ms to import."""
    return re.sub(r"[-_.]+", "-", name).lower()


# A release number already in PEP 440's normal form (`0.1.0`, `2.10`): normalising leaves it as it is.
_NORMAL_RELEASE = re.compile(r"(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*")


def _normalized_version(version: str, where: str) -> str:
    """`version` in PEP 440's normal form (`1.0.0-rc1` is `1.0.0rc1`); `packaging` is imported only
    for a version that is not a plain release number already (its import is a few ms of a generation)."""
    if _NORMAL_RELEASE.fullmatch(version):
        return version
    from packaging.version import InvalidVersion, Version

    try:
        return str(Version(version))
    except InvalidVersion:
        raise ConfigError(f"{where}: version {version!r} is not a valid version (PEP 440, e.g. '1.2.0')") from None


def _target(raw: dict[str, Any], root: Path, where: str) -> Target:
    missing = [key for key in ("spec", "out", "package") if key not in raw]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    package = str(raw["package"])
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", package):
        raise ConfigError(f"{where}: package {package!r} is not a valid import name")
    client = str(raw.get("client") or naming.class_name(package.removesuffix("_client")))
    prefix = package.removesuffix("_client").upper()
    base_url_env = str(raw.get("base_url_env") or f"{prefix}_BASE_URL")
    log_prefix = base_url_env.removesuffix("_BASE_URL") if base_url_env.endswith("_BASE_URL") else prefix
    credentials = tuple(
        Credential(str(c["scheme"]), str(c["argument"]), str(c["env"])) for c in raw.get("credentials", [])
    )
    distribution = str(raw.get("distribution") or package.replace("_", "-"))
    version = _normalized_version(str(raw.get("version", "0.1.0")), where)
    license_ = str(raw.get("license") or "MIT")
    license_file = (root / str(raw["license_file"])).resolve() if raw.get("license_file") else None
    if license_ != "MIT" and license_file is None:
        raise ConfigError(
            f"{where}: license {license_!r} needs `license_file`, the text to ship as LICENSE "
            "(only MIT's text is built in)"
        )
    return Target(
        spec=(root / raw["spec"]).resolve(),
        out=(root / raw["out"]).resolve(),
        distribution=distribution,
        package=package,
        client=client,
        base_url_env=base_url_env,
        log_env=str(raw.get("log_env") or f"{log_prefix}_LOG"),
        version=version,
        credentials=credentials,
        release_record=(root / str(raw.get("release_record") or f"releases/{distribution}.json")).resolve(),
        license=license_,
        license_file=license_file,
        license_holder=str(raw.get("license_holder") or ""),
    )


def load_targets(pyproject: Path) -> list[Target]:
    import tomllib  # not needed for a spec named on the command line

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from exc
    raw_targets = data.get("tool", {}).get(CONFIG_TABLE, {}).get("targets", [])
    return [
        _target(raw, pyproject.parent, f"{pyproject} [[tool.{CONFIG_TABLE}.targets]] #{index + 1}")
        for index, raw in enumerate(raw_targets)
    ]


def target_for_spec(spec: Path, out: Path, package: str | None = None, client: str | None = None) -> Target:
    """A target for a spec named on the command line."""
    package = package or naming.snake_case(spec.stem) + "_client"
    return _target({"spec": str(spec), "out": str(out), "package": package, "client": client}, Path.cwd(), str(spec))


def select_targets(targets: Sequence[Target], names: Sequence[str]) -> list[Target]:
    """The targets named by distribution (spelled any way pip accepts: `linq_client` is `linq-client`), or all."""
    if not targets:
        raise ConfigError("no [[tool.sdk-generator.targets]] configured")
    if not names:
        return list(targets)
    by_name = {canonicalize_name(t.distribution): t for t in targets}
    unknown = [name for name in names if canonicalize_name(name) not in by_name]
    if unknown:
        configured = ", ".join(sorted(t.distribution for t in targets))
        raise ConfigError(f"unknown distribution(s) {', '.join(unknown)}; configured: {configured}")
    return list({canonicalize_name(n): by_name[canonicalize_name(n)] for n in names}.values())
