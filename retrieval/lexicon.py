"""The catalog's own vocabulary, learnt from its 44k titles: spelling correction against
it, and which product type a title word names.

Why from the catalog and not from a word list: shoppers misspell brands and types the
lists never had ("addidas", "kurtha", "snekers"), and name products by words only the
titles use ("polo", "loafers", "chinos"). The titles already hold those words with their
article types, so the same data that is searched teaches the understanding."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise

from symspellpy import SymSpell, Verbosity

from retrieval.chinese_spelling import SHOPPING_PHRASES, ChineseSpelling
from retrieval.vocabulary import ARTICLE_TYPES, COLOURS, GENDERS, SEASONS, USAGES, WELL_KNOWN_BRANDS

_TOKEN = re.compile(r"[a-z][a-z']*[a-z]|[a-z]")
# A title word names a type when at least this many titles use it and this share of them are that type.
MIN_TITLES = 12
MIN_SHARE = 0.75
ENGLISH_MIN_COUNT = 1_000_000
# A word this common in English is a word, not a typo: never corrected ("pricey", "flashy",
# "gifting"), though too rare to be offered as the correction of another word.
WORD_MIN_COUNT = 100_000
MIN_LIFT = 2.5  # ... and that type is this many times likelier among them than in the catalog
MIN_BRAND_TITLES = 5
# A brand that is also an everyday word ("arrow", "flying") counts only where it reads as one
# ("from arrow", "arrow shirts").
EVERYDAY_ENGLISH = 12_100_000
# Letters a word needs before it is read as several typed without spaces ("blackjeans")
GLUED_MIN_LETTERS = 8
# A type is one gender's when this share of at least this many of its products are.
GENDER_TYPE_SHARE = 0.95
# A type is mostly one gender's when this share of its products are: a look of such kinds
# asked without saying whose is assumed to be that gender's (and the answer says so).
MAIN_GENDER_SHARE = 0.7
MIN_NAMED_TYPE_PRODUCTS = 3  # a type of fewer products ("Suits": 1) is no name a shopper means
MIN_GENDER_TYPE_PRODUCTS = 20
# A type is worn for one usage when this share of its products (at least 20) are.
USAGE_TYPE_SHARE = 0.9
# Words too common in shoppers' messages to be corrected or read as a product.
_MESSAGE_WORDS = {
    "cannot",  # not in the English word list (written as two words there): never "cannon"
    "pls",
    "plz",
    "thx",
    "thanks",
    "hii",
    "hiii",
    "hiya",
    "heya",
    "ok",
    "okay",
    "btw",
    "lol",
    "haha",
    "hahaha",
    "wanna",
    "gonna",
    "gimme",
    "u",
    "ur",
    "bday",
    "b'day",
    "ya",
    "yaa",
    "yea",
    "yeah",
    "nope",
    "hey",
    # the weather given as a reason ("it's far chillier in the evenings"): never "chillar"
    "chilly",
    "chillier",
    "nippy",
    # payment and delivery words of the store's pages, no catalog word's misspelling
    "rupay",
    "gpay",
    "paytm",
    "phonepe",
    "emi",
    "cod",
}


# Words of a title's gender ("Puma Men ..."): never the second word of a brand's name
_GENDER_WORDS = frozenset([*GENDERS, "unisex", "kids"])
# Function words: they appear in titles ("Be For Bag", "Mere Pass Maal Hai") but never name a product.
_STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or
other our out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you your
yours u ur pls plz btw lol whats thats dont cant wont im ive get got make made take want need like one ones""".split()
)


@dataclass(frozen=True)
class TypeGuess:
    word: str
    field: str  # "article_type" or "sub_category"
    value: str
    share: float  # of the titles using the word, the share that are this type
    titles: int


# Inflections an English word may carry ("lounging", "ravings"): tried off when a word is no word of the list.
_ENDINGS = (
    ("ing", ""),
    ("ing", "e"),
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ly", ""),
    ("iest", "y"),  # "comfiest"
    ("est", ""),  # "lightest"
    ("est", "e"),  # "widest"
    ("ier", "y"),
    ("er", ""),
)


def _stems(word: str) -> list[str]:
    """What an English word may be an inflection of ("lounging" -> "loung", "lounge")."""
    return [word[: -len(end)] + add for end, add in _ENDINGS if word.endswith(end) and len(word) - len(end) >= 3]


# A contraction typed without its apostrophe ("doesnt", "thats").
_CONTRACTION = re.compile(
    r"(have|has|had|do|does|did|is|are|was|were|ca|wo|should|could|would|must|need|ai)nt|(that|what|where|there|how|who|it)s"
)


