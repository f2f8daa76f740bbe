"""``SearchFilters`` -> the store-neutral ``FilterSpec`` pushed into the Qdrant query,
and the same constraints checked on a hydrated product (SQLite is the truth; the
index payload may lag a price or stock change by one sync)."""

from __future__ import annotations

from catalog import ProductRecord
from retrieval.query_parser import SearchFilters
from retrieval.stores.base import Condition, FilterSpec, IsEmpty, MatchAny, Range, TextMatch, TextMatchAny
from retrieval.vocabulary import title_word_forms


def _values(value: str | list[str] | None) -> tuple[str, ...]:
    return () if value is None else (value,) if isinstance(value, str) else tuple(value)


# The catalog labels most of its cold-weather wear "Fall" (240 sweaters Fall, 13 Winter;
# 152 jackets Fall, 7 Winter), so a shopper's winter is either label.
_SEASON_LABELS = {"Winter": ("Winter", "Fall")}


def _seasons(value: str | list[str] | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label for season in _values(value) for label in _SEASON_LABELS.get(season, (season,))))


def genders_for(gender: str) -> tuple[str, ...]:
    """Unisex products suit everyone; "Unisex" alone means only unisex products."""
    return (gender,) if gender == "Unisex" else (gender, "Unisex")


def _title_has(term: str) -> TextMatch | TextMatchAny:
    """A title word asked for, in any of the ways the titles spell it; a phrase as said."""
    forms = title_word_forms(term)
    return TextMatchAny("title", forms) if len(forms) > 1 else TextMatch("title", term)


def _title_says(title: str, term: str) -> bool:
    """``violations``' reading of ``_title_has`` on a hydrated product's title."""
    return any(form.replace("-", " ") in title for form in title_word_forms(term))


def to_filter_spec(filters: SearchFilters) -> FilterSpec:
    must: list[Condition] = []
    if filters.gender:
        must.append(MatchAny("gender", genders_for(filters.gender)))
    for key in ("article_type", "sub_category", "category", "colour", "usage", "season"):
        values = _seasons(filters.season) if key == "season" else _values(getattr(filters, key))
        if values:
            must.append(MatchAny(key, values))
    if filters.price_min is not None or filters.price_max is not None:
        must.append(Range("price", gte=filters.price_min, lte=filters.price_max))
    if filters.size:
        must.append(MatchAny("sizes_in_stock", (filters.size,)))
    must += [_title_has(term) for term in filters.include_terms]
    must_not: list[Condition] = []
    if filters.in_stock_only:
        must_not.append(IsEmpty("sizes_in_stock"))
    if filters.exclude_colours:
        must_not.append(MatchAny("colour", tuple(filters.exclude_colours)))
    if filters.exclude_article_types:
        must_not.append(MatchAny("article_type", tuple(filters.exclude_article_types)))
    must_not += [_title_has(term) for term in filters.exclude_terms]
    return FilterSpec(must=tuple(must), must_not=tuple(must_not))


def violations(record: ProductRecord, filters: SearchFilters) -> dict[str, object]:
    """Which constraints ``record`` breaks, with its actual value (empty when it fits)."""
    broken: dict[str, object] = {}
    if filters.gender and record.gender not in genders_for(filters.gender):
        broken["gender"] = record.gender
    for key, actual in (
        ("article_type", record.article_type),
        ("sub_category", record.sub_category),
        ("category", record.category),
        ("colour", record.colour),
        ("usage", record.usage),
        ("season", record.season),
    ):
        wanted = _seasons(filters.season) if key == "season" else _values(getattr(filters, key))
        if wanted and actual not in wanted:
            broken[key] = actual
    if filters.price_min is not None and record.price < filters.price_min:
        broken["price"] = record.price
    if filters.price_max is not None and record.price > filters.price_max:
        broken["price"] = record.price
    if filters.size and filters.size not in record.sizes_in_stock:
        broken["size"] = record.sizes_in_stock
    if filters.in_stock_only and not record.in_stock:
        broken["in_stock"] = False
    if record.colour in filters.exclude_colours:
        broken["exclude_colours"] = record.colour
    if record.article_type in filters.exclude_article_types:
        broken["exclude_article_types"] = record.article_type
    title = record.title.lower().replace("-", " ")  # "V-Neck" holds the words "v neck", as the text index reads it
    if any(_title_says(title, term) for term in filters.exclude_terms):
        broken["exclude_terms"] = record.title
    if not all(_title_says(title, term) for term in filters.include_terms):
        broken["include_terms"] = record.title
    return broken


def payload_for(record: ProductRecord, content_hash: str) -> dict:
    """The index payload of a product: every filterable field, mirrored from SQLite."""
    payload = {
        "id": record.id,
        "title": record.title,
        "gender": record.gender,
        "article_type": record.article_type,
        "sub_category": record.sub_category,
        "category": record.category,
        "price": record.price,
        "in_stock": record.in_stock,
        "sizes_in_stock": record.sizes_in_stock,
        "content_hash": content_hash,
    }
    for key in ("colour", "season", "usage"):
        if getattr(record, key):
            payload[key] = getattr(record, key)
    return payload
