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
    return letter_for(inches, measure)


def size_for_waist(inches: int) -> str | None:
    return size_for(inches, "Waist")


def measure_of(sub_categories: set[str | None], gender: str | None) -> Measure | None:
    """Which body measure a garment's letter sizes are charted by: the waist for bottoms,
    the bust or chest for tops and dresses; none for anything else."""
    if sub_categories <= {"Bottomwear"}:
        return "Waist"
    if sub_categories <= {"Topwear", "Dress"}:
        return "Bust" if gender in ("Women", "Girls") else "Chest"
    return None


# "UK 5 = EU 38 (24 cm foot length), UK 6 = EU 39 (24.5 cm)": the chart's footwear line
_FOOT = re.compile(r"UK\s+(\d+)\s+=\s+EU\s+[\d/]+\s+\((\d+(?:\.\d+)?)\s+cm")


@lru_cache(maxsize=1)
def foot_lengths() -> dict[float, int]:
    """Foot length in cm -> UK size, read from the chart's footwear line."""
    text = (DOCS_DIR / "size-charts.md").read_text(encoding="utf-8")
    return {float(cm): int(uk) for uk, cm in _FOOT.findall(text)}


def uk_for_foot(cm: float) -> int | None:
    """The UK size whose foot length on the chart is nearest ``cm`` (none more than 1 cm off)."""
    lengths = foot_lengths()
    nearest = min(lengths, key=lambda length: abs(length - cm), default=None)
    return lengths[nearest] if nearest is not None and abs(nearest - cm) <= 1 else None


_GARMENTS = {"Waist": "jeans and trousers", "Chest": "men's shirts and t-shirts", "Bust": "women's tops and dresses"}


def letter_for(number: int, measure: Measure, in_cm: bool = False) -> str | None:
    """The letter size of a body measure said in inches or centimetres (none off the chart)."""
    cm = float(number) if in_cm else number * CM_PER_INCH
    return next((size for size, (low, high) in measure_ranges(measure).items() if low <= cm <= high), None)


def advice(number: int, measure: Measure, in_cm: bool = False) -> str:
    """The chart's answer for a body measure, with the range that decides it ("For a waist of
    32 inches (81 cm), take size M in our jeans and trousers: M is a waist of 79-84 cm.")."""
    cm = float(number) if in_cm else number * CM_PER_INCH
    said = f"For a {measure.lower()} of " + (f"{number} cm" if in_cm else f"{number} inches ({cm:.0f} cm)")
    ranges = measure_ranges(measure)
    size = letter_for(number, measure, in_cm)
    if not ranges:
        return f"{said}: our size chart has no {measure.lower()} sizes."
    if size is None:
        first, last = next(iter(ranges)), list(ranges)[-1]
        return (
            f"{said}, our size chart for {_GARMENTS[measure]} has no size: it runs from {first} "
            f"({ranges[first][0]:.0f} cm) to {last} ({ranges[last][1]:.0f} cm)."
        )
    low, high = ranges[size]
    garments = _GARMENTS[measure]
    return f"{said}, take size {size} in our {garments}: {size} is a {measure.lower()} of {low:.0f}-{high:.0f} cm."