class CatalogLexicon:
    """Built once per process from ``(title, article_type, sub_category, gender)`` rows."""

    def __init__(self, rows: Iterable[tuple[str, ...]]) -> None:
        by_word: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        counts: Counter[str] = Counter()
        kinds: Counter[tuple[str, str]] = Counter()
        firsts: Counter[str] = Counter()
        openings: Counter[tuple[str, ...]] = Counter()  # a title's first two words
        heads: Counter[str] = Counter()
        rows = list(rows)
        self._chinese = ChineseSpelling([*COLOURS, *ARTICLE_TYPES, *GENDERS, *SEASONS, *USAGES, *SHOPPING_PHRASES])
        hyphenated: Counter[str] = Counter()  # "Ray-Ban Men ...": a brand of two words joined
        for title, article_type, sub_category, *_ in rows:
            kinds.update([("article_type", article_type), ("sub_category", sub_category)])
            opening = title.lower().split()[:1]
            hyphenated.update(w for w in opening if re.fullmatch(r"[a-z]+-[a-z]+", w))
            first = _TOKEN.findall(title.lower())[:1]
            firsts.update(first)
            openings[tuple(_TOKEN.findall(title.lower())[:2])] += 1
            heads.update(_TOKEN.findall(title.lower())[-1:])
            words = set(_TOKEN.findall(title.lower()))
            counts.update(words)
            for word in words:
                by_word[word][("article_type", article_type)] += 1
                by_word[word][("sub_category", sub_category)] += 1
        self.title_counts = counts
        self.product_count = len(rows)
        self.head_counts = heads
        self.article_types = sorted(v for f, v in kinds if f == "article_type")
        # the types the store really carries: a type of one or two products is a stray label
        self.common_types = [t for t in self.article_types if kinds[("article_type", t)] >= MIN_NAMED_TYPE_PRODUCTS]
        self._type_names = _type_name_pattern(self.common_types)
        self.sub_category_of = {row[1]: row[2] for row in rows}
        self.gender_of_type = _gender_of_type(rows)
        self.main_gender_of_type = _gender_of_type(rows, MAIN_GENDER_SHARE)
        self.genders_of_type = _genders_of_type(rows)
        self.any_genders_of_type = _genders_of_type(rows, minimum=1)  # a kind of one product too
        self.infant_types = _infant_types(rows)
        self.usage_of_type = _usage_of_type(rows)
        self.usages_of_type = _usages_of_type(rows)
        self._base_rate = {k: n / max(len(rows), 1) for k, n in kinds.items()}
        self._by_word = by_word
        self._vocabulary = _vocabulary_words()
        self.catalog_words = set(counts) | self._vocabulary
        self._english = _english_words()
        self._words = set(_english_words(WORD_MIN_COUNT))
        self._english_common = {w for w, n in self._english.items() if n >= 100_000_000}
        self._speller = _speller(self._english, self.catalog_words)
        self._unvowelled = self._words_by_consonants()
        # colour names: few and far apart, so two edits from a short word still land on the one meant
        self._colours = SymSpell(max_dictionary_edit_distance=2)
        self._colour_names = {w for phrase in COLOURS for w in phrase.split() if len(w) >= 4 and w.isascii()}
        for colour in self._colour_names:
            self._colours.create_dictionary_entry(colour, 1)
        # brands: a word that starts several titles and mostly appears there (titles are "Brand Men ..."),
        # and is neither a store word nor an everyday English word
        self.brands = frozenset(
            w
            for w, n in firsts.items()
            if n >= MIN_BRAND_TITLES
            and len(w) >= 3
            and n / counts[w] >= 0.6
            and w not in self._vocabulary
            and w not in _STOPWORDS
        )
        # "Little Miss": a brand of two words whose first is everyday English ("little shoes" names no brand)
        self.brand_second_word = {
            pair[0]: pair[1]
            for pair, n in openings.items()
            if len(pair) == 2
            and pair[0] in self.brands
            and n >= 0.9 * firsts[pair[0]]
            and pair[1] not in _GENDER_WORDS
            and self._english.get(pair[0], 0) >= EVERYDAY_ENGLISH
        }
        # "Red Tape", "Mother Earth", "Black Coffee": a brand of two words whose first is a store word
        # (a colour), so it is no brand alone; the two words open its titles and are said together
        self.phrase_brands = frozenset(
            " ".join(pair)
            for pair, n in openings.items()
            if len(pair) == 2
            and n >= MIN_BRAND_TITLES
            and pair[0] in self._vocabulary
            and pair[0] not in _STOPWORDS
            and pair[1] not in _GENDER_WORDS
            and pair[1] not in _STOPWORDS
        )
        # "peterengland", "vanheusen": a brand of two words typed as one
        self.glued_brands = {
            "".join(pair): " ".join(pair)
            for pair, n in openings.items()
            if len(pair) == 2
            and n >= MIN_BRAND_TITLES
            and pair[0] in self.brands
            and pair[1] not in _GENDER_WORDS
            and pair[1] not in _STOPWORDS
            and pair[1].isalpha()
        }
        self.glued_brands |= {name.replace(" ", ""): name for name in self.phrase_brands}  # "redtape"
        # "rayban", "ray-ban", "ray ban": the brand whose titles start "Ray-Ban", by its first word
        self.brand_aliases = {
            form: joined.split("-")[0]
            for joined, n in hyphenated.items()
            if n >= MIN_BRAND_TITLES and joined.split("-")[0] in self.brands
            for form in (joined, joined.replace("-", ""))
        }
        # well-known brands no title opens with ("gucci", "路易威登"): named, they are not carried
        elsewhere = {
            said: name
            for said, name in WELL_KNOWN_BRANDS.items()
            if not _opens_titles(_TOKEN.findall(name.lower()), firsts, openings)
        }
        self._brand_elsewhere = {said: elsewhere[said] for said in sorted(elsewhere, key=len, reverse=True)}
        self._brand_elsewhere_said = re.compile(
            "|".join(rf"(?<![a-z]){re.escape(said)}(?![a-z])" for said in self._brand_elsewhere)
        )

    def correct(
        self, text: str, keep: frozenset[str] = frozenset(), prefer: frozenset[str] = frozenset()
    ) -> tuple[str, dict[str, str]]:
        """``text`` with misspelt words replaced by the nearest catalog word (or English
        word), and what was replaced. Known words, words in ``keep`` (the caller's own
        vocabulary: occasions, shorthand), possessives, short words and non-Latin text stay;
        words in ``prefer`` win a tie ("frist" is "first", not the catalog's "frost")."""
        corrections: dict[str, str] = {}

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lowered = word.lower()
            after_digit = text[match.start() - 1 : match.start()].isdigit()
            if lowered in self.glued_brands and lowered not in self._words:  # "peterengland": Peter England
                corrections[lowered] = self.glued_brands[lowered]
                return self.glued_brands[lowered]
            thumbed = self._with_vowels(lowered, keep, after_digit, prefer)
            if thumbed is not None:  # "shw me grn shrt fr mn": typed without vowels
                corrections[lowered] = thumbed
                return thumbed
            if lowered in _COLOUR_HOMOPHONES and self._said_as_a_colour(match):
                corrections[lowered] = _COLOUR_HOMOPHONES[lowered]  # "blew colour please" (typed by voice)
                return _COLOUR_HOMOPHONES[lowered]
            coloured = (
                _COLOUR_NEXT.match(match.string, match.end())
                and lowered not in self._colour_names
                and lowered not in self._english  # "solid colour", "light colour": words of their own
            )
            named = self._colour(lowered) if coloured else None
            if named is not None and named != lowered:  # "slivre colour": silver (not the English "sliver")
                corrections[lowered] = named
                return named
            if lowered.endswith("ss") and lowered[:-1] in self.catalog_words and lowered not in self._words:
                corrections[lowered] = lowered[:-1]  # "bagss": the plural with its "s" typed twice
                return lowered[:-1]
            slip = self._slip_of(lowered) if lowered in self.catalog_words else None  # "whte", a typo in a title
            if (
                len(lowered) < 4
                or "'" in lowered
                or (lowered in self.catalog_words and slip is None)
                or lowered in self._words
                or (lowered.endswith("s") and lowered[:-1] in self.catalog_words)
                or lowered in _MESSAGE_WORDS
                or _CONTRACTION.fullmatch(lowered)  # "havent", "doesnt": not "haven", "doest"
                or lowered in keep
                or lowered.rstrip("s") in keep
                or _american(lowered) in self._english
            ):  # British spellings: "authorise", "favourite"
                return word
            drawn_out = self._drawn_out(lowered, keep)  # "blackkk", "pleaseeee", "emptyyy"
            if drawn_out is not None:
                corrections[lowered] = drawn_out
                return drawn_out
            if lowered.endswith("in") and lowered + "g" in self._words:  # "goin", "lookin": the g dropped
                corrections[lowered] = lowered + "g"
                return lowered + "g"
            apart = self._words_glued(lowered) if slip is None else None
            if apart is not None:  # "whiteformalshirt": white formal shirt
                corrections[lowered] = apart
                return apart
            best = slip or self._best(lowered, prefer)
            if best is None or best == lowered:
                return word
            corrections[lowered] = best
            return best

        text, by_letters = self._chinese.letters(text)  # "tai yang jing": 太阳镜, before "jing" is read as "king"
        corrections.update(by_letters)
        fixed = re.sub(r"[A-Za-z][A-Za-z']*[A-Za-z]", fix, self._compounds_joined(text, corrections))
        fixed, by_sound = self._chinese.correct(fixed)  # "牛仔库" -> 牛仔裤
        corrections.update(by_sound)
        return fixed, corrections

    def _said_as_a_colour(self, match: re.Match[str]) -> bool:
        """Whether a word that sounds like a colour stands where a colour would: before
        "colour" ("blew colour please"), before a kind of product ("a read dress"), or after a
        shade's first word ("navy blew ones"). Voice typing writes it so."""
        text, start, end = match.string, match.start(), match.end()
        if _SOMEONE_BEFORE.search(text[:start]):  # "i read dresses are on sale"
            return False
        if _COLOUR_NEXT.match(text, end) or _SHADE_BEFORE.search(text[:start]):
            return True
        following = re.match(r"\s+([a-z]+)", text[end:], re.I)
        return following is not None and self.type_named(following.group(1)) is not None

    def _words_glued(self, word: str) -> str | None:
        """Store words typed without spaces ("whiteformalshirt", "blackjeans"): each a catalog
        word of three letters or more, one of them a kind or a colour; None for one word
        misspelt, or a name made of words ("skullcandy" is no skull or candy)."""
        if len(word) < GLUED_MIN_LETTERS or word[:-1] in self.catalog_words or word[:-2] in self.catalog_words:
            return None  # "nightdresses": the plural of one catalog word
        parts = self._speller.word_segmentation(word, max_edit_distance=0).corrected_string.split()
        known = all(len(p) >= 3 and p in self.catalog_words for p in parts)
        named = any(
            p in self._type_names[1] or p.rstrip("s") in self._type_names[1] or p in self._colour_names for p in parts
        )
        return " ".join(parts) if 2 <= len(parts) <= 4 and known and named else None

    def _slip_of(self, word: str) -> str | None:
        """The store word a catalog word is a slip of, when one or two titles have the slip
        and the store word is one edit away in many ("whte": white, a typo in one title)."""
        if self.title_counts.get(word, 0) > RARE_TITLE_WORD or word in self._words:  # "flips", "girly": words
            return None
        near = self._speller.lookup(word, Verbosity.ALL, max_edit_distance=1, transfer_casing=False)
        common = [
            s.term
            for s in near
            if s.term != word
            and s.term in self._vocabulary
            and self.title_counts.get(s.term, 0) >= COMMON_TITLE_WORD
            and s.term[0] == word[0]  # a slip rarely hits the first letter ("mink" is no "pink")
            and not word.startswith(s.term)  # "bronzer" is a word of its own, not "bronze" slipped
        ]
        return common[0] if len(common) == 1 else None

    def _words_by_consonants(self) -> dict[str, list[str]]:
        """Each consonant skeleton (the first letter, then the word without vowels) with the
        words a shopper may have typed that way, likeliest first: store words (the one more
        titles use: "shrt" is "shirt", not "short"), then common English words by use."""
        candidates = self._vocabulary | {w for w, n in self.title_counts.items() if n >= MIN_SKELETON_TITLES}
        candidates |= set(self._words)
        ranked: dict[str, list[tuple[bool, int, str]]] = {}
        for word in candidates:
            if len(word) < 3 or not word.isalpha() or not word.isascii():
                continue
            skeleton = _skeleton(word)
            if skeleton == word or len(skeleton) < 3:  # two letters reach too many words ("ts": toys or this)
                continue
            ours = word in self._vocabulary
            if not ours and self._english.get(word, 0) < SKELETON_MIN_ENGLISH:
                continue  # "wdng" is no "weeding": only common words are typed so
            ranked.setdefault(skeleton, []).append(
                (ours, self.title_counts.get(word, 0) if ours else self._english.get(word, 0), word)
            )
        return {skeleton: [w for *_, w in sorted(words, reverse=True)] for skeleton, words in ranked.items()}

    def _with_vowels(
        self, word: str, keep: frozenset[str], after_digit: bool, prefer: frozenset[str] = frozenset()
    ) -> str | None:
        """The word meant by one typed without its vowels ("snkrs", "tht", "chpr": a word the
        caller reads, ``prefer``, first) or with some of them ("chepr": only a longer word the
        caller reads, never "cheer"), or None: for a word the catalog's titles use, an
        abbreviation of chat, or an ordinal's ending ("1st")."""
        if after_digit or len(word) < 3 or word in _CHAT_SHORT or word in keep:
            return None
        if word in _MESSAGE_WORDS or word in self._words or self.title_counts.get(word, 0) >= MIN_SKELETON_TITLES:
            return None  # "add", "and": words as they are
        if re.search(r"[aeiouy]", word):  # "chepr": a word the caller reads with some of its vowels left out
            return next(
                (w for w in self._unvowelled.get(_skeleton(word), []) if w in prefer and len(w) > len(word)), None
            )
        words = self._unvowelled.get(word, [])
        return next((w for w in words if w in prefer), words[0] if words else None)

    def _drawn_out(self, word: str, keep: frozenset[str]) -> str | None:
        """A word with a letter typed three or more times for emphasis, as the known word it
        is with that letter twice ("walllet") or once ("blackkk"); None when it has no such run."""
        if not re.search(r"([a-z])\1\1", word):
            return None
        for times in (r"\1\1", r"\1"):
            squeezed = re.sub(r"([a-z])\1{2,}", times, word)
            if any(squeezed in words for words in (self.catalog_words, self._words, keep, _MESSAGE_WORDS)):
                return squeezed
        return self._best(re.sub(r"([a-z])\1{2,}", r"\1\1", word))

    def _compounds_joined(self, text: str, corrections: dict[str, str]) -> str:
        """A type's one-word name typed as two words ("sun glass", "hand bag"): joined, when
        the two words are no type's name themselves."""
        forms = self._type_names[1]
        words = list(re.finditer(r"[A-Za-z]{2,}", text))
        for first, second in reversed(list(pairwise(words))):
            pair = f"{first.group(0)} {second.group(0)}".lower()
            joined = pair.replace(" ", "")
            if text[first.end() : second.start()] != " " or pair in forms or joined not in forms:
                continue
            corrections[pair] = joined
            text = text[: first.start()] + joined + text[second.end() :]
        return text

    def _best(self, word: str, prefer: frozenset[str] = frozenset()) -> str | None:
        """The nearest known word: catalog words first (the one more titles use), English
        words only one edit away (two edits reach too many unrelated words)."""
        distance = 1 if len(word) <= 7 else 2  # two edits from a short word reach too many others
        suggestions = self._speller.lookup(word, Verbosity.ALL, max_edit_distance=distance, transfer_casing=False)
        for nearest in sorted({s.distance for s in suggestions}):
            tied = [s.term for s in suggestions if s.distance == nearest]
            preferred = [t for t in tied if t in prefer]
            if preferred:
                return preferred[0]
            doubled = [t for t in tied if nearest == 1 and _one_letter_doubled(word, t)]
            if doubled:  # "skiny", "shiping": a doubled letter typed once (not the catalog's "skin", "shaping")
                return doubled[0]
            in_catalog = [t for t in tied if t in self.catalog_words]
            if in_catalog:  # a slip to a neighbouring key or a letter left out before a stranger letter
                best = max(
                    in_catalog,
                    key=lambda t: (-_far_slips(word, t), t in self._vocabulary, self.title_counts.get(t, 0)),
                )
                # "stil": "still" (a letter left out), not the catalog's "sail" (a distant key)
                english = [t for t in tied if t not in self.catalog_words and _far_slips(word, t) == 0]
                if nearest == 1 and _far_slips(word, best) and english and best not in self._vocabulary:
                    return max(english, key=lambda t: self._english.get(t, 0))
                return best
            if nearest == 1:
                return self._store_word_by_sound(word) or max(tied, key=lambda t: self._english.get(t, 0))
        return self._colour(word)

    def _store_word_by_sound(self, word: str) -> str | None:
        """A store word two edits away with the same consonants, over an English word one edit
        away ("swetar": "sweater", not "swear"; "trousr" stays with the catalog's own)."""
        near = self._speller.lookup(word, Verbosity.ALL, max_edit_distance=2, transfer_casing=False)
        same = [s.term for s in near if s.term in self._vocabulary and _skeleton(s.term) == _skeleton(word)]
        return same[0] if len(same) == 1 else None

    def _colour(self, word: str) -> str | None:
        """ "mehroon" -> "maroon": a colour name two edits away, when it is the only one."""
        if len(word) < 5:
            return None
        near = self._colours.lookup(word, Verbosity.CLOSEST, max_edit_distance=2, transfer_casing=False)
        if len(near) > 1:  # "slivre": silver and olive are two edits away; a slip rarely hits the first letter
            near = [s for s in near if s.term[0] == word[0]]
        return near[0].term if len(near) == 1 else None

    def type_of(self, words: Iterable[str]) -> TypeGuess | None:
        """The product type the titles say these words name: e.g. 'polo' -> Tshirts,
        'chinos' -> Trousers; None when no word is specific. The last word that names a
        type wins, as the head of an English noun phrase comes last ("phone pouch")."""
        for word in reversed(list(words)):
            guess = self._type_of_word(word)
            if guess is not None:
                return guess
        return None

    def _type_of_word(self, word: str) -> TypeGuess | None:
        counter = self._by_word.get(word.lower())
        if not counter or len(word) < 3 or word.lower() in _STOPWORDS:
            return None
        total = sum(n for (field, _), n in counter.items() if field == "sub_category")  # one per title
        if total < MIN_TITLES:
            return None
        # the article type when the titles agree on one, else their sub-category
        for wanted in ("article_type", "sub_category"):
            field, value, n = max(((f, v, n) for (f, v), n in counter.items() if f == wanted), key=lambda t: t[2])
            share = n / total
            if share >= MIN_SHARE and share / self._base_rate.get((field, value), 1.0) >= MIN_LIFT:
                return TypeGuess(word.lower(), field, value, round(share, 3), total)
        return None

    def type_named(self, text: str) -> str | None:
        """The catalog type a message names by the catalog's own name for it, the longest
        one ("a nehru jacket": Nehru Jackets, not Jackets; "an umbrella", "black gloves"),
        singular or plural; types of a product or two ("Suits", "Ipad") are never named."""
        matches = list(self._type_names[0].finditer(text))
        found = [  # "under 1500 tops": "tops" says "at most" after an amount
            m.group(0).lower()
            for m in matches
            if not re.search(r"[\d₹]\s*(k|rs\.?|inr|rupees)?\s*$", text[: m.start()], re.I)
            and not _describes_next(m, matches, text)
        ]
        longest = max(found, key=len, default=None)
        return self._type_names[1].get(longest) if longest else None

    def namesake_sold_for(self, kind: str, gender: str) -> str | None:
        """The kind named after the same thing as ``kind`` that is sold for ``gender``, the
        one of the most usages in common ("Kurta Sets" for men: the store's are women's, its
        men's kurtas are the nearest; the sub-category, apparel sets, holds swimming caps)."""
        head = kind.split()[0].lower().rstrip("s")
        usages = self.usages_of_type.get(kind, frozenset())
        namesakes = [
            t
            for t, sold_for in self.genders_of_type.items()
            if t != kind and {gender, "Unisex"} & sold_for and t.split()[0].lower().rstrip("s") == head
        ]
        return max(namesakes, key=lambda t: len(usages & self.usages_of_type.get(t, frozenset())), default=None)

    def knows(self, word: str) -> bool:
        """A word of the catalog's titles or of the store's vocabulary."""
        return word.lower() in self.catalog_words

    def is_common_english(self, word: str) -> bool:
        """A word everyday English uses a lot ("next", "card"), whatever the titles say."""
        return word in self._english_common

    def is_english(self, word: str) -> bool:
        """An English word, an inflection of one ("lounging", "raving", "bikes"), or a
        contraction typed without its apostrophe ("hasnt", or "hasn" of "hasn't")."""
        word = word.lower()
        if (
            word in self._english
            or word in _MESSAGE_WORDS
            or _CONTRACTION.fullmatch(word)
            or _CONTRACTION.fullmatch(word + "t")
        ):
            return True
        return any(stem in self._english for stem in _stems(word))

    def brand_not_carried(self, text: str) -> str | None:
        """A well-known brand named in ``text`` that no catalog title opens with, as the brand
        writes itself ("any gucci bags?" -> "Gucci"); None when none is named."""
        said = self._brand_elsewhere_said.search(text.lower()) if self._brand_elsewhere else None
        return self._brand_elsewhere[said.group(0)] if said else None

    def brand_in(self, text: str) -> str | None:
        """A brand of the catalog named in ``text`` ("woodlands shoes" -> "woodland"); an
        everyday word only before a product word or after "from"/"by"."""
        words = [w.strip(".,!?'\"()") for w in text.lower().split()]
        said = " ".join(words)
        phrase = next((b for b in self.phrase_brands if re.search(rf"\b{b}\b", said)), None)
        if phrase:  # "red tape shoes": the brand Red Tape, not red shoes of the tape brand
            return phrase
        for i, word in enumerate(words):
            if word in self.brand_aliases:
                return self.brand_aliases[word]
            for form in dict.fromkeys((word, word[:-1] if word.endswith("s") else word)):
                if form not in self.brands:
                    continue
                before = words[i - 1] if i else ""
                after = words[i + 1] if i + 1 < len(words) else ""
                second = self.brand_second_word.get(form)
                reads_as_brand = (
                    after == second
                    if second
                    else before in ("from", "by", "of", "only", "original", "genuine")
                    or (after in self.catalog_words and after not in _STOPWORDS and after not in self._english_common)
                )
                if self._english.get(form, 0) < EVERYDAY_ENGLISH or reads_as_brand:
                    return form
        return None

    def names_products(self, word: str, share: float = 0.25) -> bool:
        """Whether the titles use ``word`` as the name of the thing (their last word: "Brown
        Boots", "Black Tights") at least ``share`` of the time, rather than to describe it
        ("Oversized Sunglasses", "Collar T-shirt", "Extra Lasting Lipstick")."""
        forms = {word, word.rstrip("s"), word + "s"}
        return any(
            self.head_counts.get(f, 0) >= 2 and self.head_counts[f] >= share * self.title_counts.get(f, 1)
            for f in forms
        )

    def title_form(self, word: str) -> str:
        """The form of ``word`` the titles use most ("polos" -> "polo", "chino" -> "chinos")."""
        forms = {word, word.rstrip("s"), word + "s", word[:-2] if word.endswith("es") else word}
        return max(forms, key=lambda f: (self.title_counts.get(f, 0), f == word))


