"""The store's size chart (``store_docs/size-charts.md``) as numbers: apparel here is
sized XS-XXL, so a shopper's waist or chest size in inches ("jeans in 32", "a shirt in
size 40") is answered with the letter size the chart gives for it, never with "we don't
carry 32"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from tools.store_info import DOCS_DIR

CM_PER_INCH = 2.54
_RANGE = re.compile(r"(XXL|XL|XS|S|M|L) (\d+)-(\d+)")
Measure = Literal["Waist", "Chest", "Bust"]


@lru_cache(maxsize=3)
def measure_ranges(measure: Measure) -> dict[str, tuple[float, float]]:
    """Letter size -> range in cm of one measure, read from the chart's "<Measure> in
    centimetres:" line (waist: jeans and trousers; chest: men's shirts; bust: women's tops)."""
    text = (DOCS_DIR / "size-charts.md").read_text(encoding="utf-8")
    line = re.search(rf"{measure} in centimetres: (.+)", text)
    if line is None:
        return {}
    return {size: (float(low), float(high)) for size, low, high in _RANGE.findall(line.group(1))}


def size_for(inches: int, measure: Measure) -> str | None:
    """The letter size whose range of ``measure`` holds ``inches`` (the smaller size at a boundary)."""
    cm = inches * CM_PER_INCH
    return next((size for size, (low, high) in measure_ranges(measure).items() if low <= cm <= high), None)


def size_for_waist(inches: int) -> str | None:
    return size_for(inches, "Waist")
