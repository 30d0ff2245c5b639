"""Quarter arithmetic: the model's clock is one step per quarter.

Dates are written ``2022Q3``; a model's step ``t`` is ``t`` quarters after
its scenario's start date.
"""

from __future__ import annotations

import re

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def parse_quarter(text: str) -> int:
    """Return the absolute quarter index (year * 4 + quarter - 1) of ``2022Q3``."""
    match = _QUARTER.match(str(text).strip())
    if not match:
        raise ValueError(f"{text!r} is not a quarter like 2022Q3")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def format_quarter(index: int) -> str:
    """Inverse of :func:`parse_quarter`."""
    return f"{index // 4}Q{index % 4 + 1}"
