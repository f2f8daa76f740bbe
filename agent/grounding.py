"""The grounding checker: every product an answer names must be among this turn's
tool results, and every price, discount, size, stock and colour claim must match the
catalog at that moment. Violating sentences are repaired (regenerated from the facts)
and counted. Used on every agent answer and by the eval harness.

It reads sentences (lines and sentence ends), finds which of the turn's products each
sentence talks about (by title), and checks the claims in that sentence against those
products' current SQLite records."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from catalog import CatalogDB, ProductRecord
from retrieval.vocabulary import ARTICLE_TYPES, COLOURS, GENDERS, SEASONS, USAGES

_PRICE = re.compile(r"(?:₹|rs\.?\s?|inr\s?)\s?(\d[\d,]*(?:\.\d+)?)", re.I)
_DISCOUNT = re.compile(r"(\d{1,2})\s?%\s?(?:off|discount)", re.I)
_ONLY_LEFT = re.compile(r"only (\d+) left(?: in (?:size )?(One Size|UK\d{1,2}|XXL|XL|XS|S|M|L)\b)?", re.I)
_IN_STOCK_SIZES = re.compile(r"in stock in ([A-Za-z0-9 ,]+?)(?:[.;·(]|$)", re.I)
_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?](?=\s|$)|\n|$)")
# Capitalised words that describe rather than name: "Navy Blue Shirts" and "Beige Chinos
# Trousers" (a kind's own word before its type, as list headings say it) are not products.
_DESCRIPTIVE = (
    {w.lower() for phrase in list(COLOURS) + list(GENDERS) + list(USAGES) + list(SEASONS) for w in phrase.split()}
    | {p for p, (f, _) in ARTICLE_TYPES.items() if f == "article_type" and p.isascii() and " " not in p}
    | {"option", "here", "your", "our", "the", "a", "an", "some", "all", "new"}
)
_TYPE_NOUNS = sorted(
    {p for p, (f, _) in ARTICLE_TYPES.items() if f == "article_type" and p.isascii() and " " not in p and len(p) > 3},
    key=len,
    reverse=True,
)
# A capitalised product-like name ending in an article noun: "Zara Men Blue Slim Shirt".
_PRODUCT_NAME = re.compile(r"\b(?:[A-Z][\w'&-]*\s){2,8}(?:" + "|".join(t.capitalize() for t in _TYPE_NOUNS) + r")s?\b")


# Capitalised words that open a sentence before a product's title, not part of it.
_LEADING_WORD = re.compile(r"^(?:About|Of|For|Yes|Sorry|Added|Removed|Changed|Similar|To|And|Or|Than|Also)\s+")

_COLOUR_PHRASES = sorted((w for w in COLOURS if w.isascii()), key=len, reverse=True)


class Violation(BaseModel):
    kind: str
    sentence: str
    detail: str
    product_id: str | None = None


class GroundingReport(BaseModel):
    claims_checked: int = 0
    violations: list[Violation] = Field(default_factory=list)
    repaired_answer: str

    @property
    def ok(self) -> bool:
        return not self.violations


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def _fact_sentence(p: ProductRecord) -> str:
    """The sentence a repair puts in place of a wrong one: only catalog facts."""
    discount = f", {p.discount_pct}% off ₹{p.list_price:.0f}" if p.discount_pct else ""
    sizes = f"in stock in {', '.join(p.sizes_in_stock)}" if p.sizes_in_stock else "sold out"
    return f"{p.title}: ₹{p.price:.0f}{discount}, {p.colour or 'colour not listed'}, {sizes}."


def _sentences(answer: str, products: list[ProductRecord]) -> list[str]:
    """Sentences and lines of ``answer``; product titles stay whole even when they
    contain full stops ("U.S. Polo Assn. Men ...")."""
    masked = answer
    titles = sorted({p.title for p in products}, key=len, reverse=True)
    for i, title in enumerate(titles):
        masked = masked.replace(title, f"\x00{i}\x00")
    out = []
    for match in _SENTENCE.finditer(masked):
        piece = match.group(0)
        for i, title in enumerate(titles):
            piece = piece.replace(f"\x00{i}\x00", title)
        out.append(piece)
    return out


class GroundingChecker:
    def __init__(self, db: CatalogDB) -> None:
        self.db = db

    def check(
        self, answer: str, turn_products: list[ProductRecord], totals: list[float] | None = None
    ) -> GroundingReport:
        """Check ``answer`` against the current records of ``turn_products`` (re-read from
        SQLite, so a price changed mid-turn is caught); ``totals`` are allowed sums."""
        current = self.db.get_records([p.id for p in turn_products])
        missing = [p.id for p in turn_products if p.id not in current]
        products = [current[p.id] for p in turn_products if p.id in current]
        report = GroundingReport(repaired_answer=answer)
        report.violations += [
            Violation(kind="unknown_product", sentence="", detail=f"id {pid} is not in the catalog", product_id=pid)
            for pid in missing
        ]
        repaired = answer
        for sentence in _sentences(answer, products):
            if not sentence.strip():
                continue
            found, checked = self._check_sentence(sentence, products, totals or [])
            report.claims_checked += checked
            if found:
                report.violations += found
                named = [p for p in products if p.title in sentence]
                replacement = " ".join(_fact_sentence(p) for p in named) if named else ""
                repaired = repaired.replace(sentence.strip(), replacement.strip(), 1)
        report.repaired_answer = re.sub(r"[ \t]+\n", "\n", repaired).strip()
        return report

    def _check_sentence(
        self, sentence: str, products: list[ProductRecord], totals: list[float]
    ) -> tuple[list[Violation], int]:
        violations: list[Violation] = []
        named = [p for p in products if p.title in sentence]
        checked = len(named)
        for found in _PRODUCT_NAME.findall(sentence):
            name = _LEADING_WORD.sub("", found)  # "About Police Men White Dial Watch ...:": the title after it
            if all(w.lower() in _DESCRIPTIVE for w in name.split()[:-1]):
                continue
            if not any(name.strip() in p.title or p.title in name for p in products):
                violations.append(
                    Violation(
                        kind="unknown_product",
                        sentence=sentence.strip(),
                        detail=f"{name.strip()!r} is not among this turn's products",
                    )
                )
                checked += 1
        if not named:
            return violations, checked
        allowed_prices = {p.price for p in named} | {p.list_price for p in named} | set(totals)
        allowed_prices.add(round(sum(p.price for p in named), 2))
        for match in _PRICE.finditer(sentence):
            checked += 1
            value = _amount(match.group(1))
            if not any(abs(value - a) < 0.51 for a in allowed_prices):
                violations.append(
                    Violation(
                        kind="price",
                        sentence=sentence.strip(),
                        product_id=named[0].id,
                        detail=f"₹{value:.0f} is not the price of {named[0].title}",
                    )
                )
        for match in _DISCOUNT.finditer(sentence):
            checked += 1
            if int(match.group(1)) not in {p.discount_pct for p in named}:
                violations.append(
                    Violation(
                        kind="discount",
                        sentence=sentence.strip(),
                        product_id=named[0].id,
                        detail=f"{match.group(1)}% is not its discount",
                    )
                )
        violations += self._stock_claims(sentence, named)
        checked += len(_ONLY_LEFT.findall(sentence)) + len(_IN_STOCK_SIZES.findall(sentence))
        if len(named) == 1:
            checked += 1
            violations += self._colour_claims(sentence, named[0])
        return violations, checked

    @staticmethod
    def _stock_claims(sentence: str, named: list[ProductRecord]) -> list[Violation]:
        found = []
        for match in _ONLY_LEFT.finditer(sentence):
            units, size = int(match.group(1)), match.group(2)
            ok = any(
                (size is None and units in p.stock.values()) or p.stock.get(size or "", -1) == units for p in named
            )
            if not ok:
                found.append(
                    Violation(
                        kind="stock",
                        sentence=sentence.strip(),
                        product_id=named[0].id,
                        detail=f"'only {units} left' does not match the stock",
                    )
                )
        for match in _IN_STOCK_SIZES.finditer(sentence):
            sizes = [s.strip() for s in re.split(r",|and", match.group(1)) if s.strip()]
            if not any(all(s in p.sizes_in_stock for s in sizes) for p in named):
                found.append(
                    Violation(
                        kind="size",
                        sentence=sentence.strip(),
                        product_id=named[0].id,
                        detail=f"sizes {sizes} are not all in stock",
                    )
                )
        return found

    @staticmethod
    def _colour_claims(sentence: str, product: ProductRecord) -> list[Violation]:
        rest = sentence.replace(product.title, " ").lower()
        claimed = set()
        for phrase in _COLOUR_PHRASES:  # longest first: "off white" is not a claim of "white"
            pattern = rf"\b{re.escape(phrase)}\b"
            if re.search(pattern, rest):
                claimed.add(COLOURS[phrase])
                rest = re.sub(pattern, " ", rest)
        allowed = {product.colour} | {c for c in COLOURS.values() if c.lower() in product.title.lower()}
        wrong = sorted(c for c in claimed if c not in allowed)
        if wrong:
            return [
                Violation(
                    kind="colour",
                    sentence=sentence.strip(),
                    product_id=product.id,
                    detail=f"{product.title} is {product.colour}, not {', '.join(wrong)}",
                )
            ]
        return []
