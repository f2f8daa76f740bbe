"""Chinese spelling by sound: a shopper typing with a pinyin keyboard picks a character
that sounds like the one meant ("牛仔库" for 牛仔裤 jeans, "兰色" for 蓝色 blue). A run of
characters that is no known phrase, sounds exactly like one (toneless pinyin) and shares
at least one character with it is read as that phrase."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.phrases_dict import phrases_dict

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_LONGEST = 5
_SIZE_BY_SOUND = re.compile(r"(?<!\d)([2-4]\d|(?<![A-Za-z])(?:XXL|XL|XS|S|M|L))\s*马")
# "五白以内": a number of hundreds typed by its sound (白 for 百), before what says it is money
_HUNDREDS_BY_SOUND = re.compile(r"([一二两三四五六七八九])白(?=[以左块元多上来内])")
# "2000一下的": below an amount ("看一下" stays); "根别太高": the heel (跟) typed by its sound
_BELOW_BY_SOUND = re.compile(r"(?<=[\d千百万])\s*一下(?=的|$|[\s，,。吧呢])")
_HEEL_BY_SOUND = re.compile(r"(?<![一两几])根(?=(?:别|不要|不能|不用|可以|能)?(?:太|很|稍微|有点)?(?:高|低|细|粗))")
# "地三个有没有s码": a place in the list (第), typed by its sound ("本地三个" stays)
_ORDINAL_BY_SOUND = re.compile(
    r"(?<![本外各产场质土此当])地(?=[一二三四五六七八九十\d]{1,2}(?:个|件|条|双|款|套|只|张|副|块|顶))"
)
# Words of shopping itself, beside the catalog's: "加够物车" is 加购物车
SHOPPING_PHRASES = (
    "购物车",
    "推荐",
    "尺码",
    "退货",
    "换货",
    "发货",
    "左右",
    "运费",
    "货到付款",
    "付款",
    "退款",
    "评分",
    "围裙",  # a thing not sold, typed by sound ("围群") all the same
    "手机",
    "耳机",
)  # not 包邮: "零钱包有吗" is "包 有"
# Words a shopper types in pinyin letters beside characters ("1500块zuoyou", "xiang买", "di一双"):
# read only from Latin letters, never put in place of characters ("低一点" stays)
_SPELT_IN_LETTERS = ("左右", "想买", "想要", "第一", "第二", "第三", "第四", "第五", "多少钱", "便宜")
_LETTERS = re.compile(r"(?<![A-Za-z])[a-z]{2,12}(?![A-Za-z])")
# "lian yi qun", "tai yang jing": a phrase's syllables typed apart
_SYLLABLES = re.compile(r"(?<![A-Za-z])[a-z]{1,6}(?: [a-z]{1,6}){1,3}(?![A-Za-z])")


def _sound(text: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(text, style=Style.NORMAL))


class ChineseSpelling:
    """Built from the store's Chinese phrases (colours, product types, ...)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.known = frozenset(p for p in phrases if _HAN.fullmatch(p) and len(p) >= 2)
        self._by_sound: dict[tuple[str, ...], list[str]] = {}
        for phrase in sorted(self.known):
            self._by_sound.setdefault(_sound(phrase), []).append(phrase)
        self._by_letters: dict[str, str] = {}
        for phrase in sorted(self.known | set(_SPELT_IN_LETTERS), key=len):
            self._by_letters.setdefault("".join(_sound(phrase)), phrase)

    def correct(self, text: str) -> tuple[str, dict[str, str]]:
        """``text`` with sound-alike misspellings replaced, and what was replaced."""
        corrections: dict[str, str] = {}
        sized = _SIZE_BY_SOUND.sub(r"\1码", text)  # "38马": a shoe size, 码 typed by its sound
        if sized != text:
            corrections["马"] = "码"
            text = sized
        below = _BELOW_BY_SOUND.sub("以下", text)
        if below != text:
            corrections["一下"] = "以下"
            text = below
        heel = _HEEL_BY_SOUND.sub("跟", text)
        if heel != text:
            corrections["根"] = "跟"
            text = heel
        placed = _ORDINAL_BY_SOUND.sub("第", text)
        if placed != text:
            corrections["地"] = "第"
            text = placed
        priced = _HUNDREDS_BY_SOUND.sub(r"\1百", text)
        if priced != text:
            corrections["白"] = "百"
            text = priced
        if not self.known or not _HAN.search(text):
            return text, corrections
        text = self._letters_read(text, corrections)
        out = _HAN.sub(lambda m: self._fix_run(m.group(0), corrections), text)
        return out, corrections

    def letters(self, text: str) -> tuple[str, dict[str, str]]:
        """Only the pinyin typed in letters among characters read as store phrases (the rest of
        :meth:`correct` left out): what English spelling must not see first ("jing" as "king")."""
        corrections: dict[str, str] = {}
        if not self.known or not _HAN.search(text):
            return text, corrections
        return self._letters_read(text, corrections), corrections

    def _letters_read(self, text: str, corrections: dict[str, str]) -> str:
        """Pinyin typed in letters among characters ("hei色", "kouhong", "kou红", "xiang买", also
        spaced apart from them or syllable by syllable, "lian yi qun"): the letters, alone or with
        the characters right after them, spelling a store phrase's sound, are that phrase. Only
        lower-case runs count ("M码", "Nike鞋" are no pinyin)."""
        for match in reversed(list(_SYLLABLES.finditer(text))):
            phrase = self._by_letters.get(match.group(0).replace(" ", ""))
            if phrase is not None and len(phrase) >= 2:
                corrections[match.group(0)] = phrase
                text = text[: match.start()] + phrase + text[match.end() :]
        for match in reversed(list(_LETTERS.finditer(text))):
            letters = match.group(0)
            gap = len(text[match.end() :]) - len(text[match.end() :].lstrip(" "))
            after = match.end() + gap
            read = self._read_letters(letters, text[after : after + 3])
            if read is None:
                continue
            phrase, taken = read
            corrections[letters + text[after : after + taken]] = phrase
            end = after + taken if taken else match.end()
            text = text[: match.start()] + phrase + text[end:]
        return text

    def _read_letters(self, letters: str, after: str) -> tuple[str, int] | None:
        """The phrase ``letters`` (with the first characters of ``after``) spell, and how
        many characters of ``after`` it takes."""
        for taken in range(len(after), -1, -1):
            tail = after[:taken]
            if taken and not _HAN.fullmatch(tail):
                continue
            phrase = self._by_letters.get(letters + "".join(_sound_cached(tail)) if tail else letters)
            if phrase is not None and len(phrase) > taken:
                return phrase, taken
        colour = self._by_letters.get(letters + "se", "")  # "有没有hei的": 黑的, a colour's one sound
        if colour.endswith("色") and after[:1] == "的":
            return colour[:-1], 0
        return None

    def _fix_run(self, run: str, corrections: dict[str, str]) -> str:
        i, out = 0, []
        while i < len(run):
            replaced = self._at(run, i)
            if replaced is None:
                out.append(run[i])
                i += 1
                continue
            wrong, right = replaced
            corrections[wrong] = right
            out.append(right)
            i += len(wrong)
        return "".join(out)

    def _at(self, run: str, i: int) -> tuple[str, str] | None:
        for length in range(min(_LONGEST, len(run) - i), 1, -1):
            window = run[i : i + length]
            if window in self.known:
                return None  # a known phrase starts here: nothing to fix
            if _cuts_a_word(run, i, i + length):
                continue
            for sound in _sounds_cached(window):
                for phrase in self._by_sound.get(sound, []):
                    # a particle or verb typed first stays ("出差要带充电宝": must bring, no 腰带 belt)
                    if set(phrase) & set(window) and not (window[0] in _PARTICLES and phrase[0] != window[0]):
                        return window, phrase
        return None