def _opens_titles(words: list[str], firsts: Counter[str], openings: Counter[tuple[str, ...]]) -> bool:
    """Whether some title starts with these words (a brand of one word: its first)."""
    if len(words) == 1:
        return firsts[words[0]] > 0
    return openings[tuple(words[:2])] > 0


def _one_letter_doubled(typed: str, word: str) -> bool:
    """Whether ``word`` is ``typed`` with one of its consonants doubled ("skiny" -> "skinny"; a vowel
    typed once is as often another word: "chek" is "check", not "cheek")."""
    return len(word) == len(typed) + 1 and any(
        word[i] == word[i + 1] and word[i] not in "aeiou" and word[: i + 1] + word[i + 2 :] == typed
        for i in range(len(word) - 1)
    )


def _american(word: str) -> str:
    return re.sub(r"is(e|ed|es|ing|ation)$", r"iz\1", re.sub(r"our(s|ed|ing|ite|ites)?$", r"or\1", word))


def _vocabulary_words() -> set[str]:
    words: set[str] = set()
    for table in (ARTICLE_TYPES, COLOURS, GENDERS, USAGES, SEASONS):
        for phrase in table:
            words.update(_TOKEN.findall(phrase.lower()))
    return words


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {key: (row, col) for row, keys in enumerate(_KEYBOARD) for col, key in enumerate(keys)}
# Letters written for one another by how a word sounds ("whyte", "grean", "pinc"): no slip of a finger
_SOUNDS_ALIKE = [set("aeiouy"), set("ck"), set("cs"), set("sz"), set("kq"), set("vw")]


