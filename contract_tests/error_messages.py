"""Whether an error message names what was wrong with a request, and how strictly to ask.

Against the project's mock the suite asks for the exact words: a property or parameter name,
the rule id (`link-part-alone`) or the spec's sentence for the rule. A live server words its
errors its own way (`a link part must be the only part in the message`), and for a request
with several problems it may report any one of them. Against a live server a message therefore
names the problem when it names any of the request's faulty fields or rules in its own words:

- a field name or path segment, case-insensitive, with `_`, `-` and camelCase read as spaces
  and each word compared by its stem (`parts` and `part`, `decorations` and `decoration`);
- a rule by its key terms: the words of its id less the filler (`no`, `max`, `must`...); all of
  them for an id of up to two such words, all but one for a longer id.

A live message that names nothing by these readings is a finding (`ErrorWordingWarning`, listed
in pytest's warnings summary and in `reports/drift.md`), not a failure, unless
`CONTRACT_STRICT_ERRORS=1`. The documented shape (status, code, message) is always checked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

# Words that say nothing about which field or rule is meant.
FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "no",
        "not",
        "non",
        "must",
        "be",
        "is",
        "are",
        "may",
        "can",
        "cannot",
        "of",
        "in",
        "at",
        "to",
        "and",
        "or",
        "only",
        "each",
        "per",
        "than",
        "more",
        "less",
        "max",
        "min",
        "maximum",
        "minimum",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


class ErrorWordingWarning(UserWarning):
    """A live server's error message names none of the request's problems in any recognisable way."""


def strict_errors() -> bool:
    """`CONTRACT_STRICT_ERRORS=1`: a live error message that names nothing fails the check."""
    return os.environ.get("CONTRACT_STRICT_ERRORS", "").strip() in ("1", "true", "yes")


def stem(word: str) -> str:
    """A crude English stem, enough to equate `parts`/`part`, `decorations`/`decoration`, `allowed`/`allow`."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def words(text: str) -> list[str]:
    """The stems of the words of `text`, camelCase and snake_case split."""
    return [stem(word) for word in _WORD.findall(_CAMEL.sub(" ", text).lower())]


def key_terms(name: str) -> set[str]:
    return {word for word in words(name) if word not in FILLER}


def mentions(message: str, name: str) -> bool:
    """The exact reading: `name` as it is, or with `_` / `-` read as spaces."""
    text, wanted = message.lower(), name.lower()
    return wanted in text or wanted.replace("_", " ") in text or wanted.replace("-", " ") in text


def mentions_in_own_words(message: str, name: str) -> bool:
    """The live reading: `name` exactly, or its key terms among the message's words (see the module)."""
    if mentions(message, name):
        return True
    if " " in name.strip():  # a sentence (a rule's message): only the exact reading
        return False
    terms = key_terms(name)
    if not terms:
        return False
    present = len(terms & set(words(message)))
    return present >= (len(terms) if len(terms) <= 2 else len(terms) - 1)


def names_any(message: str, names: Iterable[str], *, own_words: bool) -> bool:
    test = mentions_in_own_words if own_words else mentions
    return any(test(message, name) for name in names)
