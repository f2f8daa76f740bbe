"""The store's size chart (``store_docs/size-charts.md``) as numbers: apparel here is
sized XS-XXL, so a shopper's waist size in inches ("jeans in 32") is answered with the
letter size the chart gives for it, never with "we don't carry 32"."""

from __future__ import annotations

import re
from functools import lru_cache

from tools.store_info import DOCS_DIR

CM_PER_INCH = 2.54
_WAIST = re.compile(r"Waist in centimetres: (.+)")
_RANGE = re.compile(r"(XXL|XL|XS|S|M|L) (\d+)-(\d+)")


@lru_cache(maxsize=1)
def waist_ranges() -> dict[str, tuple[float, float]]:
    """Letter size -> waist range in cm, read from the chart's "Jeans and trousers" section."""
    text = (DOCS_DIR / "size-charts.md").read_text(encoding="utf-8")
    line = _WAIST.search(text)
    if line is None:
        return {}
    return {size: (float(low), float(high)) for size, low, high in _RANGE.findall(line.group(1))}


def size_for_waist(inches: int) -> str | None:
    """The letter size whose waist range holds ``inches`` (the smaller size at a boundary)."""
    cm = inches * CM_PER_INCH
    return next((size for size, (low, high) in waist_ranges().items() if low <= cm <= high), None)