def _skeleton(word: str) -> str:
    """A word as thumbs type it in a hurry: its first letter, then its consonants."""
    return word[:1] + re.sub(r"[aeiouy]", "", word[1:])


# A word titles use this often is the catalog's own, never a word typed without vowels
MIN_SKELETON_TITLES = 10
# A catalog word in at most this many titles may be a typo there ("whte"), corrected like any other
RARE_TITLE_WORD = 2
_COLOUR_NEXT = re.compile(r"\s*(?:colou?re?d?|shade|tone)\b", re.I)
# English words that sound like a colour, said before "colour": "blew colour", "read coloured"
_SOMEONE_BEFORE = re.compile(r"\b(?:i|you|u|we|they|he|she|have|has|had|just|to)\s+$", re.I)
_SHADE_BEFORE = re.compile(r"\b(?:navy|sky|royal|baby|light|dark|deep|pale)\s+$", re.I)
_COLOUR_HOMOPHONES = {"blew": "blue", "read": "red", "reed": "red", "whit": "white"}
COMMON_TITLE_WORD = 50
# An English word rarer than this is not one typed without vowels ("wdng" is no "weeding")
SKELETON_MIN_ENGLISH = 1_000_000
# Short forms of chat and of shop talk that are no word typed without vowels
_CHAT_SHORT = frozenset(
    "st nd rd th rn ngl tbh idk smh lmk nvm brb ttyl mrp gst dm pm ps cm mm kg rs xl xxl xs hrs wtf tf pj pjs "
    "bff hmm hm mmm nb bc cc sms jk ffs pfft shh psst brr grr hmph tsk".split()
)


