"""Answer text for the rule planner, built only from tool results, so every product,
price, size and stock claim in it comes from the catalog record it describes."""

from __future__ import annotations

from catalog import ProductRecord
from retrieval.vocabulary import COLOUR_FAMILIES
from tools.stock import LOW_STOCK


def product_line(i: int, p: ProductRecord, size: str | None = None) -> str:
    price = f"₹{p.price:.0f}" + (f" ({p.discount_pct}% off ₹{p.list_price:.0f})" if p.discount_pct else "")
    if not p.sizes_in_stock:
        stock = "sold out"
    elif p.sizes_in_stock == ["One Size"]:
        stock = "in stock"
    else:
        stock = f"in stock in {', '.join(p.sizes_in_stock)}"
    low = [
        f"only {p.stock[s]} left in {s}"
        for s in p.sizes_in_stock
        if p.stock[s] <= LOW_STOCK and (size is None or s == size)
    ]
    colour = f" · {p.colour}" if p.colour else ""
    return f"{i}. {p.title} — {price}{colour} · {stock}" + (f" ({low[0]})" if low else "")


def in_size(size: str, lead: str = " in size ") -> str:
    """ " in size M", or nothing for a product made in one size (no "in size One Size")."""
    return "" if size == "One Size" else f"{lead}{size}"


def product_list(products: list[ProductRecord], size: str | None = None) -> str:
    return "\n".join(product_line(i + 1, p, size) for i, p in enumerate(products))


def colour_words(colours: str | list[str], excluded: bool = False) -> str:
    """The colours as a shopper said them: a family by its name ("pastel"), a few by theirs;
    an excluded family with its shades ("not bright colours")."""
    named = {colours} if isinstance(colours, str) else set(colours)
    for family, members in COLOUR_FAMILIES.items():
        if named == set(members):
            return family
        if excluded and set(members) <= named:
            return f"{family} colours"
    return colours if isinstance(colours, str) else " or ".join(colours)


_UNCOUNTED = ("wear", "Sunscreen", "Mascara", "Eyeshadow", "Care")


def kind_plural(kind: str) -> str:
    """A catalog type as a heading names several ("Bras", "Rain Jackets"); the catalog names
    most types in the plural already, and a compound ("Perfume and Body Mist") or a mass
    noun ("Swimwear") stays as it is."""
    if kind.endswith(("s", *_UNCOUNTED)) or " and " in kind:
        return kind
    return f"{kind}es" if kind.endswith(("ch", "sh", "x")) else f"{kind}s"


def describe_filters(filters: dict) -> str:
    parts = []
    if filters.get("colour"):
        parts.append(colour_words(filters["colour"]))
    parts += [term.title() for term in filters.get("include_terms", [])]  # "Nike Backpacks", "Polo Tshirts"
    if filters.get("article_type"):
        value = filters["article_type"]
        parts.append(" or ".join(kind_plural(v) for v in ([value] if isinstance(value, str) else value)))
    kind = filters.get("sub_category")
    if kind and not (filters.get("article_type") and kind.lower().rstrip("s") in " ".join(parts).lower()):
        parts.append(kind)  # "Formal Shoes", not "Formal Shoes Shoes"; "Laptop Bag", not "Laptop Bag Bags"
    if filters.get("category") and not (filters.get("article_type") or kind):
        parts.append(filters["category"])  # "Accessories for Women"
    described = ("gender", "usage", "price_max", "price_min", "size", "exclude_colours")
    if not (filters.get("article_type") or kind or filters.get("category")) and any(map(filters.get, described)):
        parts.append("products")  # "products for Women (sports)", never "5 for Women (sports)"
    if filters.get("gender"):
        parts.append(f"for {filters['gender']}")
    if filters.get("usage"):
        parts.append(f"({filters['usage'].lower()})")
    if filters.get("price_max") is not None and filters.get("price_min") is not None:
        parts.append(f"between ₹{filters['price_min']:.0f} and ₹{filters['price_max']:.0f}")
    elif filters.get("price_max") is not None:
        parts.append(f"under ₹{filters['price_max']:.0f}")
    elif filters.get("price_min") is not None:
        parts.append(f"from ₹{filters['price_min']:.0f}")
    if filters.get("size"):
        parts.append(f"in size {filters['size']}")
    if filters.get("exclude_colours"):
        words = colour_words(filters["exclude_colours"], excluded=True)
        parts.append(("not in " if words.endswith(" colours") else "not ") + words)
    return " ".join(parts)


