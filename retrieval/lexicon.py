"""The catalog's own vocabulary, learnt from its 44k titles: spelling correction against
it, and which product type a title word names.

Why from the catalog and not from a word list: shoppers misspell brands and types the
lists never had ("addidas", "kurtha", "snekers"), and name products by words only the
titles use ("polo", "loafers", "chinos"). The titles already hold those words with their
article types, so the same data that is searched teaches the understanding."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from symspellpy import SymSpell, Verbosity

from retrieval.vocabulary import ARTICLE_TYPES, COLOURS, GENDERS, SEASONS, USAGES

_TOKEN = re.compile(r"[a-z][a-z']*[a-z]|[a-z]")
# A title word names a type when at least this many titles use it and this share of them are that type.
MIN_TITLES = 12
MIN_SHARE = 0.75
ENGLISH_MIN_COUNT = 1_000_000
# Words too common in shoppers' messages to be corrected or read as a product.
_MESSAGE_WORDS = {"pls", "plz", "thx", "thanks", "hii", "hiii", "ok", "okay", "btw", "lol", "wanna", "gonna",
                  "gimme", "u", "ur", "bday", "b'day", "ya", "yaa", "yea", "yeah", "nope", "hey"}


@dataclass(frozen=True)
class TypeGuess:
    word: str
    field: str  # "article_type" or "sub_category"
    value: str
    share: float  # of the titles using the word, the share that are this type
    titles: int


class CatalogLexicon:
    """Built once per process from ``(title, article_type, sub_category)`` rows."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        by_word: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        counts: Counter[str] = Counter()
        types: set[str] = set()
        for title, article_type, sub_category in rows:
            types.add(article_type)
            words = set(_TOKEN.findall(title.lower()))
            counts.update(words)
            for word in words:
                by_word[word][("article_type", article_type)] += 1
                by_word[word][("sub_category", sub_category)] += 1
        self.title_counts = counts
        self.article_types = sorted(types)
        self._by_word = by_word
        self._vocabulary = _vocabulary_words()
        self.catalog_words = set(counts) | self._vocabulary
        self._english = _english_words()
        self._speller = _speller(self._english, self.catalog_words)

    def correct(self, text: str, keep: frozenset[str] = frozenset()) -> tuple[str, dict[str, str]]:
        """``text`` with misspelt words replaced by the nearest catalog word (or English
        word), and what was replaced. Known words, words in ``keep`` (the caller's own
        vocabulary: occasions, shorthand), possessives, short words and non-Latin text stay."""
        corrections: dict[str, str] = {}

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lowered = word.lower()
            if (len(lowered) < 4 or "'" in lowered or lowered in self.catalog_words or lowered in self._english
                    or lowered in _MESSAGE_WORDS or lowered in keep or lowered.rstrip("s") in keep):
                return word
            best = self._best(lowered)
            if best is None or best == lowered:
                return word
            corrections[lowered] = best
            return best

        fixed = re.sub(r"[A-Za-z][A-Za-z']*[A-Za-z]", fix, text)
        return fixed, corrections

    def _best(self, word: str) -> str | None:
        """The nearest known word: catalog words first (the one more titles use), English
        words only one edit away (two edits reach too many unrelated words)."""
        distance = 1 if len(word) <= 6 else 2
        suggestions = self._speller.lookup(word, Verbosity.ALL, max_edit_distance=distance, transfer_casing=False)
        for nearest in sorted({s.distance for s in suggestions}):
            tied = [s.term for s in suggestions if s.distance == nearest]
            in_catalog = [t for t in tied if t in self.catalog_words]
            if in_catalog:
                return max(in_catalog, key=lambda t: (t in self._vocabulary, self.title_counts.get(t, 0)))
            if nearest == 1:
                return max(tied, key=lambda t: self._english.get(t, 0))
        return None

    def type_of(self, words: Iterable[str]) -> TypeGuess | None:
        """The product type the titles say these words name, the surest first: e.g.
        'polo' -> Tshirts, 'loafers' -> Casual Shoes; None when no word is specific."""
        best: TypeGuess | None = None
        for word in words:
            counter = self._by_word.get(word.lower())
            if not counter:
                continue
            total = sum(n for (field, _), n in counter.items() if field == "sub_category")  # one per title
            if total < MIN_TITLES:
                continue
            # the article type when the titles agree on one, else their sub-category
            for wanted in ("article_type", "sub_category"):
                field, value, n = max(((f, v, n) for (f, v), n in counter.items() if f == wanted),
                                      key=lambda t: t[2])
                share = n / total
                if share >= MIN_SHARE:
                    if best is None or share > best.share:
                        best = TypeGuess(word.lower(), field, value, round(share, 3), total)
                    break
        return best

    def knows(self, word: str) -> bool:
        """A word of the catalog's titles or of the store's vocabulary."""
        return word.lower() in self.catalog_words


def _vocabulary_words() -> set[str]:
    words: set[str] = set()
    for table in (ARTICLE_TYPES, COLOURS, GENDERS, USAGES, SEASONS):
        for phrase in table:
            words.update(_TOKEN.findall(phrase.lower()))
    return words


def _english_words() -> dict[str, int]:
    """Common English words with their corpus counts (symspellpy's frequency list):
    known words are never "corrected"; the rarest are left out, being mostly misspellings
    themselves."""
    words = {}
    with resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, count = line.split()
            if int(count) >= ENGLISH_MIN_COUNT:
                words[word] = int(count)
    return words


def _speller(english: dict[str, int], catalog_words: set[str]) -> SymSpell:
    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word in set(english) | catalog_words:
        if len(word) >= 3:
            speller.create_dictionary_entry(word, 1)
    return speller


_CACHE: dict[int, CatalogLexicon] = {}


def lexicon_for(rows: list[tuple[str, str, str]]) -> CatalogLexicon:
    """One lexicon per distinct catalog in this process (building one takes seconds)."""
    key = hash(tuple(rows))
    if key not in _CACHE:
        if len(_CACHE) >= 2:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = CatalogLexicon(rows)
    return _CACHE[key]
