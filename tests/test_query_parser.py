"""Query understanding: English and Chinese phrasings -> filters + remaining text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import QueryError, SearchFilters, parse_query
from retrieval.query_parser import as_list, zh_negated_spans
from retrieval.vocabulary import COLOURS

CASES = [
    (
        "navy shirt for men under 1500",
        {"gender": "Men", "article_type": "Shirts", "colour": "Navy Blue", "price_max": 1500},
    ),
    (
        "a navy casual shirt for men under 1500",
        {"gender": "Men", "article_type": "Shirts", "colour": "Navy Blue", "usage": "Casual", "price_max": 1500},
    ),
    ("kurti between 500 and 1000", {"article_type": "Kurtis", "price_min": 500, "price_max": 1000}),
    ("sneakers below Rs 2k for my husband", {"article_type": "Casual Shoes", "gender": "Men", "price_max": 2000}),
    ("black tee ₹999 or less", {"article_type": "Tshirts", "colour": "Black", "price_max": 999}),
    ("trainers over 3,000", {"article_type": "Sports Shoes", "price_min": 3000}),
    ("flip-flops 300-600", {"article_type": "Flip Flops", "price_min": 300, "price_max": 600}),
    ("maroon kurta for a wedding", {"article_type": "Kurtas", "colour": "Maroon", "usage": "Ethnic"}),
    ("burgundy heels", {"article_type": "Heels", "colour": "Burgundy"}),
    ("off white top for her", {"article_type": "Tops", "colour": "Off White", "gender": "Women"}),
    ("specs for my dad", {"article_type": "Sunglasses", "gender": "Men"}),
    ("shades", {"article_type": "Sunglasses"}),
    ("purse for my wife", {"article_type": "Handbags", "gender": "Women"}),
    ("office shoes for women", {"sub_category": "Shoes", "usage": "Formal", "gender": "Women"}),
    ("gym shorts for boys", {"article_type": "Shorts", "usage": "Sports", "gender": "Boys"}),
    ("unisex backpack", {"article_type": "Backpacks", "gender": "Unisex"}),
    ("party dress for girls", {"article_type": "Dresses", "usage": "Party", "gender": "Girls"}),
    ("winter jacket", {"article_type": "Jackets", "season": "Winter"}),
    ("autumn sweater", {"article_type": "Sweaters", "season": "Fall"}),
    ("grey t-shirt size M", {"article_type": "Tshirts", "colour": "Grey", "size": "M"}),
    ("running shoes uk 9", {"article_type": "Sports Shoes", "size": "UK9"}),
    ("red dress not black", {"article_type": "Dresses", "colour": "Red", "exclude_colours": ["Black"]}),
    ("wallet no leather", {"article_type": "Wallets", "exclude_terms": ["leather"]}),
    ("sneakers not from nike", {"article_type": "Casual Shoes", "exclude_terms": ["nike"]}),
    ("a wallet, 2k each", {"article_type": "Wallets", "price_max": 2000}),
    ("sneaker cleaner", {"article_type": "Shoe Accessories"}),
    ("sneakers, my size is 9", {"article_type": "Casual Shoes", "size": "UK9"}),
    ("hair band for my daughter", {"article_type": "Headband", "gender": "Girls"}),
    ("trousers 1500 each", {"article_type": "Trousers", "price_max": 1500}),
    ("a watch without a leather strap", {"article_type": "Watches", "exclude_terms": ["leather"]}),
    ("tshirts no logos or graphics", {"article_type": "Tshirts", "exclude_terms": ["logo", "graphic"]}),
    ("jacket but skip the denim ones", {"article_type": "Jackets", "exclude_terms": ["denim"]}),
    ("shirts, no more nike", {"article_type": "Shirts", "exclude_terms": ["nike"]}),
    ("dont show me pink tops", {"article_type": "Tops", "exclude_colours": ["Pink"]}),
    ("heels without black", {"article_type": "Heels", "exclude_colours": ["Black"]}),
    ("black or white sneakers", {"article_type": "Casual Shoes", "colour": ["Black", "White"]}),
    ("kurtas for men, 2k", {"article_type": "Kurtas", "gender": "Men", "price_max": 2000}),
    ("an outfit for a wedding, women, 5000", {"usage": "Ethnic", "gender": "Women", "price_max": 5000}),
    ("jeans for men, 32", {"article_type": "Jeans", "gender": "Men"}),
    ("fire kicks under 3k, mens 9", {"gender": "Men", "price_max": 3000, "size": "UK9"}),
    ("something to wear at home for a girl", {"sub_category": "Loungewear and Nightwear", "gender": "Girls"}),
    # Chinese
    ("200元以内的红色连衣裙", {"article_type": "Dresses", "colour": "Red", "price_max": 200}),
    ("男士黑色运动鞋", {"gender": "Men", "article_type": "Sports Shoes", "colour": "Black"}),
    ("女士手表 不超过3000元", {"gender": "Women", "article_type": "Watches", "price_max": 3000}),
    ("不要黑色的女士手提包", {"gender": "Women", "article_type": "Handbags", "exclude_colours": ["Black"]}),
    (
        "夏季白色衬衫 500到1000元",
        {"season": "Summer", "colour": "White", "article_type": "Shirts", "price_min": 500, "price_max": 1000},
    ),
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parses_filters(query: str, expected: dict) -> None:
    assert parse_query(query).filters.public() == expected


def test_chinese_query_gets_english_semantic_text() -> None:
    parsed = parse_query("男士黑色运动鞋")
    assert parsed.semantic_text == "Black Sports Shoes Men"


def test_unrecognised_words_stay_in_the_text() -> None:
    parsed = parse_query("floral printed maxi dress")
    assert parsed.filters.article_type == "Dresses"
    assert "floral printed maxi" in parsed.text


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "empty_query"),
        ("   \n ", "empty_query"),
        ("x" * 501, "query_too_long"),
        ("!!! ??? ...", "unreadable_query"),
        ("red\x00dress", "invalid_characters"),
    ],
)
def test_rejects_unusable_queries(query: str, code: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert info.value.code == code


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_never_crashes_and_filters_are_well_formed(text: str) -> None:
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    filters = SearchFilters.model_validate(parsed.filters.model_dump())
    if filters.price_min is not None and filters.price_max is not None:
        assert filters.price_min <= filters.price_max
    for colour in filters.exclude_colours:
        assert colour in COLOURS.values()


def test_a_budget_for_several_pieces_said_after_the_amount() -> None:
    """ "1200 for both", "keep it to 2500": a maximum, like "under 1200"."""
    assert parse_query("a belt and a wallet, 1200 for both").filters.price_max == 1200
    assert parse_query("keep it to 2500 pls").filters.price_max == 2500
    assert parse_query("jeans for both of us").filters.price_max is None


def test_a_neck_style_and_anything_with_are_left_out() -> None:
    """ "no v-necks" leaves out the two-word style titles spell "V-Neck" or "V Neck"; "i dont
    want anything with sequins" leaves out sequins, not the word "anything"."""
    assert parse_query("tshirts no v-necks").filters.exclude_terms == ["v neck"]
    assert parse_query("i dont want anything with sequins, need a party dress").filters.exclude_terms == ["sequin"]
    assert parse_query("dont show me anything pink").filters.exclude_colours == ["Pink"]