def _far_slips(typed: str, word: str) -> int:
    """How many letters of ``typed`` differ from ``word`` by a key nowhere near the right one:
    fingers slip to a neighbouring key or skip a letter, and shoppers spell by sound ("whyte",
    "pinc"), but rarely hit a distant key, so "glovs" is "gloves" (a letter left out), not
    "gloss" (v for s). Only words of equal length are compared letter by letter; a swapped
    pair counts as no slip."""
    if len(typed) != len(word):
        return 0
    slips, i = 0, 0
    while i < len(typed):
        a, b = typed[i], word[i]
        if a != b and i + 1 < len(typed) and typed[i + 1] == b and word[i + 1] == a:
            i += 2  # "recieve": two letters swapped
            continue
        if a != b and not _near_keys(a, b):
            slips += 1
        i += 1
    return slips


def _near_keys(a: str, b: str) -> bool:
    if any(a in alike and b in alike for alike in _SOUNDS_ALIKE):
        return True
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (row_a, col_a), (row_b, col_b) = _KEY_AT[a], _KEY_AT[b]
    return abs(row_a - row_b) <= 1 and abs(col_a - col_b) <= 1


def _english_words(minimum: int = ENGLISH_MIN_COUNT) -> dict[str, int]:
    """Common English words with their corpus counts (symspellpy's frequency list):
    known words are never "corrected"; the rarest are left out, being mostly misspellings
    themselves."""
    words = {}
    with resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, count = line.split()
            if int(count) >= minimum:
                words[word] = int(count)
    return words


