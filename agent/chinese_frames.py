"""The fixed frames of the assistant's English answers, said in Chinese to a shopper who
wrote in Chinese: list headings, look options, cart and stock lines, the notes a search
adds. The catalog's own words (titles, colours, kinds, brands) stay as the catalog has
them, as the product titles do; store answers already come in Chinese (``tools/store_info``).

Applied after the grounding check, to an answer whose claims were checked in English:
each frame keeps every price, size and title it held, so a reader (and the eval) finds
the same facts."""

from __future__ import annotations

import re
from collections.abc import Callable

_SUPERLATIVE_ZH = {"cheapest": "最便宜", "most expensive": "最贵"}

_WHOSE = {"Men": "男士", "Women": "女士", "Boys": "男童", "Girls": "女童", "Unisex": "中性款"}
_USAGE = {
    "casual": "休闲",
    "formal": "正装",
    "ethnic": "民族风",
    "sports": "运动",
    "party": "派对",
    "smart casual": "商务休闲",
    "travel": "旅行",
    "home": "居家",
}


def _described(text: str) -> str:
    """ "Black Shoes for Women (sports) under ₹2000 in size UK5": the same facts, their
    connecting words in Chinese ("Black Shoes · 女士 · 运动 · ₹2000 以内 · UK5 码")."""
    parts: list[str] = []
    rest = f" {text}"
    for pattern, said in (
        (r"\s+for (Men|Women|Boys|Girls|Unisex)\b", lambda m: _WHOSE[m.group(1)]),
        (r"\s+\(([a-z ]+)\)", lambda m: _USAGE.get(m.group(1), m.group(1))),
        (r"\s+between (₹\d+) and (₹\d+)", lambda m: f"{m.group(1)}-{m.group(2)}"),
        (r"\s+under (₹\d+)", lambda m: f"{m.group(1)} 以内"),
        (r"\s+from (₹\d+)", lambda m: f"{m.group(1)} 起"),
        (r"\s+in size (\S+)", lambda m: f"{m.group(1)} 码"),
        (r"\s+not ((?:[A-Z][\w ]*?)(?: or [A-Z][\w ]*?)*)$", lambda m: f"不要 {m.group(1).replace(' or ', '/')}"),
    ):
        match = re.search(pattern, rest)
        if match:
            parts.append(said(match))
            rest = rest[: match.start()] + rest[match.end() :]
    kind = rest.replace("products", "").strip().replace(" or ", "/")
    return " · ".join([p for p in [kind, *parts] if p])


_ORDER_ZH = {
    "cheapest first": "，按价格从低到高",
    "most expensive first": "，按价格从高到低",
    "best rated first": "，按评分从高到低",
    "newest first": "，按上架时间从新到旧",
}


def _found(match: re.Match[str]) -> str:
    said = _described(match.group("what"))
    order = _ORDER_ZH.get(match.group("order") or "", "")
    return f"为您找到 {match.group('n')} 件{('：' + said) if said else ''}{order}："


def _similar_limits(rest: str | None) -> str:
    """ " under ₹1000", ", for Women and cheaper than its ₹899": the limits of a similar search."""
    if not rest:
        return ""
    rest = rest.replace(", for ", " for ")
    cheaper = re.search(r" and cheaper than its (₹\d+)", rest)
    said = _described("products" + rest.replace(cheaper.group(0), "") if cheaper else "products" + rest)
    return "".join([f" · {said}" if said else "", f" · 比它的 {cheaper.group(1)} 便宜" if cheaper else ""])


def _similar(match: re.Match[str]) -> str:
    return f"类似 {match.group('title')} 的商品{_similar_limits(match.group('rest'))}："


def _look(match: re.Match[str]) -> str:
    usage = _USAGE.get(match.group("usage"), match.group("usage"))
    return f"方案 {match.group('n')}：{_WHOSE.get(match.group('whose'), match.group('whose'))}{usage}搭配："