def _cuts_a_word(run: str, start: int, end: int) -> bool:
    """The window's edge falls inside a common word ("男同|事": 同事, a colleague, not 男童),
    so it is no misspelt phrase."""
    return run[end - 1 : end + 1] in phrases_dict or (start > 0 and run[start - 1 : start + 1] in phrases_dict)


@lru_cache(maxsize=4096)
def _sound_cached(window: str) -> tuple[str, ...]:
    return _sound(window)


_MOST_READINGS = 16
_PARTICLES = frozenset("的地得了着过吗呢吧啊呀么和与都也就要会")


@lru_cache(maxsize=4096)
def _sounds_cached(window: str) -> tuple[tuple[str, ...], ...]:
    """Every way ``window`` can sound, its likeliest reading first: a character with several
    readings may be the one typed for any of them ("耳还" is typed for 耳环, 还 read huan)."""
    # (never a particle or joining word read another way: "粉的" is pink ones, not 粉底 foundation;
    # "香水和" is perfume and, not 水壶)
    readings = [
        [r[0]] if c in _PARTICLES else r for c, r in zip(window, pinyin(window, style=Style.NORMAL, heteronym=True))
    ]
    sounds = [_sound(window)]
    for combination in itertools.islice(itertools.product(*readings), _MOST_READINGS):
        if combination not in sounds:
            sounds.append(combination)
    return tuple(sounds)