def test_a_kind_asked_for_after_a_comma_is_not_left_out() -> None:
    """ "no sarees, kurta/kurta set?": the comma ends what is turned down, kurtas are wanted;
    a list of words turned down ("no logos, stripes or prints") and a kind turned down beside
    another ("chappals, no flip flops") are still all left out."""
    kurtas = parse_query("no sarees, kurta/kurta set?").filters
    assert (kurtas.exclude_terms, kurtas.article_type) == (["saree"], "Kurta Sets"), kurtas
    assert parse_query("tees, no logos, stripes or prints").filters.exclude_terms == ["logo", "stripe", "print"]
    assert parse_query("chappals for men, no flip flops").filters.exclude_terms == ["flip"]
    assert parse_query("shirts, no checks, only plain ones").filters.exclude_terms == ["check"]


@given(st.integers(min_value=0, max_value=200), st.sampled_from(["size {}", "a waist of {} centimetres", "uk {}"]))
@settings(max_examples=200, deadline=None)
def test_any_number_said_as_a_size_never_breaks_the_parse(number: int, phrase: str) -> None:
    """ "What size would suit a waist of 86 centimetres?" once raised: 86 is no shoe size."""
    size = parse_query(f"what {phrase.format(number)} would suit me").filters.size
    assert size is None or size.startswith("UK") or size.isalpha()