# Whole-line and in-line frames, in the order they are tried; each keeps the facts it holds.
_FRAMES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Here they are again\. ", re.M), lambda m: "这是刚才那些。"),
    # "Similar to <title> under ₹1000:", "I couldn't find in-stock items similar to <title>."
    (re.compile(r"^Similar to (?P<title>[^\n]+?)(?P<rest>(?: under | and cheaper |, for )[^\n]*)?:$", re.M), _similar),
    (
        re.compile(
            r"^I couldn't find in-stock items similar to (?P<title>[^\n]+?)"
            r"(?P<rest>(?: under | and cheaper |, for )[^\n]*)?\.$",
            re.M,
        ),
        lambda m: f"没有找到与 {m.group('title')} 相似的有货商品{_similar_limits(m.group('rest'))}。",
    ),
    (re.compile(r"^Leaving out (?P<what>[^.\n]+)\. ", re.M), lambda m: f"已排除 {m.group('what')}。"),
    (re.compile(r"\"([^\"]+)\" in the name"), lambda m: f"标题含“{m.group(1)}”"),
    (
        re.compile(r"^Showing(?: for (?P<whose>Men|Women|Boys|Girls))?(?P<rest>[^,]*), as you said earlier\. ", re.M),
        lambda m: (
            "按您之前说的，显示"
            + (_WHOSE[m.group("whose")] if m.group("whose") else "")
            + "商品"
            + (f"（{said}）" if (said := _described("products" + m.group("rest"))) else "")
            + "。"
        ),
    ),
    (
        re.compile(
            r"^Few in stock at about (?P<price>₹\d+), so here are cheaper ones too, (?P<range>₹\d+-₹\d+)\.$", re.M
        ),
        lambda m: f"{m.group('price')} 左右有货的不多，也列出更便宜的：{m.group('range')}。",
    ),
    (
        re.compile(r"(?:^|(?<=。))Nothing cheaper than (?P<price>₹\d+) matches this search\. ?", re.M),
        lambda m: f"没有比 {m.group('price')} 更便宜的符合条件的商品。",
    ),
    (
        re.compile(r"(?:^|(?<=。))Here (?:is|are) (?P<n>\d+) (?P<what>.+?) I found(?:, (?P<order>[a-z ]+))?:$", re.M),
        _found,
    ),
    (re.compile(r"Option (?P<n>\d+): An? (?P<usage>[a-z ]+) look for (?P<whose>\w+): "), _look),
    (  # the store's answer about one product: "About <title> (₹price):"
        re.compile(r"^About (?P<title>[^\n]+?)(?P<priced> \(₹\d+\))?:$", re.M),
        lambda m: f"关于 {m.group('title')}{m.group('priced') or ''}：",
    ),
    (re.compile(r", to wear with your own ([a-z ]+)\. "), lambda m: f"，与您自己的 {m.group(1)} 同穿。"),
    (
        re.compile(
            r"^(?P<title>[^\n]+?): listed as (?P<kind>[^\n]+?) for (?P<whose>\w+), rated (?P<r>[\d.]+) by (?P<n>\d+) "
            r"shoppers\. The catalog records its type, colour, price and sizes, so its title is all it says about "
            r"the material or cut\.",
            re.M,
        ),
        lambda m: (
            f"{m.group('title')}：目录中归为"
            f"{_WHOSE.get(m.group('whose').title(), m.group('whose'))} {m.group('kind')}，"
            f"{m.group('n')} 位顾客评分 {m.group('r')}。目录只记录类型、颜色、价格和尺码，材质和版型只能以标题为准。"
        ),
    ),
    (
        re.compile(r"Colours: all neutrals \(([^)]*)\), so every piece goes with every other\."),
        lambda m: f"配色：全为中性色（{m.group(1)}），件件都能相配。",
    ),
    (
        re.compile(r"Colours: ([\w ]+?) is the one accent colour against neutral ([^.]*)\."),
        lambda m: f"配色：{m.group(1)} 是唯一的点缀色，其余为中性色（{m.group(2)}）。",
    ),
    (
        re.compile(r"Colours: ([\w ]+?) is the one accent colour\."),
        lambda m: f"配色：{m.group(1)} 是唯一的点缀色。",
    ),
    (
        re.compile(r"Colours: ([\w ]+ and [\w ]+?) are (complementary|contrasting) accents(?: against ([^.]*))?\."),
        lambda m: (
            f"配色：{m.group(1).replace(' and ', ' 与 ')} {'互补' if m.group(2) == 'complementary' else '撞色'}点缀"
            + (f"，衬以 {m.group(3)}" if m.group(3) else "")
            + "。"
        ),
    ),
    (
        re.compile(r"Total (₹\d+), within your (₹\d+) budget\."),
        lambda m: f"合计 {m.group(1)}，在您 {m.group(2)} 的预算内。",
    ),
    (
        re.compile(r"Total (₹\d+), over your (₹\d+) budget\."),
        lambda m: f"合计 {m.group(1)}，超出您 {m.group(2)} 的预算。",
    ),
    (re.compile(r"Total (₹\d+)\."), lambda m: f"合计 {m.group(1)}。"),
    (
        re.compile(r"Total (₹\d+), cheaper than the (₹\d+) of the cheapest look before\."),
        lambda m: f"合计 {m.group(1)}，比之前最便宜的一套（{m.group(2)}）更便宜。",
    ),
    (
        re.compile(r"Total (₹\d+); the pieces added cost (₹\d+), (within|over) your (₹\d+) for them\."),
        lambda m: (
            f"合计 {m.group(1)}；新加的单品共 {m.group(2)}，"
            + (
                f"在您给它们的 {m.group(4)} 预算内。"
                if m.group(3) == "within"
                else f"超出您给它们的 {m.group(4)} 预算。"
            )
        ),
    ),
    (
        re.compile(
            r" ?No ([a-z ]+?) piece was in stock for every slot: ([^\n]*?)\.(?=\s+(?:Apparel|Footwear) in stock|\s*$)",
            re.M,
        ),
        lambda m: (
            f" 部分位置没有有货的{_USAGE.get(m.group(1), m.group(1))}款："
            + re.sub(
                r" is listed as ([a-z ]+)", lambda u: f"（标注为{_USAGE.get(u.group(1), u.group(1))}）", m.group(2)
            ).replace("; ", "；")
            + "。"
        ),
    ),
    # which of an occasion's products are listed under its usage
    (
        re.compile(
            r"^(?:Only the first (?P<n>\d+ )?(?:is|are)|(?P<none>None of these is)) listed as "
            r"(?P<usage>[a-z ]+?) wear; "
            r"the (?:rest|nearest) are (?P<others>[a-z ]+?)\.$",
            re.M,
        ),
        lambda m: (
            ("这些都没有" if m.group("none") else f"只有前 {(m.group('n') or '1 ').strip()} 件")
            + f"标注为{_USAGE.get(m.group('usage'), m.group('usage'))}款；"
            + ("最接近的是" if m.group("none") else "其余为")
            + "或".join(_USAGE.get(u, u) for u in m.group("others").split(" or "))
            + "款。"
        ),
    ),
    # the price tool's verdicts ("最便宜那支几块钱")
    (
        re.compile(
            r"^(?P<title>[^\n]+?) is (?P<price>₹\d+)(?P<off> \(\d+% off ₹\d+\))?\. (?=Good deal|Not a special)", re.M
        ),
        lambda m: f"{m.group('title')} 现价 {m.group('price')}{m.group('off') or ''}。",
    ),
    (
        re.compile(
            r"Good deal for its kind: ([\w ]+?) typically cost (₹\d+) here, though it has sold for as little as "
            r"(₹\d+) in the last 90 days\."
        ),
        lambda m: f"就同类而言划算：{m.group(1)} 在本店一般 {m.group(2)}，不过它过去 90 天最低卖过 {m.group(3)}。",
    ),
    (
        re.compile(
            r"Not a special deal: it has sold for as little as (₹\d+) in the last 90 days; ([\w ]+?) typically "
            r"cost (₹\d+) here\."
        ),
        lambda m: f"不算特别划算：它过去 90 天最低卖过 {m.group(1)}；{m.group(2)} 在本店一般 {m.group(3)}。",
    ),
    (
        re.compile(
            r"(Good deal|Not a special deal): (₹\d+) (is its lowest price in 90 days|is at or below its 90-day "
            r"median of (₹\d+)); ([\w ]+?) typically cost (₹\d+) here\."
        ),
        lambda m: (
            f"{'划算' if m.group(1) == 'Good deal' else '不算特别划算'}：{m.group(2)} "
            f"{'是 90 天内最低价' if m.group(4) is None else '不高于 90 天中位价 ' + m.group(4)}；"
            f"{m.group(5)} 在本店一般 {m.group(6)}。"
        ),
    ),
    (re.compile(r"Apparel in stock in (\S+?)\."), lambda m: f"服装有 {m.group(1)} 码。"),
    (re.compile(r"Footwear in stock in (\S+?)\."), lambda m: f"鞋有 {m.group(1)} 码。"),
    (
        re.compile(
            r"(?:^|(?<=\. ))Added (?P<n>\d+) × (?P<title>.+?)(?: in size (?P<size>\S+))? \((?P<price>₹\d+) each\) "
            r"to your cart\. ?",
            re.M,
        ),
        lambda m: (
            f"已将 {m.group('n')} 件 {m.group('title')}（{m.group('size') + ' 码，' if m.group('size') else ''}"
            f"每件 {m.group('price')}）加入购物车。"
        ),
    ),
    (
        re.compile(
            r"(?:^|(?<=\. ))Added (?P<title>.+?)(?: in size (?P<size>\S+))? \((?P<price>₹\d+)\) to your cart\. ?", re.M
        ),
        lambda m: (
            f"已将 {m.group('title')}（{m.group('size') + ' 码，' if m.group('size') else ''}{m.group('price')}）"
            "加入购物车。"
        ),
    ),
    (
        re.compile(r"(?P<title>[^\n]+?) is sold out in size (?P<size>\S+); in stock: (?P<sizes>[A-Z0-9, ]+)\."),
        lambda m: f"{m.group('title')} 的 {m.group('size')} 码已售罄；有货尺码：{m.group('sizes')}。",
    ),
    (
        re.compile(r"Your cart now has (?P<n>\d+) × (?P<title>.+?)(?: in size (?P<size>\S+))?\. ?(?=Total|合计)"),
        lambda m: (
            f"购物车中现有 {m.group('n')} 件 {m.group('title')}"
            f"{'（' + m.group('size') + ' 码）' if m.group('size') else ''}。"
        ),
    ),
    (
        re.compile(
            r"Of these, the (?P<which>cheapest|most expensive|best rated) is number (?P<n>\d+), (?P<title>[^\n]+?), "
            r"(?:at (?P<price>₹\d+)|rated (?P<rating>[\d.]+) by (?P<count>\d+) shoppers)\."
        ),
        lambda m: (
            f"其中{_SUPERLATIVE_ZH.get(m.group('which'), '评分最高')}的是第 {m.group('n')} 件："
            f"{m.group('title')}，"
            + (f"{m.group('price')}。" if m.group("price") else f"{m.group('count')} 位顾客评分 {m.group('rating')}。")
        ),
    ),
    (re.compile(r"^Your cart:$", re.M), lambda m: "您的购物车："),  # the cart listed, line by line
    (
        re.compile(r"^(?P<line>\d+\. [^\n]+?)(?: — size (?P<size>\S+))? × (?P<n>\d+) — (?P<total>₹\d+)$", re.M),
        lambda m: (
            f"{m.group('line')}{'（' + m.group('size') + ' 码）' if m.group('size') else ''}"
            f" × {m.group('n')} — {m.group('total')}"
        ),
    ),
    (re.compile(r"^Total: (₹\d+)$", re.M), lambda m: f"合计：{m.group(1)}"),
    (re.compile(r"^Your cart is empty\.$", re.M), lambda m: "您的购物车是空的。"),
    (re.compile(r"^Your cart is empty now\.$", re.M), lambda m: "购物车已清空。"),
    (re.compile(r"^Here is your order:$", re.M), lambda m: "您的订单如下："),
    (
        re.compile(
            r"^Items (?P<items>₹\d+) \+ (?:free delivery|delivery (?P<fee>₹\d+)) = total (?P<total>₹\d+), delivered in "
            r"2-4 working days in metro cities, 4-7 elsewhere\.$",
            re.M,
        ),
        lambda m: (
            f"商品 {m.group('items')} + {'配送费 ' + m.group('fee') if m.group('fee') else '免运费'}"
            f" = 合计 {m.group('total')}，一线城市 2-4 个工作日送达，其他地区 4-7 个工作日。"
        ),
    ),
    (
        re.compile(
            r"^Shall I place it\? Reply yes to confirm, or no to keep shopping (?P<code>\(summary [0-9a-f]{16}\))\.$",
            re.M,
        ),
        lambda m: (
            f"要下单吗？回复“是”确认，回复“不”继续购物 {m.group('code')}。"
        ),  # transcript.summary_code reads the code
    ),
    (
        re.compile(r"^Your order summary is still waiting: reply yes to place it, or no to keep shopping\.$", re.M),
        lambda m: "您的订单摘要仍在等待确认：回复“是”下单，回复“不”继续购物。",
    ),
    (
        re.compile(r"Order (?P<id>ord_\S+) is placed: (?P<n>\d+) item\(s\), total (?P<total>₹\d+)\."),
        lambda m: f"订单 {m.group('id')} 已下单：共 {m.group('n')} 件，合计 {m.group('total')}。",
    ),
    (re.compile(r" ?You can cancel it within (\d+) minutes\."), lambda m: f"{m.group(1)} 分钟内可以取消。"),
    (
        re.compile(r"^Your cart is empty, so there is nothing to check out yet\.$", re.M),
        lambda m: "您的购物车是空的，还没有可以结账的商品。",
    ),
    (
        re.compile(r"^OK, I haven't placed the order\. Your cart is kept as it is\.$", re.M),
        lambda m: "好的，订单没有提交，购物车保持不变。",
    ),
    (
        re.compile(r"Your cart has (\d+) item\(s\), total (₹\d+)\."),
        lambda m: f"购物车共 {m.group(1)} 件，合计 {m.group(2)}。",
    ),
    (
        re.compile(
            r"No product matches all of your constraints \((?P<what>[^)]*)\)\. Showing the nearest items "
            r"without (?:it|them); each says what differs\."
        ),
        lambda m: f"没有完全符合您全部条件（{m.group('what')}）的商品；以下是最接近的，每件都注明了不同之处。",
    ),
    (
        re.compile(
            r"Only 1 product matches all of your constraints; the rest are the nearest without (?P<what>.+?), "
            r"each saying what differs\."
        ),
        lambda m: f"只有 1 件商品符合您的全部条件；其余是放宽了（{m.group('what')}）后最接近的，每件都注明了不同之处。",
    ),
    (
        re.compile(r"Which of the products shown do you mean\? Say e\.g\. \"the second one\"\."),
        lambda m: "您指的是上面哪一件？可以说“第二个”。",
    ),
    (re.compile(r" is made in one size and is in stock\."), lambda m: " 为均码，有货。"),
    (re.compile(r"^Option (\d+): (₹\d+) in all\.$", re.M), lambda m: f"方案 {m.group(1)}：合计 {m.group(2)}。"),
    (re.compile(r"^We don't sell (?P<thing>[^\n]+?)\.$", re.M), lambda m: f"抱歉，我们不销售{m.group('thing')}。"),
    (
        re.compile(r"^We don't carry (?P<brand>[^;\n]+); these are from brands we do\.$", re.M),
        lambda m: f"我们没有{m.group('brand')}的商品，以下是其他品牌的。",
    ),
    (
        re.compile(
            r"^We don't carry (?P<brand>[^.\n]+)\. Tell me what you're looking for and I'll show you what the "
            r"brands we carry have\.$",
            re.M,
        ),
        lambda m: f"我们没有{m.group('brand')}的商品。告诉我您想找什么，我从我们有的品牌里帮您找。",
    ),
    (
        re.compile(
            r"^The (?P<which>cheaper|pricier|better rated) is number (?P<n>\d+), (?P<title>[^\n]+?) "
            r"\((?:(?P<price>₹\d+)|rated (?P<rating>[\d.]+))\)\.$",
            re.M,
        ),
        lambda m: (
            f"{ {'cheaper': '更便宜', 'pricier': '更贵'}.get(m.group('which'), '评分更高') }的是第 {m.group('n')} 件："
            f"{m.group('title')}（{m.group('price') or '评分 ' + m.group('rating')}）。"
        ),
    ),
    (
        re.compile(r"^Which one do you mean: (?P<named>[^\n]+)\?$", re.M),
        lambda m: (
            "您指的是哪一件："
            + "还是".join(
                f"第 {n} 件（{title}）"
                for n, title in re.findall(r"number (\d+) \((.+?)\)(?= or |$)", m.group("named"))
            )
            + "？"
        ),
    ),
    # a comparison: "Side by side:", each line's rating, and which is cheapest and best rated
    (re.compile(r"^Side by side:", re.M), lambda m: "对比如下："),
    (
        re.compile(r"^Together, (?P<places>[^\n]+?) come to (?P<total>₹\d+)\.", re.M),
        lambda m: (
            f"{m.group('places').replace('number ', '第').replace(' and ', '件和')}件加起来共 {m.group('total')}。"
        ),
    ),
    (re.compile(r" That is within your (₹\d+)\.", re.M), lambda m: f"在您的 {m.group(1)} 预算之内。"),
    (re.compile(r" That is (₹\d+) over your (₹\d+)\.", re.M), lambda m: f"超出您的 {m.group(2)} 预算 {m.group(1)}。"),
    (re.compile(r" · rated (\d\.\d)$", re.M), lambda m: f" · 评分 {m.group(1)}"),
    (
        re.compile(
            r"^(?P<title>[^\n]+?) is the cheapest at (?P<price>₹\d+) and also the best rated \((?P<r>[\d.]+)\)\.$", re.M
        ),
        lambda m: f"{m.group('title')} 最便宜（{m.group('price')}），评分也最高（{m.group('r')}）。",
    ),
    (
        re.compile(
            r"^(?P<title>[^\n]+?) is the cheapest at (?P<price>₹\d+); (?P<rated>[^\n]+?) is the best rated "
            r"\((?P<r>[\d.]+)\)\.$",
            re.M,
        ),
        lambda m: f"{m.group('title')} 最便宜（{m.group('price')}）；{m.group('rated')} 评分最高（{m.group('r')}）。",
    ),
    (
        re.compile(r"Which size would you like( instead)?\? (?P<title>.+?) is in stock in (?P<sizes>[A-Z0-9, ]+)\."),
        lambda m: f"您要{'换成' if m.group(1) else ''}哪个尺码？{m.group('title')} 有货尺码：{m.group('sizes')}。",
    ),
    (re.compile(r"Removed (?P<title>.+?) from your cart\. "), lambda m: f"已将 {m.group('title')} 移出购物车。"),
    (re.compile(r"Which item should I remove from your cart\?"), lambda m: "要从购物车删掉哪一件？"),
    (
        re.compile(r"Only (?P<n>\d+) left of (?P<title>.+?)(?: in size (?P<size>\S+))?(?:\.|; in stock: )"),
        lambda m: (
            f"{m.group('title')}{' ' + m.group('size') + ' 码' if m.group('size') else ''} 仅剩 {m.group('n')} 件。"
            + ("有货尺码：" if m.group(0).endswith("in stock: ") else "")
        ),
    ),
    (re.compile(r"^(?P<title>[^\n]+?) is sold out\.$", re.M), lambda m: f"{m.group('title')} 已售罄。"),
    (re.compile(r"Cart total: (₹\d+)\."), lambda m: f"购物车合计 {m.group(1)}。"),
    # a product line's stock: "in stock in XS, S, M (only 2 left in S)", "sold out"
    (re.compile(r"\(only (\d+) left in (?:size )?([\w ]+?)\)"), lambda m: f"（{m.group(2)} 仅剩 {m.group(1)} 件）"),
    (re.compile(r"· in stock in ([A-Z0-9][A-Z0-9, ]*)"), lambda m: f"· 有货尺码：{m.group(1)}"),
    (re.compile(r"· in stock\b"), lambda m: "· 有货"),
    (re.compile(r"· sold out\b"), lambda m: "· 已售罄"),
    (re.compile(r"\((\d+)% off (₹\d+)\)"), lambda m: f"（原价 {m.group(2)}，优惠 {m.group(1)}%）"),
    # the heading of each need's list in an answer to several ("Wallets for Men:", "Nike Sports Shoes for
    # Men (sports) in size UK9:")
    (
        re.compile(
            r"^(?!Here\b)(?!.* I found)(?P<what>[A-Z][A-Za-z0-9 ()₹&'./-]*?)"
            r"(?:, (?P<order>cheapest first|most expensive first|best rated first|newest first))?:$",
            re.M,
        ),
        lambda m: f"{_described(m.group('what'))}{_ORDER_ZH.get(m.group('order') or '', '')}：",
    ),
]


def wrote_in_chinese(message: str) -> bool:
    """Whether a shopper's message is (partly) Chinese: its answer is then said in Chinese."""
    return re.search(r"[\u4e00-\u9fff]", message) is not None


def in_chinese(answer: str) -> str:
    """``answer`` with every frame it uses said in Chinese (what matches no frame stays)."""
    for pattern, said in _FRAMES:
        answer = pattern.sub(said, answer)
    return answer