# Words of shopping a shopper may type wholly in pinyin letters, in characters: their sounds come
# from pypinyin. Where words sound alike the first listed is read ("ma": 吗, after a size 码).
PINYIN_WORDS = (
    "有没有 有吗 没有 有 给我 给 我 我的 买 想买 想要 要 的 吗 多少钱 多少 钱 以内 以下 左右 便宜 便宜点 "
    "便宜一点 一点 点 第一个 第二个 第三个 第四个 第五个 第一 第二 第三 第四 第五 个 件 双 条 块 "
    "一 二 三 四 五 六 七 八 九 十 两 百 千 万 男 女 男士 女士 男的 女的 女朋友 男朋友 朋友 老公 老婆 "
    "妈妈 爸爸 儿子 女儿 还有 和 这个 那个 看看 看 不要 好看 谢谢 吧 呢 啊 送给 送 颜色 色 什么 有货 "
    "加 购物车 尺码 大 小 大一码 小一码 再 也 太贵 贵 推荐 评分 最 高 最便宜 最贵 能 可以 帮我 找 穿 是"
).split()
_NUMBER_SOUNDS = frozenset("yi er san si wu liu qi ba jiu shi liang".split())
_SIZES = re.compile(r"\d|(?:XXL|XL|XS|S|M|L)$")
_PARTS = re.compile(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d]")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable ("nv" for nü, as pypinyin writes it)."""
    from pypinyin.constants import PINYIN_DICT

    return frozenset(lazy_pinyin(chr(code), style=Style.NORMAL)[0] for code in PINYIN_DICT)


def _segmented(letters: str) -> list[str] | None:
    """ "lianyiqun" -> lian yi qun: the fewest syllables spelling the letters, or None."""
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 6), end):
            head, piece = best[start], letters[start:end]
            shorter = best[end] is None or (head is not None and len(head) + 1 < len(best[end] or []))
            if head is not None and piece in _syllables() and shorter:
                best[end] = [*head, piece]
    return best[-1]


class PinyinReader:
    """A message typed wholly in pinyin letters ("lianyiqun you mei you, S ma", "nan shi yun dong
    xie 42 ma") read as the Chinese it spells, from the store's phrases and the words of
    shopping; None when it is no pinyin (English stays English: every word must be syllables,
    and at least one word of two syllables or more must be a known one)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_sound: dict[tuple[str, ...], str] = {}
        for phrase in phrases:
            if _HAN.fullmatch(phrase):
                self._by_sound.setdefault(_sound(phrase), phrase)
        self._longest = max((len(s) for s in self._by_sound), default=1)
        _syllables()  # built now, not on a shopper's first message

    def read(self, text: str) -> str | None:
        """The Chinese ``text`` spells, or None."""
        if _HAN.search(text) or not re.search(r"[a-z]{2}", text):
            return None
        items: list[tuple[str, str]] = []  # ("syl", sound) or ("kept", as typed)
        for part in _PARTS.findall(text):
            if part.isalpha() and (part.islower() or (len(part) > 1 and part[1:].islower())):  # "Nan shi ..."
                syllables = _segmented(part.lower())
                if syllables is None:
                    return None
                items.extend(("syl", s) for s in syllables)
            else:
                items.append(("kept", part))
        out, words, i = [], 0, 0
        while i < len(items):
            kind, said = items[i]
            if kind == "kept":
                out.append(f" {said} " if said.isalnum() else said)
                i += 1
                continue
            read, taken = self._word_at(items, i)
            if read is None:
                return None
            words += taken > 1
            out.append(read)
            i += taken
        return re.sub(r"\s+", " ", "".join(out)).strip() if words else None

    def _word_at(self, items: list[tuple[str, str]], i: int) -> tuple[str | None, int]:
        """The longest known word the syllables from ``i`` spell, and how many it takes; after a
        number or a size, "ma" is 码 (size) and "qian" 千 (thousand)."""
        before = items[i - 1][1] if i else ""
        if items[i][1] == "ma" and _SIZES.match(before):
            return "码", 1
        if items[i][1] == "qian" and (before in _NUMBER_SOUNDS or before[:1].isdigit()):
            return "千", 1
        for size in range(min(self._longest, len(items) - i), 0, -1):
            window = items[i : i + size]
            if any(kind != "syl" for kind, _ in window):
                continue
            phrase = self._by_sound.get(tuple(s for _, s in window))
            if phrase is not None:
                return phrase, size
        return None, 1