def test_a_colour_family_hyphenated_and_sports_socks_in_chinese() -> None:
    """ "a light-coloured shirt" names the light colours as "light coloured" does; "男士运动袜"
    is socks for sport (运动 is the usage, not part of the kind's name)."""
    assert parse_query("a light-coloured shirt").filters.colour == parse_query("a light coloured shirt").filters.colour
    assert "White" in as_list(parse_query("a light-coloured shirt").filters.colour)
    socks = parse_query("男士运动袜").filters
    assert (socks.article_type, socks.usage, socks.gender) == ("Socks", "Sports", "Men")


def test_what_is_wanted_after_a_kind_or_colour_turned_down() -> None:
    """ "no heels, flats instead" wants flats (only heels are left out); "not white or light
    blue" leaves out blue too; "红色以外的都行" is anything but red; "他不戴手表" turns watches down."""
    flats = parse_query("no heels, flats instead").filters
    assert (flats.article_type, flats.exclude_terms) == ("Flats", ["heel"]), flats
    assert parse_query("no nike, puma or adidas?").filters.exclude_terms == ["nike", "puma", "adida"]
    shirts = parse_query("formal shirts for men XL, not white or light blue, have enough of those").filters
    assert shirts.colour is None and shirts.exclude_colours == ["White", "Blue"], shirts
    assert parse_query("not black or light ones").filters.exclude_colours == ["Black"]
    bags = parse_query("红色以外的都行 一千以内").filters
    assert (bags.colour, bags.exclude_colours, bags.price_max) == (None, ["Red"], 1000), bags
    assert zh_negated_spans("他不戴手表 别的呢") == ["手表"]
    assert parse_query("女士内衣 要舒服的无钢圈那种").filters.article_type == "Bra"


def test_a_budget_said_with_a_plus_is_a_floor() -> None:
    """ "budget 3k+" and "my budget is 2000 or more" are floors (they were caps of 3 and 200:
    the number was cut short to fit the cap's pattern)."""
    assert parse_query("budget 3k+").filters.price_min == 3000
    assert parse_query("budget 3k+").filters.price_max is None
    assert (parse_query("my budget is 2000 or more").filters.price_min, parse_query("budget 3k").filters.price_max) == (
        2000,
        3000,
    )
    assert parse_query("under 2k, mens 9").filters.price_max == 2000


def test_a_size_is_no_price_and_a_cantonese_cap_is_a_budget() -> None:
    """ "uk 10 all in under 4k": the size is UK10 and the budget 4000 (the size's last digit
    was read as a price of 0 "all in", and the size as UK1); "不要贵过五百块" is under 500."""
    both = parse_query("white sneakers uk 10 all in under 4k").filters
    assert (both.size, both.price_max) == ("UK10", 4000)
    assert parse_query("sneakers uk 10 all in").filters.price_max is None
    assert parse_query("3000 all in").filters.price_max == 3000
    assert parse_query("男装cap 黑色 不要贵过五百块").filters.price_max == 500


def test_a_colour_praised_after_a_no_a_time_and_a_stretch() -> None:
    """ "hmm no the brown ones were nicer" wants brown (it was turned down); "not brown, black
    is more his style" turns down brown only (black was too); "不要运动风的 平时上班穿" is no
    sportswear (it was the usage asked); "如果已经超过30分钟了呢" has no price (30 was a floor);
    "can't really stretch past 3 grand" is under 3000."""
    again = parse_query("hmm no the brown ones were nicer. show them again").filters
    assert again.colour == "Brown" and not again.exclude_colours
    his = parse_query("not brown, black is more his style").filters
    assert his.colour == "Black" and his.exclude_colours == ["Brown"]
    assert parse_query("男士外套 L码 不要运动风的 平时上班穿").filters.usage != "Sports"
    late = parse_query("如果已经超过30分钟了呢").filters
    assert late.price_min is None and late.price_max is None
    assert (
        parse_query("Hiya, a proper bag for work, womens. Cant really stretch past 3 grand").filters.price_max == 3000
    )
    assert not zh_negated_spans("老公生日想送个礼物，他特别喜欢运动")  # the 别 of 特别 turns nothing down
    light = parse_query("要浅色的 深色的别推").filters  # the dark ones turned down after they are named
    assert (
        "Black" in light.exclude_colours and "Black" not in as_list(light.colour) and "White" in as_list(light.colour)
    )
