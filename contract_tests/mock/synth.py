"""Data synthesised from IR types: values that satisfy every constraint the type carries.

Two flavours: `full` (varied data: optional fields sometimes present, random enum members,
several array items; used for examples and seed data) and `minimal` (required fields only,
first enum member, `null` where allowed, `false`, the fewest array items; used as the base of
records created through the API, before the request's own values are laid over them).
Formats (uuid, date-time, date, uri, email...), patterns, length and numeric bounds,
discriminators and `exactly_one_of` groups are honoured; callers that need certainty
validate the result (the JSON Schema may say more than the IR, e.g. `if`/`then`).
"""

from __future__ import annotations

import math
import random
import re
import string
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, assert_never

from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    Constraints,
    Field,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    StringType,
    TypeRef,
    UnionOf,
    is_nullable,
)

from . import regex_gen
from .schemas import FORMAT_CHECKS

JSON = Any
# Depth past which a value is cut short whatever the schema asks (see `Synthesiser.value`).
HARD_DEPTH = 40
MAX_DEPTH = 6
_WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
]
_BASE_TIME = datetime(2025, 1, 1, tzinfo=UTC)


def format_time(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds: 2025-05-01T12:00:00.000Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class Synthesizer:
    def __init__(self, api: Api, rng: random.Random, now: Callable[[], datetime] | None = None) -> None:
        self.api = api
        self.rng = rng
        self.now = now

    # --- entry points -------------------------------------------------------------------------

    def value(
        self, type_: TypeRef, *, name: str = "", full: bool = True, depth: int = 0, response: bool = True
    ) -> JSON:
        if is_nullable(type_) and (not full or self.rng.random() < 0.15) and not isinstance(type_, LiteralOf):
            return None
        if depth > HARD_DEPTH:
            # Only a cycle of required properties (or non-empty arrays) gets here: it has no
            # finite instance, so the cycle is cut with the emptiest value of the kind.
            return [] if isinstance(type_, ArrayOf) else {} if isinstance(type_, ModelRef | MapOf) else None
        match type_:
            case ModelRef(name=model_name):
                return self.model(self.api.model(model_name), name=name, full=full, depth=depth, response=response)
            case LiteralOf(values=literal_values):
                values = list(literal_values) or [None]
                return values[0] if not full else self.rng.choice(values)
            case StringType(format=format_, constraints=c):
                return self.string(format_, c, name, full)
            case IntegerType(constraints=c):
                return self.number(c, integer=True, name=name, full=full)
            case NumberType(constraints=c):
                return self.number(c, integer=False, name=name, full=full)
            case BooleanType():
                return self.rng.random() < 0.5 if full else False
            case NullType():
                return None
            case ArrayOf():
                return self.array(type_, name=name, full=full, depth=depth, response=response)
            case MapOf(values=value_type):
                if not full or depth >= MAX_DEPTH:
                    return {}
                return {self.rng.choice(_WORDS): self.value(value_type, full=full, depth=depth + 1, response=response)}
            case UnionOf(variants=variants, discriminator=discriminator):
                return self.union(variants, discriminator, name=name, full=full, depth=depth, response=response)
            case AnyType():
                return self.word() if full else "value"
            case _:
                assert_never(type_)

    def model(self, model: Model, *, name: str = "", full: bool = True, depth: int = 0, response: bool = True) -> JSON:
        if model.kind == "enum":
            values = list(model.enum_values)
            return self.rng.choice(values) if full else values[0]
        if model.kind == "alias":
            assert model.alias_of is not None
            return self.value(model.alias_of, name=name, full=full, depth=depth, response=response)
        if model.kind == "union":
            return self.union(model.variants, model.discriminator, name=name, full=full, depth=depth, response=response)
        return self.object(model, full=full, depth=depth, response=response)

    # --- composites ---------------------------------------------------------------------------

    def object(self, model: Model, *, full: bool, depth: int, response: bool) -> dict[str, JSON]:
        wanted, banned = self._group_choice(model, full)
        result: dict[str, JSON] = {}
        for field in model.fields:
            if field.name in banned or (field.read_only and not response) or (field.write_only and response):
                continue
            if not (field.required or field.name in wanted or self._include_optional(field, full, depth)):
                continue
            result[field.name] = self.field_value(field, full=full, depth=depth + 1, response=response)
        return result

    def field_value(self, field: Field, *, full: bool, depth: int, response: bool = True) -> JSON:
        if field.has_default and not full:
            return field.default
        return self.value(field.type, name=field.name, full=full, depth=depth, response=response)

    def _include_optional(self, field: Field, full: bool, depth: int) -> bool:
        return full and depth < MAX_DEPTH - 2 and self.rng.random() < 0.6

    def _group_choice(self, model: Model, full: bool) -> tuple[set[str], set[str]]:
        wanted: set[str] = set()
        banned: set[str] = set()
        if model.exactly_one_of:
            chosen = self.rng.choice(model.exactly_one_of) if full else model.exactly_one_of[0]
            wanted |= set(chosen)
            for group in model.exactly_one_of:
                banned |= set(group) - set(chosen)
        if model.at_least_one_of:
            chosen = self.rng.choice(model.at_least_one_of) if full else model.at_least_one_of[0]
            wanted |= set(chosen) - banned
        return wanted, banned

    def array(self, type_: ArrayOf, *, name: str, full: bool, depth: int, response: bool) -> list[JSON]:
        c = type_.constraints
        low = c.min_items or 0
        high = c.max_items if c.max_items is not None else low + 3
        if not full or depth >= MAX_DEPTH:
            count = low if low or not full else min(1, high)
        else:
            count = self.rng.randint(max(low, 1 if high else 0), max(low, min(high, low + 3)))
        items: list[JSON] = []
        attempts = 0
        while len(items) < count and attempts < count * 5 + 5:
            attempts += 1
            item = self.value(type_.items, name=name, full=full, depth=depth + 1, response=response)
            if c.unique_items and item in items:
                continue
            items.append(item)
        return items

    def union(
        self, variants: tuple[TypeRef, ...], discriminator: Any, *, name: str, full: bool, depth: int, response: bool
    ) -> JSON:
        if discriminator is not None and discriminator.mapping:
            tag, model_name = self.rng.choice(discriminator.mapping) if full else discriminator.mapping[0]
            value = self.model(self.api.model(model_name), name=name, full=full, depth=depth, response=response)
            if isinstance(value, dict):
                value[discriminator.property] = tag
            return value
        choices: list[TypeRef] = [v for v in variants if not isinstance(v, NullType)] or list(variants)
        variant = self.rng.choice(choices) if full else choices[0]
        return self.value(variant, name=name, full=full, depth=depth, response=response)

    # --- scalars ------------------------------------------------------------------------------

    def word(self) -> str:
        return self.rng.choice(_WORDS)

    def date_time(self) -> datetime:
        if self.now is not None:
            return self.now()
        return _BASE_TIME + timedelta(seconds=self.rng.randint(0, 365 * 24 * 3600))

    def string(self, fmt: str | None, c: Constraints, name: str, full: bool) -> str:
        candidates = []
        formatted = self._formatted(fmt, name)
        if formatted is not None:
            candidates.append(formatted)
        check = FORMAT_CHECKS.get(fmt or "")
        if c.pattern:
            compiled = re.compile(c.pattern)
            candidates = [s for s in candidates if compiled.search(s)]
            for _ in range(20):
                generated = regex_gen.generate(c.pattern, self.rng)
                if compiled.search(generated) and (check is None or check(generated)):
                    candidates.append(generated)
                    break
        if not candidates:
            candidates.append(self._plain(name, full))
        text = candidates[0]
        return self._fit_length(text, c)

    def _formatted(self, fmt: str | None, name: str) -> str | None:
        rng = self.rng
        if fmt == "uuid":
            return new_uuid(rng)
        if fmt == "date-time":
            return format_time(self.date_time())
        if fmt == "date":
            return self.date_time().date().isoformat()
        if fmt == "time":
            return self.date_time().strftime("%H:%M:%S") + "Z"
        if fmt in ("uri", "url", "iri", "uri-reference"):
            return f"https://example.com/{self.word()}/{rng.randint(1, 9999)}"
        if fmt in ("email", "idn-email"):
            return f"{self.word()}{rng.randint(1, 99)}@example.com"
        if fmt == "hostname":
            return f"{self.word()}.example.com"
        if fmt == "ipv4":
            return f"192.0.2.{rng.randint(1, 254)}"
        if fmt == "byte":
            return "ZXhhbXBsZQ=="
        return None

    def _plain(self, name: str, full: bool) -> str:
        """A string for an unformatted field, shaped by what the field's name suggests."""
        rng = self.rng
        lowered = name.lower()
        if lowered.endswith(("number", "phone")):
            return "+1555" + "".join(rng.choice(string.digits) for _ in range(7))
        if "email" in lowered:
            return f"{self.word()}{rng.randint(1, 99)}@example.com"
        if lowered.endswith(("url", "uri", "link")):
            return f"https://example.com/{self.word()}"
        if lowered.endswith(("_id", "id", "handle", "key", "cursor")):
            return "".join(rng.choice("0123456789abcdef") for _ in range(16))
        if not full:
            return self.word()
        return " ".join(self.word() for _ in range(rng.randint(1, 4))).capitalize()

    def _fit_length(self, text: str, c: Constraints) -> str:
        if c.min_length is not None and len(text) < c.min_length:
            text += "x" * (c.min_length - len(text))
        if c.max_length is not None and len(text) > c.max_length:
            text = text[: c.max_length]
        return text

    def number(self, c: Constraints, *, integer: bool, name: str, full: bool) -> int | float:
        low = c.minimum if c.minimum is not None else None
        high = c.maximum if c.maximum is not None else None
        step = 1 if integer else 0.5
        if c.exclusive_minimum is not None:
            low = max(low, c.exclusive_minimum + step) if low is not None else c.exclusive_minimum + step
        if c.exclusive_maximum is not None:
            high = min(high, c.exclusive_maximum - step) if high is not None else c.exclusive_maximum - step
        if low is None and high is None:
            low, high = (0, 100) if full else (0, 0)
        elif low is None:
            assert high is not None
            low = min(0, high)
        elif high is None:
            high = low + 100
        assert low is not None and high is not None
        if integer:
            low_i, high_i = math.ceil(low), math.floor(high)
            value: int | float = self.rng.randint(low_i, max(low_i, high_i)) if full else low_i
        else:
            value = round(self.rng.uniform(low, high), 2) if full else float(low)
            value = min(max(value, low), high)
        if c.multiple_of:
            multiple = c.multiple_of
            value = math.ceil(value / multiple) * multiple
            if value > high:
                value -= multiple
            if integer:
                value = int(value)
        return value
