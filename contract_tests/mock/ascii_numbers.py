"""Numbers read from text that comes from outside (a request, a spec, a table): ASCII only.

`str.isdigit()` is True for '³' or '②', which `int()` refuses, and `int()`/`float()` read
'٣' (ARABIC-INDIC DIGIT THREE) or '３' (full width) as 3, and take ' 3', '1_0', '+3', 'nan' or
'inf' too. None of them is a number on the wire: a number is what JSON spells, in ASCII.
"""

from __future__ import annotations

import math
import re

_INTEGER = re.compile("-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def ascii_digits(text: str) -> bool:
    """Whether `text` is nothing but ASCII digits ('³' and '٣' are not)."""
    return text.isascii() and text.isdigit()


def digits_value(text: str) -> int | None:
    """The value of `text` when it is nothing but ASCII digits (a status code, a Content-Length), else None."""
    if not ascii_digits(text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than `int()` reads (sys.get_int_max_str_digits)
        return None


def read_number(text: str, *, fraction: bool) -> int | float | None:
    """The number `text` spells in JSON's syntax, or None.

    An optional '-' and ASCII digits make an int; with `fraction`, a fraction and an exponent
    are allowed too (a float, which must be finite). Leading zeros are read (`007` is 7).
    """
    if _INTEGER.fullmatch(text) is not None:
        try:
            return int(text)
        except ValueError:  # more digits than `int()` reads: a float if one may be
            pass
    if fraction and _NUMBER.fullmatch(text) is not None:
        value = float(text)
        return value if math.isfinite(value) else None
    return None