OUT_OF_CATALOG = (
    "Sorry, we don't sell {thing} — Atelier is a fashion store: clothing, footwear, bags, watches, "
    "jewellery, eyewear and personal care. I can help you find any of those."
)
# The same, to a shopper who wrote in Chinese, with the kinds of shop not sold in Chinese
OUT_OF_CATALOG_ZH = (
    "抱歉，我们不销售{thing}。Atelier 是一家时装店：服装、鞋履、包袋、手表、首饰、眼镜和个人护理用品，"
    "这些我都可以帮您找。"
)
# A service asked for ("do you do alterations?"): nothing to sell, so said as not offered
SERVICES = frozenset({"tailoring or alteration services", "裁缝和改衣服务"})
NO_SERVICE = (
    "Sorry, we don't offer {thing}: every product comes in the sizes its listing shows. "
    "I can help you find one in your size."
)
NO_SERVICE_ZH = "抱歉，我们不提供{thing}：每件商品只有页面上列出的尺码。我可以帮您找合适尺码的。"
# Printing a name, number or logo on a product: not offered, the products are sold as listed
PRINTING = frozenset({"custom printing or engraving of names, numbers or logos", "定制印字或刻字服务"})
NO_PRINTING = (
    "Sorry, we don't offer {thing}: every product is sold as its listing shows it. I can help you find a plain one."
)
NO_PRINTING_ZH = "抱歉，我们不提供{thing}：每件商品都按页面上的样子出售。我可以帮您找款式简单的。"
UNSOLD_IN_CHINESE = {
    "phones": "手机",
    "computers": "电脑",
    "electronics": "电子产品",
    "games and consoles": "游戏机",
    "televisions": "电视",
    "appliances": "家电",
    "furniture": "家具",
    "air treatment": "空气净化和除湿设备",
    "home furnishings": "家纺",
    "home decor": "家居装饰",
    "towels": "毛巾",
    "kitchenware": "厨具",
    "groceries": "食品杂货",
    "cakes and sweets": "蛋糕和甜点",
    "medicines": "药品",
    "medical supplies": "医疗用品",
    "baby care": "婴儿护理用品",
    "baby gear": "婴儿车等婴儿用品",
    "hair care": "洗护发产品",
    "puja and festive items": "祭拜和节庆用品",
    "fireworks": "烟花爆竹",
    "books and stationery": "图书文具",
    "school supplies": "学习用品",
    "toys": "玩具",
    "vehicles": "车辆及配件",
    "tools": "工具",
    "pet supplies": "宠物用品",
    "sports equipment": "运动器材",
    "sports nutrition": "运动营养品",
    "travel bookings": "机票酒店预订",
    "services": "服务类产品",
    "gift cards": "礼品卡",
    "plants": "植物",
    "flowers": "鲜花",
    "trimmers": "修剪器",
    "grooming appliances": "剃须修容电器",
    "hair styling appliances": "美发电器",
    "wigs": "假发",
    "spectacles": "眼镜框和近视眼镜",
    "contact lenses": "隐形眼镜",
    "camping gear": "露营装备",
}
GREETING = (
    "Hi! I'm Atelier's shopping assistant. Tell me what you're looking for — for example "
    '"a navy casual shirt for men under 1500" — and I can also check sizes and stock, put together '
    "outfits, manage your cart and answer questions about returns or delivery."
)

# "what do u actually sell": the store's range, and what to ask for
RANGE = (
    "Atelier is a fashion store: clothing, footwear, bags, watches, jewellery, eyewear and personal care, "
    'for men, women and children. Tell me what you\'re looking for — for example "white sneakers under 3000" — '
    "or ask for a whole look for an occasion."
)

FAREWELL = "You're welcome! Come back any time: tell me what you're looking for and I'll find it."

GUARDRAIL = (
    "I can't change prices, add discounts or share my instructions: every price and discount I show "
    "comes from the store's catalog, exactly as listed. I'm happy to find you something within a budget "
    "— just tell me what you're looking for and how much you'd like to spend."
)
