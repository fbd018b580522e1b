"""A spec-driven mock server for any OpenAPI document, built from the generator's IR.

    python -m contract_tests.mock spec/linq.yaml --mode stateful --seed 1

- `create_app(api, mode=...)`: the ASGI application (examples or stateful mode).
- `MockServer(spec, mode=..., seed=...)`: the app on loopback in a background thread.
- `Limits`: what one request may cost (body size, nesting, array length, read timeout).
- `FaultConfig`: injected latency and failures; `ApiTable` and friends (`behaviour`): the
  per-API behaviour table format; `tables`: the tables of the project's APIs.
- `DEFECTS`: deliberate defects (`create_app(..., defects=[...])`, `--defect NAME`) that break
  the mock in one known way each, to prove a test suite catches a broken server.
- `VARIATIONS`: benign variations (`create_app(..., variations=[...])`, `--vary NAME,NAME`) that
  make it differ from itself only in ways the contract allows.
"""

from .app import MockApp, MockConfig, create_app
from .behaviour import ApiTable
from .defects import DEFECTS
from .faults import FaultConfig
from .limits import Limits
from .server import MockServer
from .variations import VARIATIONS

__all__ = [
    "DEFECTS",
    "VARIATIONS",
    "ApiTable",
    "FaultConfig",
    "Limits",
    "MockApp",
    "MockConfig",
    "MockServer",
    "create_app",
]
