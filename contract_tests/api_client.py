"""A small HTTP client for the business-rule tests, whose failures carry a curl line.

Schemathesis reports its own failures with a reproducing curl command; the tests written by hand
go through `ApiClient`, and every failed expectation raises `ContractFailure`, which names the
check that failed and prints the request as curl plus the response that broke it.
"""

from __future__ import annotations

import json
import shlex
import time
from collections.abc import Mapping
from typing import Any

import httpx

from .mock.ascii_numbers import read_number
from .targets import Target

REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "sb-api-key-id", "sb-api-secret-key"})
# Headers httpx adds on its own: noise in a reproduction line.
TRANSPORT_HEADERS = frozenset({"host", "accept-encoding", "connection", "user-agent", "content-length"})
MAX_BODY_SHOWN = 2000


def as_curl(request: httpx.Request, *, redact: bool = False) -> str:
    """The request as one curl command line (secrets replaced by a marker when `redact`)."""
    parts = ["curl", "-X", request.method]
    for name, value in request.headers.items():
        if name.lower() in TRANSPORT_HEADERS:
            continue
        shown = REDACTED if redact and name.lower() in SECRET_HEADERS else value
        parts += ["-H", f"{name}: {shown}"]
    body = request.content
    if body:
        parts += ["--data-raw", body.decode("utf-8", errors="replace")]
    parts.append(str(request.url))
    return " ".join(shlex.quote(part) for part in parts)


def describe_response(response: httpx.Response) -> str:
    text = response.text
    if len(text) > MAX_BODY_SHOWN:
        text = text[:MAX_BODY_SHOWN] + f"... ({len(response.text)} characters)"
    return f"HTTP {response.status_code} {response.reason_phrase}\n{text}"


class ContractFailure(AssertionError):
    """A broken expectation: the check's name, why, and how to reproduce it."""

    def __init__(self, check: str, message: str, response: httpx.Response | None = None, redact: bool = False):
        self.check = check
        lines = [f"[{check}] {message}"]
        if response is not None:
            lines += [
                "",
                "Response:",
                describe_response(response),
                "",
                "Reproduce with:",
                "",
                f"    {as_curl(response.request, redact=redact)}",
            ]
        super().__init__("\n".join(lines))


class ApiClient:
    """Requests to one target, with its base URL and credentials, and checks that explain themselves."""

    def __init__(self, target: Target, timeout: float = 30.0) -> None:
        self.target = target
        self._http = httpx.Client(base_url=target.base_url + "/", headers=target.headers, timeout=timeout)
        self.history: list[httpx.Response] = []

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send one request; retries after a 429 (waiting its `Retry-After`) against live servers."""
        content = None if json_body is None else json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        merged = {**({"Content-Type": "application/json"} if content is not None else {}), **(headers or {})}
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        for attempt in range(5):
            self.target.pace()
            response = self._http.request(method, path.lstrip("/"), content=content, params=clean, headers=merged)
            self.history.append(response)
            if response.status_code != 429 or not self.target.live or attempt == 4:
                return response
            # Seconds in ASCII digits, else 1: `float()` takes 'inf' and '٣', and refuses '³' or a date.
            asked = read_number(response.headers.get("Retry-After", "").strip(), fraction=True)
            time.sleep(asked if asked is not None and asked >= 0 else 1)
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    # --- expectations -------------------------------------------------------------------------

    def fail(self, check: str, message: str, response: httpx.Response | None = None) -> ContractFailure:
        return ContractFailure(check, message, response, redact=self.target.live)

    def expect(self, condition: object, check: str, message: str, response: httpx.Response | None = None) -> None:
        if not condition:
            raise self.fail(check, message, response or (self.history[-1] if self.history else None))

    def expect_status(self, response: httpx.Response, expected: int | set[int], check: str, why: str = "") -> Any:
        """Fail unless the status is expected; returns the decoded JSON body (None when empty)."""
        allowed = {expected} if isinstance(expected, int) else expected
        if response.status_code not in allowed:
            wanted = " or ".join(str(code) for code in sorted(allowed))
            raise self.fail(check, f"expected HTTP {wanted}, got {response.status_code}. {why}".strip(), response)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise self.fail(check, f"the response body is not JSON: {exc}", response) from exc
