"""Hypothesis strategies for Linq message content, built from the IR's constraints and `x-rules`.

`valid_parts` draws part lists that keep every rule of `MessageContent` and `TextPart`. Each
`Mutation` then turns one valid list into a pair: `broken`, which breaks exactly one documented
rule (an `x-rules` rule or a JSON Schema constraint the reference page states), and `kept`, a
near twin at the edge of the same rule that must be accepted (40 url media parts where 41 are
refused, a decoration ending exactly at the UTF-16 length of a text with emoji...). The numbers
(40, 100, 10000), the matchers and the enums come from the spec, not from this file.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from generator.ir.model import Api, ArrayOf, LiteralOf, Model, Rule, StringType
from generator.ir.rule_engine import matches, text_length

Parts = list[dict[str, Any]]
# Text drawn for parts: ASCII, accents (one UTF-16 unit) and emoji (two units each).
TEXT_ALPHABET = [*"abcdefgh xyz", "é", "ß", "漢", "😀", "🎉", "🏽"]
ASCII_ALPHABET = "abcdefghijklmnopqrstuvwxyz "
EMOJI = "😀"


def _rule(model: Model, kind: str, field: str | None = None) -> Rule:
    return next(r for r in model.rules if r.kind == kind and (field is None or r.field == field))


def _match(rule: Rule) -> dict[str, Any]:
    assert rule.match is not None
    return {**dict(rule.match.equals), **({"has": list(rule.match.has)} if rule.match.has else {})}


@dataclass(frozen=True)
class PartRules:
    """What the spec says about message parts, read once from the IR."""

    max_parts: int
    min_parts: int
    link_alone: Rule
    no_consecutive_text: Rule
    max_url_media: Rule
    range_within: Rule
    no_overlap: Rule
    text_max_length: int
    url_max_length: int
    url_prefix: str
    styles: tuple[str, ...]
    animations: tuple[str, ...]

    @classmethod
    def from_api(cls, api: Api) -> PartRules:
        content, text, media = api.model("MessageContent"), api.model("TextPart"), api.model("MediaPart")
        decoration = api.model("TextDecoration")
        parts = content.field_named("parts")
        value, url = text.field_named("value"), media.field_named("url")
        style, animation = decoration.field_named("style"), decoration.field_named("animation")
        assert parts and value and url and style and animation
        assert isinstance(parts.type, ArrayOf)
        assert isinstance(value.type, StringType) and isinstance(url.type, StringType)
        assert isinstance(style.type, LiteralOf) and isinstance(animation.type, LiteralOf)
        pattern = url.type.constraints.pattern or "^https://"
        return cls(
            max_parts=parts.type.constraints.max_items or 100,
            min_parts=parts.type.constraints.min_items or 1,
            link_alone=_rule(content, "sole-item"),
            no_consecutive_text=_rule(content, "no-consecutive"),
            max_url_media=_rule(content, "max-matching"),
            range_within=_rule(text, "range-within"),
            no_overlap=_rule(text, "no-overlap"),
            text_max_length=value.type.constraints.max_length or 10000,
            url_max_length=url.type.constraints.max_length or 2048,
            url_prefix=pattern.lstrip("^"),
            styles=tuple(style.type.values),
            animations=tuple(animation.type.values),
        )

    @property
    def max_url_media_parts(self) -> int:
        assert self.max_url_media.max is not None
        return self.max_url_media.max

    def is_link(self, part: dict[str, Any]) -> bool:
        return matches(part, _match(self.link_alone))

    def is_text(self, part: dict[str, Any]) -> bool:
        return matches(part, _match(self.no_consecutive_text))

    def is_url_media(self, part: dict[str, Any]) -> bool:
        return matches(part, _match(self.max_url_media))

    def is_animation(self, decoration: dict[str, Any]) -> bool:
        return matches(decoration, _match(self.no_overlap))


def utf16_boundaries(text: str) -> list[int]:
    """Offsets, in UTF-16 code units, where each code point starts, plus the end of the text."""
    return [0, *itertools.accumulate(text_length(char, "utf-16") for char in text)]


class PartStrategies:
    """Strategies for one API's message parts; `attachment_ids` are attachments created beforehand."""

    def __init__(self, rules: PartRules, attachment_ids: list[str]) -> None:
        self.rules = rules
        self.attachment_ids = attachment_ids

    # --- single parts ---------------------------------------------------------------------------

    def text_value(self, min_size: int = 1, max_size: int = 24) -> st.SearchStrategy[str]:
        return st.text(alphabet=st.sampled_from(TEXT_ALPHABET), min_size=min_size, max_size=max_size)

    def slug(self) -> st.SearchStrategy[str]:
        return st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)

    def https_url(self, prefix: str | None = None) -> st.SearchStrategy[str]:
        head = prefix or self.rules.url_prefix
        return st.builds(
            lambda host, name, ext: f"{head}{host}.example.com/media/{name}.{ext}",
            st.sampled_from(["cdn", "img", "files"]),
            self.slug(),
            st.sampled_from(["jpg", "png", "gif", "mp4", "m4a"]),
        )

    @st.composite
    def decorations(draw, self, value: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        """Decorations that keep both rules: disjoint segments, each animated or styled (styles may stack)."""
        bounds = utf16_boundaries(value)
        if len(bounds) < 2:
            return []
        segments = draw(st.integers(0, min(3, len(bounds) // 2)))
        points = sorted(
            draw(st.lists(st.sampled_from(bounds), min_size=2 * segments, max_size=2 * segments, unique=True))
        )
        found: list[dict[str, Any]] = []
        for start, end in zip(points[::2], points[1::2], strict=True):
            if draw(st.booleans()):
                found.append({"range": [start, end], "animation": draw(st.sampled_from(self.rules.animations))})
            else:
                styles = draw(st.lists(st.sampled_from(self.rules.styles), min_size=1, max_size=2, unique=True))
                found += [{"range": [start, end], "style": style} for style in styles]
        return draw(st.permutations(found)) if found else found

    @st.composite
    def text_part(draw, self, value: st.SearchStrategy[str] | None = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        text = draw(value or self.text_value())
        part: dict[str, Any] = {"type": "text", "value": text}
        if draw(st.booleans()):
            part["text_decorations"] = draw(self.decorations(text))
        return part

    def url_media_part(self, prefix: str | None = None) -> st.SearchStrategy[dict[str, Any]]:
        return self.https_url(prefix).map(lambda url: {"type": "media", "url": url})

    def attachment_media_part(self) -> st.SearchStrategy[dict[str, Any]]:
        return st.sampled_from(self.attachment_ids).map(
            lambda attachment: {"type": "media", "attachment_id": attachment}
        )

    def media_part(self) -> st.SearchStrategy[dict[str, Any]]:
        if self.attachment_ids:
            return st.one_of(self.url_media_part(), self.attachment_media_part())
        return self.url_media_part()

    def link_part(self) -> st.SearchStrategy[dict[str, Any]]:
        return self.slug().map(lambda name: {"type": "link", "value": f"https://example.com/articles/{name}"})

    # --- part lists -----------------------------------------------------------------------------

    @st.composite
    def mixed_parts(draw, self, min_size: int = 1, max_size: int = 6) -> Parts:  # type: ignore[no-untyped-def]
        """Text and media parts, never two texts in a row, no link (so more parts can join)."""
        size = draw(st.integers(min_size, max_size))
        parts: Parts = []
        for _ in range(size):
            after_text = bool(parts) and self.rules.is_text(parts[-1])
            kind = "media" if after_text else draw(st.sampled_from(["text", "media"]))
            parts.append(draw(self.text_part() if kind == "text" else self.media_part()))
        return parts

    def valid_parts(self) -> st.SearchStrategy[Parts]:
        return st.one_of(self.mixed_parts(), self.link_part().map(lambda part: [part]))


# --- mutations: each breaks exactly one rule ------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A rule broken and kept: both bodies' part lists and what the broken one must be refused for."""

    broken: Parts
    kept: Parts
    # A rule id, or the JSON Schema keyword failing inside the part at `part_index`.
    expected: str
    part_index: int | None = None


@dataclass(frozen=True)
class Mutation:
    name: str
    # The words a good error message for this mutation mentions (rule id or message, field names).
    build: Callable[[PartStrategies], st.SearchStrategy[Case]]
    names: Callable[[PartRules], tuple[str, ...]]


def _insert(parts: Parts, index: int, *items: dict[str, Any]) -> Parts:
    return [*parts[:index], *items, *parts[index:]]


@st.composite
def link_not_alone(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    base = draw(s.mixed_parts(max_size=5))
    link = draw(s.link_part())
    at = draw(st.integers(0, len(base)))
    return Case(broken=_insert(base, at, link), kept=[link], expected=s.rules.link_alone.id)


@st.composite
def consecutive_texts(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    base = draw(s.mixed_parts(max_size=5))
    texts = [index for index, part in enumerate(base) if s.rules.is_text(part)]
    if texts:
        # Right after an existing text part.
        broken = _insert(base, draw(st.sampled_from(texts)) + 1, draw(s.text_part()))
    else:
        broken = _insert(base, draw(st.integers(0, len(base))), draw(s.text_part()), draw(s.text_part()))
    # Kept: the same parts with a media part between the two texts.
    return Case(broken=broken, kept=_separate_texts(broken, s, draw), expected=s.rules.no_consecutive_text.id)


def _separate_texts(parts: Parts, s: PartStrategies, draw: Any) -> Parts:
    out: Parts = []
    for part in parts:
        if out and s.rules.is_text(out[-1]) and s.rules.is_text(part):
            out.append(draw(s.media_part()))
        out.append(part)
    return out


def _fill_to(parts: Parts, size: int, s: PartStrategies, draw: Any) -> Parts:
    """Append parts until `size`, alternating attachment media and text (so no url media is added)."""
    out = list(parts)
    while len(out) < size:
        if out and not s.rules.is_text(out[-1]) and draw(st.booleans()):
            out.append({"type": "text", "value": draw(s.text_value(max_size=8))})
        else:
            out.append(draw(s.attachment_media_part()))
    return out


@st.composite
def too_many_parts(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    base = draw(s.mixed_parts(max_size=4))
    kept = _fill_to(base, s.rules.max_parts, s, draw)
    broken = [*kept, draw(s.attachment_media_part())]
    return Case(broken=broken, kept=kept, expected="maxItems")


@st.composite
def too_many_url_media(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    base = draw(s.mixed_parts(max_size=5))
    limit = s.rules.max_url_media_parts
    kept = list(base)
    while sum(s.rules.is_url_media(part) for part in kept) < limit:
        kept = _insert(kept, draw(st.integers(0, len(kept))), draw(s.url_media_part()))
    broken = _insert(kept, draw(st.integers(0, len(kept))), draw(s.url_media_part()))
    return Case(broken=broken, kept=kept, expected=s.rules.max_url_media.id)


def _with_text_part(draw: Any, s: PartStrategies, part: dict[str, Any]) -> tuple[Parts, int]:
    """A valid list with `part` (a text part) placed where no other text touches it."""
    base = draw(s.mixed_parts(max_size=4))
    at = draw(st.integers(0, len(base)))
    parts = _insert(base, at, part)
    if at > 0 and s.rules.is_text(parts[at - 1]):
        parts = _insert(parts, at, draw(s.media_part()))
        at += 1
    if at + 1 < len(parts) and s.rules.is_text(parts[at + 1]):
        parts = _insert(parts, at + 1, draw(s.media_part()))
    return parts, at


@st.composite
def decoration_past_end(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    value = draw(s.text_value(max_size=12)) + EMOJI + draw(s.text_value(min_size=0, max_size=4))
    length = text_length(value, "utf-16")
    start = draw(st.sampled_from(utf16_boundaries(value)[:-1]))
    style = draw(st.sampled_from(s.rules.styles))
    parts, at = _with_text_part(draw, s, {"type": "text", "value": value})
    kept, broken = [dict(p) for p in parts], [dict(p) for p in parts]
    # The emoji makes the UTF-16 length exceed the code point count: the end is valid only in UTF-16.
    kept[at]["text_decorations"] = [{"range": [start, length], "style": style}]
    over = draw(st.integers(1, 3))
    broken[at]["text_decorations"] = [{"range": [start, length + over], "style": style}]
    return Case(broken=broken, kept=kept, expected=s.rules.range_within.id)


@st.composite
def animation_overlap(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    value = draw(s.text_value(max_size=10)) + "abcd"
    bounds = utf16_boundaries(value)
    length = bounds[-1]
    a = draw(st.sampled_from([b for b in bounds if b <= length - 2]))
    b = draw(st.sampled_from([x for x in bounds if a < x < length]))
    animation = {"range": [a, b], "animation": draw(st.sampled_from(s.rules.animations))}
    # Overlapping: starts before the animation ends and ends after it starts.
    c = draw(st.sampled_from([x for x in bounds if x < b]))
    d = draw(st.sampled_from([x for x in bounds if x > max(a, c)]))
    other = draw(
        st.one_of(
            st.sampled_from(s.rules.styles).map(lambda v: {"style": v}),
            st.sampled_from(s.rules.animations).map(lambda v: {"animation": v}),
        )
    )
    overlapping = {"range": [c, d], **other}
    # Kept: two styles stacked on the rest of the text, touching the animation but not sharing a unit.
    stacked = [{"range": [b, length], "style": style} for style in s.rules.styles[:2]]
    parts, at = _with_text_part(draw, s, {"type": "text", "value": value})
    kept, broken = [dict(p) for p in parts], [dict(p) for p in parts]
    broken[at]["text_decorations"] = draw(st.permutations([animation, overlapping]))
    kept[at]["text_decorations"] = draw(st.permutations([animation, *stacked]))
    return Case(broken=broken, kept=kept, expected=s.rules.no_overlap.id)


@st.composite
def style_and_animation(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    value = draw(s.text_value(max_size=10)) + "abcd"
    bounds = utf16_boundaries(value)
    a = draw(st.sampled_from(bounds[:-1]))
    b = draw(st.sampled_from([x for x in bounds if x > a]))
    style = draw(st.sampled_from(s.rules.styles))
    both = {"range": [a, b], "style": style, "animation": draw(st.sampled_from(s.rules.animations))}
    parts, at = _with_text_part(draw, s, {"type": "text", "value": value})
    kept, broken = [dict(p) for p in parts], [dict(p) for p in parts]
    broken[at]["text_decorations"] = [both]
    kept[at]["text_decorations"] = [{"range": [a, b], "style": style}]
    return Case(broken=broken, kept=kept, expected="oneOf", part_index=at)


@st.composite
def media_url_and_attachment(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    base = draw(s.mixed_parts(max_size=5))
    at = draw(st.integers(0, len(base)))
    url = draw(s.https_url())
    attachment = draw(st.sampled_from(s.attachment_ids))
    single = draw(st.sampled_from([{"url": url}, {"attachment_id": attachment}]))
    broken = _insert(base, at, {"type": "media", "url": url, "attachment_id": attachment})
    kept = _insert(base, at, {"type": "media", **single})
    return Case(broken=broken, kept=kept, expected="oneOf", part_index=at)


@st.composite
def plain_http_media(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    base = draw(s.mixed_parts(max_size=5))
    at = draw(st.integers(0, len(base)))
    url = draw(s.https_url())
    insecure = "http://" + url.split("://", 1)[1]
    broken = _insert(base, at, {"type": "media", "url": insecure})
    kept = _insert(base, at, {"type": "media", "url": url})
    return Case(broken=broken, kept=kept, expected="pattern", part_index=at)


@st.composite
def text_too_long(draw, s: PartStrategies) -> Case:  # type: ignore[no-untyped-def]
    # ASCII only: JSON Schema counts maxLength in code points, and so does every other unit here.
    seed = draw(st.text(alphabet=ASCII_ALPHABET, min_size=1, max_size=16))
    limit = s.rules.text_max_length
    longest = (seed * (limit // len(seed) + 2))[:limit]
    parts, at = _with_text_part(draw, s, {"type": "text", "value": longest})
    kept = [dict(p) for p in parts]
    broken = [dict(p) for p in parts]
    broken[at]["value"] = longest + draw(st.sampled_from(list(ASCII_ALPHABET.strip())))
    return Case(broken=broken, kept=kept, expected="maxLength", part_index=at)


def _rule_names(rule: Callable[[PartRules], Rule]) -> Callable[[PartRules], tuple[str, ...]]:
    return lambda rules: (rule(rules).id, rule(rules).message)


MUTATIONS: tuple[Mutation, ...] = (
    Mutation("link-part-not-alone", link_not_alone, _rule_names(lambda r: r.link_alone)),
    Mutation("consecutive-text-parts", consecutive_texts, _rule_names(lambda r: r.no_consecutive_text)),
    Mutation("more-than-max-parts", too_many_parts, lambda r: ("parts",)),
    Mutation("more-than-max-url-media-parts", too_many_url_media, _rule_names(lambda r: r.max_url_media)),
    Mutation("decoration-past-utf16-end", decoration_past_end, _rule_names(lambda r: r.range_within)),
    Mutation("animation-overlaps-decoration", animation_overlap, _rule_names(lambda r: r.no_overlap)),
    Mutation("decoration-style-and-animation", style_and_animation, lambda r: ("style", "animation")),
    Mutation("media-url-and-attachment-id", media_url_and_attachment, lambda r: ("url", "attachment_id")),
    Mutation("media-url-not-https", plain_http_media, lambda r: ("url",)),
    Mutation("text-longer-than-max", text_too_long, lambda r: ("value",)),
)