def _speller(english: dict[str, int], catalog_words: set[str]) -> SymSpell:
    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word in set(english) | catalog_words:
        if len(word) >= 3:
            speller.create_dictionary_entry(word, 1)
    return speller


_CACHE: dict[int, CatalogLexicon] = {}


def _describes_next(match: re.Match[str], matches: list[re.Match[str]], text: str) -> bool:
    """A type's name that only describes the word after it: "short kurta" is a kurta,
    "short ones" are no shorts (the head of an English noun phrase comes last)."""
    after = text[match.end() :]
    if re.match(r"\s+ones?\b", after, re.I) and match.group(0).lower() != "flat":  # "flat ones" are flats
        return True
    return any(m.start() > match.end() and not text[match.end() : m.start()].strip() for m in matches)


def _type_name_pattern(types: list[str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for every type's name, singular and plural ("Umbrellas": umbrella,
    umbrellas), and each form's type."""
    forms: dict[str, str] = {}
    for article_type in types:
        names = [article_type.lower()]  # "Kajal and Eyeliner": "kajal" and "eyeliner" name it too
        names += [p for p in article_type.lower().split(" and ") if len(p) >= 5] if " and " in names[0] else []
        names += [names[0].replace(" ", "")] if " " in names[0] and " and " not in names[0] else []  # "trackpants"
        for name in names:
            stem = re.sub(r"(es|s)$", "", name) if name.endswith(("ches", "shes", "sses", "xes")) else name.rstrip("s")
            sibilant = stem.endswith(("s", "x", "z", "ch", "sh"))  # "watches", but "hates" is no plural of "hat"
            for form in {name, stem, f"{stem}s", *([f"{stem}es"] if sibilant else [])}:
                forms.setdefault(form, article_type)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])", re.I), forms


