"""Colour harmony rules for outfits: neutrals go with anything, tones of one family
are monochrome, some families are complementary, some clash."""

from __future__ import annotations

from itertools import combinations

NEUTRALS = {
    "Black",
    "White",
    "Grey",
    "Navy Blue",
    "Beige",
    "Brown",
    "Cream",
    "Off White",
    "Khaki",
    "Charcoal",
    "Tan",
    "Grey Melange",
    "Silver",
    "Steel",
    "Gold",
    "Nude",
    "Skin",
    "Taupe",
    "Coffee Brown",
    "Mushroom Brown",
    "Metallic",
    "Bronze",
    "Copper",
}
FAMILY = {
    "Red": "red",
    "Maroon": "red",
    "Burgundy": "red",
    "Rust": "red",
    "Rose": "red",
    "Pink": "pink",
    "Magenta": "pink",
    "Peach": "pink",
    "Mauve": "pink",
    "Orange": "orange",
    "Yellow": "yellow",
    "Mustard": "yellow",
    "Green": "green",
    "Olive": "green",
    "Sea Green": "green",
    "Lime Green": "green",
    "Fluorescent Green": "green",
    "Blue": "blue",
    "Turquoise Blue": "blue",
    "Teal": "blue",
    "Purple": "purple",
    "Lavender": "purple",
    "Multi": "multi",
}
CLASHES = {
    frozenset(p)
    for p in [
        ("red", "pink"),
        ("red", "orange"),
        ("pink", "orange"),
        ("orange", "purple"),
        ("red", "green"),
        ("multi", "multi"),
    ]
}
COMPLEMENTARY = {
    frozenset(p)
    for p in [("blue", "orange"), ("blue", "yellow"), ("purple", "yellow"), ("green", "purple"), ("blue", "red")]
}


def is_neutral(colour: str | None) -> bool:
    return colour is None or colour in NEUTRALS


def family(colour: str | None) -> str | None:
    if colour is None or is_neutral(colour):
        return None
    return FAMILY.get(colour, colour.lower())


def pair_score(a: str | None, b: str | None) -> float | None:
    """Harmony of two colours in [0, 1]; None when they clash."""
    fa, fb = family(a), family(b)
    if fa is None or fb is None:
        return 1.0
    if fa == fb:
        return None if fa == "multi" else 0.8
    pair = frozenset((fa, fb))
    if pair in CLASHES or "multi" in pair:
        return None
    return 0.7 if pair in COMPLEMENTARY else 0.3


def harmony(colours: list[str | None]) -> float | None:
    """Mean pair score of an outfit's colours; None if any pair clashes or more than two
    non-neutral families compete."""
    if len({family(c) for c in colours} - {None}) > 2:
        return None
    scores = [pair_score(a, b) for a, b in combinations(colours, 2)]
    known = [s for s in scores if s is not None]
    if len(known) < len(scores):
        return None
    return sum(known) / len(known) if known else 1.0


def describe(colours: list[str | None]) -> str:
    """One grounded sentence on why these colours work together."""
    named = [c for c in colours if c]
    accents = sorted({c for c in named if not is_neutral(c)})
    neutrals = sorted({c for c in named if is_neutral(c)})
    if not accents:
        return f"all neutrals ({', '.join(neutrals)}), so every piece goes with every other"
    families = {f for c in accents if (f := family(c)) is not None}
    if len(families) == 1 and len(accents) > 1:
        return f"tones of one colour ({', '.join(accents)})" + (
            f" grounded by {', '.join(neutrals)}" if neutrals else ""
        )
    if len(families) == 2:
        a, b = sorted(families)
        kind = "complementary" if frozenset((a, b)) in COMPLEMENTARY else "contrasting"
        return f"{' and '.join(accents)} are {kind} accents" + (f" against {', '.join(neutrals)}" if neutrals else "")
    return f"{accents[0]} is the one accent colour" + (f" against neutral {', '.join(neutrals)}" if neutrals else "")


def _families_named(families: set[str]) -> str:
    return " or ".join(sorted(f.capitalize() for f in families))


def clashes_with(colours: list[str], palette: list[str]) -> list[str]:
    """The colours of ``palette`` that clash with any of ``colours`` (to leave out of a list
    of pieces asked to go with a piece of those colours)."""
    return [c for c in palette if any(pair_score(colour, c) is None for colour in colours)]


def advice(asked: list[str], with_colours: list[str]) -> str:
    """One sentence answering "what colour X goes with Y" (``asked`` empty) or "does a
    mustard kurta go with a white churidar" by the harmony rules above; ``with_colours``:
    the colours of the piece they go with."""
    worn = next((c for c in with_colours if not is_neutral(c)), with_colours[0] if with_colours else None)
    if worn is None:
        return ""
    if asked:
        return " ".join(_verdict(colour, worn) for colour in asked[:2])
    if is_neutral(worn):
        return (
            f"{worn} is a neutral, so most colours go with it: neutrals (Black, White, Grey, Brown, Tan) are the "
            "classic choice, and one bright colour works as an accent."
        )
    own = family(worn) or ""
    complementary = {f for pair in COMPLEMENTARY if own in pair for f in pair} - {own}
    clashing = {f for pair in CLASHES if own in pair for f in pair} - {own, "multi"}
    accent = f", {_families_named(complementary)} is a complementary accent," if complementary else ""
    sentence = (
        f"With {worn}, neutrals (Black, White, Beige, Grey) are the safe choice{accent} "
        f"and tones of {own} make a one-colour look."
    )
    return sentence + (f" {_families_named(clashing)} would clash." if clashing else "")


def _verdict(colour: str, worn: str) -> str:
    if colour == worn:
        return f"Yes: {colour} with {colour} is a one-colour look."
    if is_neutral(worn):
        return f"Yes: {worn} is a neutral, so {colour} goes with it."
    if is_neutral(colour):
        return f"Yes: {colour} is a neutral, so it goes with {worn}."
    score = pair_score(colour, worn)
    if score is None:
        return f"{colour} and {worn} clash; a neutral (Black, White, Beige, Grey) is the safer choice."
    if score >= 0.8:
        return f"Yes: {colour} and {worn} are tones of one colour, a one-colour look."
    if score >= 0.7:
        return f"Yes: {colour} and {worn} are complementary colours; they set each other off."
    return f"{colour} and {worn} contrast: a bold pairing; a neutral is the safer choice."
