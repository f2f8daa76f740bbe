"""The brief for writers of new language-benchmark conversations (``atelier eval
language-brief``).

Why: a round of the benchmark is written by helpers who never saw the parser, so what they
are told is all they know of the store: the expectation schema (read from the models in
``evals/language.py``, so it cannot drift), the store's conventions
(``evals/language_brief.md``), dev conversations as examples (never a test one), the help
pages and a summary of the catalog read from the ingested database. Building it from these
sources keeps every round's brief the same apart from its task."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from pydantic import BaseModel

from catalog import CatalogDB
from evals.language import Conversation, Expect, Need, OutfitExpect

TEMPLATE = Path(__file__).with_name("language_brief.md")
HELP_PAGES = Path(__file__).resolve().parent.parent / "tools" / "store_docs"
_GENDER_WORDS = frozenset({"men", "women", "boys", "girls", "unisex", "kids", "men's", "women's"})


def schema_text() -> str:
    """Each expectation field with its type and description, from the pydantic models."""
    parts = []
    for model, heading in (
        (Expect, "`expect`"),
        (Need, "a need (`each`, `needs[]`, `outfit.includes[]`)"),
        (OutfitExpect, "`outfit`"),
    ):
        parts.append(f"{heading}:\n")
        parts.extend(_field_lines(model))
        parts.append("")
    return "\n".join(parts)


def _field_lines(model: type[BaseModel]) -> list[str]:
    lines = []
    for name, field in model.model_fields.items():
        kind = _type_name(field.annotation)
        description = field.description or ""
        lines.append(f"- `{name}` ({kind}){': ' + description if description else ''}")
    return lines


def _type_name(annotation: object) -> str:
    """``bool``, ``str | list[str] | None``: the annotation as a writer would read it."""
    text = annotation.__name__ if isinstance(annotation, type) else str(annotation)
    return text.replace("typing.", "").replace("evals.language.", "")


def pick_examples(suite: list[Conversation], seed: int, english: int = 3, chinese: int = 1) -> list[Conversation]:
    """Dev conversations only (a test conversation is never shown to anyone), ``english`` +
    ``chinese`` per category, drawn with ``seed`` so a brief can be rebuilt."""
    rng = random.Random(seed)
    by_category: dict[tuple[str, str], list[Conversation]] = defaultdict(list)
    for conversation in suite:
        if conversation.split == "dev":
            by_category[(conversation.category, conversation.lang)].append(conversation)
    chosen: list[Conversation] = []
    for (_category, lang), conversations in sorted(by_category.items()):
        wanted = english if lang == "en" else chinese
        chosen.extend(rng.sample(conversations, min(wanted, len(conversations))))
    return chosen


def catalog_summary(db: CatalogDB) -> str:
    """Kinds (with sizes, genders, usages and price range), colours and brands, as a table a
    writer can pick catalog values from."""
    kinds: dict[tuple[str, str], dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    prices: dict[tuple[str, str], list[float]] = defaultdict(list)
    colours: Counter[str] = Counter()
    brands: Counter[str] = Counter()
    for record in db.iter_records():
        key = (record.sub_category, record.article_type)  # a kind may sit in two sub-categories
        kind = kinds[key]
        kind["gender"][record.gender] += 1
        if record.usage:
            kind["usage"][record.usage] += 1
        prices[key].append(record.price)
        if record.colour:
            colours[record.colour] += 1
        brand = _brand(record.title)
        if brand:
            brands[brand] += 1
    lines = [
        "| category / sub-category / article_type | products | sizes | genders | usages | price p10-p50-p90 |",
        "|---|---|---|---|---|---|",
    ]
    for master, sub, kind_name, sizes, count in db.sizes_by_kind():
        kind = kinds[(sub, kind_name)]
        lines.append(
            f"| {master} / {sub} / **{kind_name}** | {count} | {' '.join(sizes)} | "
            f"{_top(kind['gender'])} | {_top(kind['usage'])} | {_deciles(prices[(sub, kind_name)])} |"
        )
    lines += ["", "Colours (products): " + ", ".join(f"{c} ({n})" for c, n in colours.most_common())]
    lines += [
        "",
        "Brands (products, those with 20 or more): "
        + ", ".join(f"{b} ({n})" for b, n in brands.most_common() if n >= 20),
    ]
    return "\n".join(lines)


def _brand(title: str) -> str | None:
    """The words of a title before its gender word ("Puma Men Blue T-shirt" → Puma)."""
    words = title.split()
    for index, word in enumerate(words):
        if word.lower() in _GENDER_WORDS:
            return " ".join(words[:index]) or None
    return None


def _top(counter: Counter[str]) -> str:
    return ", ".join(f"{value} ({n})" for value, n in counter.most_common(4))


def _deciles(values: list[float]) -> str:
    ordered = sorted(values)
    if not ordered:
        return ""
    pick = [ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.1, 0.5, 0.9)]
    return "-".join(f"{p:.0f}" for p in pick)


def help_pages() -> str:
    """The English help pages, each under its name."""
    return "\n\n".join(
        f"### {path.stem}\n\n{_demoted(path.read_text(encoding='utf-8').strip())}"
        for path in sorted(HELP_PAGES.glob("*.md"))
    )


def _demoted(page: str) -> str:
    """A page's headings two levels down, under the brief's own."""
    return re.sub(r"^(#+) ", lambda m: "#" * min(6, len(m.group(1)) + 2) + " ", page, flags=re.M)


def build_brief(
    prefix: str,
    task: str,
    lang: str,
    out_file: Path,
    suite: list[Conversation],
    db: CatalogDB,
    seed: int = 0,
    atelier: str = "atelier",
) -> str:
    """The whole brief for one batch: ``prefix`` its id letters, ``task`` what it is about."""
    if not re.fullmatch(r"[A-Z]{1,3}", prefix):
        raise ValueError("prefix must be 1 to 3 capital letters")
    if not db.count():
        raise ValueError(f"no products in {db.path}: run `atelier ingest` first, or set ATELIER_DATA_DIR")
    examples = "\n".join(c.model_dump_json(exclude_defaults=True) for c in pick_examples(suite, seed))
    validate = (
        f"cd {Path(__file__).resolve().parent.parent} && {atelier} eval language --validate --data {out_file.parent}"
    )
    replacements = {
        "__PFX__": prefix,
        "__TASK__": task.strip(),
        "__LANG__": lang,
        "__OUT__": str(out_file),
        "__SCHEMA__": schema_text(),
        "__VALIDATE__": validate,
        "__EXAMPLES__": f"```jsonl\n{examples}\n```",
        "__HELP__": help_pages(),
        "__CATALOG__": catalog_summary(db),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    return text