def _gender_of_type(rows: list[tuple[str, ...]], share: float = GENDER_TYPE_SHARE) -> dict[str, str]:
    """Types that are (nearly) always one gender's in this catalog: a saree or leggings
    asked for without saying whose are women's (``share``: how nearly)."""
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if len(row) > 3:
            by_type[row[1]][row[3]] += 1
    single = {}
    for article_type, genders in by_type.items():
        gender, n = genders.most_common(1)[0]
        if n >= MIN_GENDER_TYPE_PRODUCTS and n / sum(genders.values()) >= share and gender != "Unisex":
            single[article_type] = gender
    return single


def _usage_of_type(rows: list[tuple[str, ...]]) -> dict[str, str]:
    """Types (nearly) always worn for one usage in this catalog: a kurta is ethnic wear, a
    formal shoe formal, so "i have a kurta, what goes with it" asks for ethnic pieces."""
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if len(row) > 4 and row[4]:
            by_type[row[1]][row[4]] += 1
    single = {}
    for article_type, usages in by_type.items():
        usage, n = usages.most_common(1)[0]
        if n >= MIN_GENDER_TYPE_PRODUCTS and n / sum(usages.values()) >= USAGE_TYPE_SHARE:
            single[article_type] = usage
    return single


def _usages_of_type(rows: list[tuple[str, ...]], minimum: int = 3) -> dict[str, frozenset[str]]:
    """What each type is worn for (at least ``minimum`` products): no lipstick is ethnic
    wear, so a lipstick guessed from "pastel" is no need for an engagement."""
    counts: Counter[tuple[str, str]] = Counter((row[1], row[4]) for row in rows if len(row) > 4 and row[4])
    usages: dict[str, set[str]] = defaultdict(set)
    for (article_type, usage), n in counts.items():
        if n >= minimum:
            usages[article_type].add(usage)
    return {t: frozenset(u) for t, u in usages.items()}


def _genders_of_type(rows: list[tuple[str, ...]], minimum: int = 3) -> dict[str, frozenset[str]]:
    """Whose each type is sold for (at least ``minimum`` products): "the same for boys"
    after girls' tops finds no boys' tops, so the kind is widened, not the gender dropped."""
    counts: Counter[tuple[str, str]] = Counter((row[1], row[3]) for row in rows if len(row) > 3)
    genders: dict[str, set[str]] = defaultdict(set)
    for (article_type, gender), n in counts.items():
        if n >= minimum:
            genders[article_type].add(gender)
    return {t: frozenset(g) for t, g in genders.items()}


def _infant_types(rows: list[tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """The kinds sold for babies, for boys and for girls: the children's products whose titles
    say "Infant" (the catalog has no age field; its baby wear is titled so)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if len(row) > 3 and row[3] in ("Boys", "Girls") and {"infant", "infants"} & set(_TOKEN.findall(row[0].lower())):
            kinds[row[3]].add(row[1])
    return {g: frozenset(t) for g, t in kinds.items()}


def lexicon_for(rows: Sequence[tuple[str, ...]]) -> CatalogLexicon:
    """One lexicon per distinct catalog in this process (building one takes seconds)."""
    key = hash(tuple(rows))
    if key not in _CACHE:
        if len(_CACHE) >= 2:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = CatalogLexicon(rows)
    return _CACHE[key]
