"""Words shoppers use, mapped to the catalog's attribute values (English and Chinese).

Each table maps a phrase to a canonical value. The parser matches longest phrases
first, so "navy blue" wins over "blue" and "sports shoes" over "shoes"."""

from __future__ import annotations

COLOURS: dict[str, str] = {
    "navy blue": "Navy Blue",
    "navy": "Navy Blue",
    "dark blue": "Navy Blue",
    "deep blue": "Navy Blue",
    "night sky": "Navy Blue",  # colours said by what has them ("the colour of the sky")
    "colour of the sky": "Blue",
    "color of the sky": "Blue",
    "sky colour": "Blue",
    "sky color": "Blue",
    "sky coloured": "Blue",
    "sky blue": "Blue",
    "deep sea": "Teal",
    "sea colour": "Teal",
    "mustard-ish": "Mustard",
    "mustardy": "Mustard",
    "black": "Black",
    "white": "White",
    "blue": "Blue",
    "brown": "Brown",
    "grey": "Grey",
    "gray": "Grey",
    "red": "Red",
    "green": "Green",
    "pink": "Pink",
    "purple": "Purple",
    "violet": "Purple",
    "silver": "Silver",
    "yellow": "Yellow",
    "beige": "Beige",
    "gold": "Gold",
    "golden": "Gold",
    "maroon": "Maroon",
    "wine": "Maroon",
    "burgundy": "Burgundy",
    "orange": "Orange",
    "olive": "Olive",
    "multi": "Multi",
    "multicolour": "Multi",
    "multicolor": "Multi",
    "multi-coloured": "Multi",
    "cream": "Cream",
    "steel": "Steel",
    "charcoal": "Charcoal",
    "peach": "Peach",
    "off white": "Off White",
    "off-white": "Off White",
    "ivory": "Off White",
    "skin colour": "Skin",  # "for dry skin" names no colour
    "skin coloured": "Skin",
    "skin-coloured": "Skin",
    "skin tone": "Skin",
    "lavender": "Lavender",
    "lilac": "Lavender",
    "grey melange": "Grey Melange",
    "khaki": "Khaki",
    "khakhi": "Khaki",  # as many of the catalog's own titles spell it
    "marron": "Maroon",
    "pinkish": "Pink",
    "bluish": "Blue",
    "greenish": "Green",
    "reddish": "Red",
    "yellowish": "Yellow",
    "greyish": "Grey",
    "brownish": "Brown",
    "purplish": "Purple",
    "goldish": "Gold",
    "gold-ish": "Gold",
    "silverish": "Silver",
    "blackish": "Black",
    "whitish": "White",
    "orangish": "Orange",
    "yellow gold": "Gold",  # "not the yellow gold look": gold, as jewellery calls it
    # plurals, as colours are talked of in bulk ("no reds or pinks", "she likes blues")
    "reds": "Red",
    "pinks": "Pink",
    "blues": "Blue",
    "greens": "Green",
    "yellows": "Yellow",
    "browns": "Brown",
    "greys": "Grey",
    "grays": "Grey",
    "purples": "Purple",
    "maroons": "Maroon",
    "maroonish": "Maroon",
    "navyish": "Navy Blue",
    "beige-ish": "Beige",
    "creamish": "Cream",
    "peachish": "Peach",
    "mustardish": "Mustard",
    "orangey": "Orange",
    "beigish": "Beige",
    "magenta": "Magenta",
    "fuchsia": "Magenta",
    "teal": "Teal",
    "tan": "Tan",
    "mustard": "Mustard",
    "bronze": "Bronze",
    "copper": "Copper",
    "turquoise": "Turquoise Blue",
    "turquoise blue": "Turquoise Blue",
    "rust": "Rust",
    "metallic": "Metallic",
    "coffee brown": "Coffee Brown",
    "mauve": "Mauve",
    "rose": "Rose",
    "nude": "Nude",
    "sea green": "Sea Green",
    "mushroom brown": "Mushroom Brown",
    "taupe": "Taupe",
    "lime green": "Lime Green",
    "lime": "Lime Green",
    "fluorescent green": "Fluorescent Green",
    # Chinese
    "海军蓝": "Navy Blue",
    "藏青色": "Navy Blue",
    "藏青": "Navy Blue",
    "深蓝色": "Navy Blue",
    "黑色": "Black",
    "黑": "Black",
    "白色": "White",
    "白": "White",
    "蓝色": "Blue",
    "蓝": "Blue",
    "棕色": "Brown",
    "棕褐色": "Tan",
    "咖啡色": "Brown",
    "灰色": "Grey",
    "高级灰": "Grey",
    "红色": "Red",
    "红": "Red",
    "绿色": "Green",
    "粉色": "Pink",
    "粉红色": "Pink",
    "豆沙色": "Rose",  # a lipstick's muted rose
    "紫色": "Purple",
    "银色": "Silver",
    "黄色": "Yellow",
    "米色": "Beige",
    "金色": "Gold",
    "酒红色": "Maroon",
    "橙色": "Orange",
    "橄榄色": "Olive",
    "米白色": "Off White",
    "卡其色": "Khaki",
}

# phrase -> (payload field, value). Generic words map to the sub-category.
ARTICLE_TYPES: dict[str, tuple[str, str]] = {}


def _add(field: str, value: str, *phrases: str) -> None:
    for phrase in phrases:
        ARTICLE_TYPES[phrase] = (field, value)


_add(
    "article_type",
    "Tshirts",
    "tshirt",
    "tshirts",
    "t-shirt",
    "t-shirts",
    "t shirt",
    "t shirts",
    "tee",
    "tees",
    "polo",
    "polos",
    "t恤",
    "短袖",
)
_add(
    "article_type",
    "Shirts",
    "shirt",
    "shirts",
    "衬衫",
    "dress shirt",
    "dress shirts",
    "button-down",
    "button-downs",
    "button down",
    "button downs",
    "button-up shirt",
    "button up shirt",
)
_add("article_type", "Tops", "top", "tops", "blouse", "blouses", "上衣")
_add(
    "article_type",
    "Kurtas",
    "kurta",
    "kurtas",
    "salwar suit",
    "salwar suits",
    "churidar suit",
    "anarkali suit",
    "punjabi suit",
    "punjabi suits",
    "panjabi",
    "panjabis",
)
_add("article_type", "Kurtis", "kurti", "kurtis")
_add("article_type", "Jeans", "jeans", "denims", "denim", "牛仔裤")
_add(
    "article_type",
    "Trousers",
    "trousers",
    "trouser",
    "pants",
    "pant",
    "chinos",
    "cargos",
    "cargo pants",
    "slacks",
    "dress pants",
    "裤子",
    "长裤",
)
_add("article_type", "Track Pants", "track pants", "trackpants", "joggers", "运动裤", "运动长裤")
_add("article_type", "Shorts", "shorts", "短裤")
_add("article_type", "Dresses", "dress", "dresses", "gown", "frock", "frocks", "连衣裙", "裙装", "洋装", "沙滩裙")
_add("article_type", "Skirts", "skirt", "skirts", "裙子", "半身裙")
# Words that name more than one type: "裙子" is any dress or skirt (连衣裙 and 半身裙 are the one each).
ALSO_MEANT: dict[str, list[str]] = {"裙子": ["Dresses"]}
_add("article_type", "Sarees", "saree", "sarees", "sari", "saris")
_add(
    "article_type",
    "Jackets",
    "jacket",
    "jackets",
    "coat",
    "coats",
    "overcoat",
    "overcoats",
    "trench coat",
    "夹克",
    "外套",
)
_add(
    "article_type",
    "Blazers",
    "blazer",
    "blazers",
    "tux",
    "tuxedo",
    "tuxedos",
    "suit",
    "suits",
    "2 piece suit",
    "3 piece suit",
    "西装外套",
)
_add(
    "article_type",
    "Sweaters",
    "sweater",
    "sweaters",
    "pullover",
    "pullovers",
    "jumper",
    "jumpers",
    "cardigan",
    "cardigans",
    "毛衣",
)
_add("article_type", "Sweatshirts", "sweatshirt", "sweatshirts", "hoodie", "hoodies", "卫衣", "帽衫", "连帽衫", "帽T")
_add("article_type", "Leggings", "leggings", "legging", "yoga pants", "yoga tights")
_add("article_type", "Lounge Pants", "lounge pants", "pyjama pants", "pajama pants", "pj pants", "pyjama bottoms")
_add("article_type", "Capris", "capri", "capris", "caprees", "capree", "three fourths", "3/4ths")
_add("article_type", "Tunics", "tunic", "tunics")
_add("article_type", "Briefs", "brief", "briefs", "underwear")
_add("article_type", "Bra", "bra", "bras")
_add("article_type", "Nightdress", "nightdress", "nighty", "nightie", "nightgown", "nightgowns", "night gown", "睡裙")
_add(
    "article_type",
    "Night suits",
    "night suit",
    "night suits",
    "nightsuit",
    "nightsuits",
    "pyjamas",
    "pajamas",
    "pj set",
    "pj sets",
    "pyjama set",
    "pyjama sets",
    "pajama set",
    "pajama sets",
    "pyjama and top set",
    "pajama and top set",
    "睡衣",
)
_add(
    "sub_category",
    "Loungewear and Nightwear",
    "loungewear",
    "lounge wear",
    "homewear",
    "home wear",
    "nightwear",
    "sleepwear",
    "wear at home",
    "家居服",
)
_add("article_type", "Innerwear Vests", "vest", "vests", "banian", "banians", "baniyan", "baniyans")
_add(
    "article_type",
    "Casual Shoes",
    "casual shoes",
    "sneakers",
    "sneaker",
    "sneakerhead",
    "loafers",
    "loafer",
    "high tops",
    "high-tops",
    "hi tops",
    "hightops",
    "休闲鞋",
)
_add(
    "article_type",
    "Sports Shoes",
    "sports shoes",
    "sport shoes",
    "running shoes",
    "gym sneakers",
    "gym shoes",
    "running sneakers",
    "trainers",
    "trainer",
    "training shoes",
    "football shoes",
    "football boots",
    "soccer shoes",
    "cleats",
    "运动鞋",
    "跑鞋",
    "足球鞋",
)
_add("article_type", "Formal Shoes", "formal shoes", "oxfords", "brogues", "derby shoes", "皮鞋")
_add("article_type", "Heels", "heels", "heel", "stilettos", "pumps", "court shoes", "court heels", "高跟鞋")
_add("article_type", "Flats", "flats", "ballerinas", "平底鞋")
_add("article_type", "Cushion Covers", "抱枕套", "靠垫套", "靠枕套")
_add("article_type", "Sandals", "sandals", "sandal", "kolhapuri", "kolhapuris", "kolhapuri chappals", "凉鞋")
_add(
    "article_type",
    "Flip Flops",
    "flip flops",
    "flip-flops",
    "flipflops",
    "flip flop",
    "slippers",
    "chappals",
    "拖鞋",
    "人字拖",
)
_add("article_type", "Watches", "watch", "watches", "wristwatch", "手表", "腕表")
_add("article_type", "Duffel Bag", "duffel", "duffels", "duffle", "duffles", "duffel bag", "duffle bag", "gym bag")
_add(
    "article_type",
    "Wristbands",
    "wristband",
    "wristbands",
    "wrist band",
    "wrist bands",
    "sweatband",
    "sweatbands",
    "sweat band",
    "sweat bands",
    "护腕",
)
_add(
    "article_type",
    "Shoe Accessories",
    "shoe cleaner",
    "sneaker cleaner",
    "shoe brush",
    "shoe care",
    "shoe polish",
    "shoe laces",
)
_add("article_type", "Bath Robe", "bathrobe", "bathrobes", "bath robe", "bath robes")
_add("article_type", "Headband", "headband", "headbands", "hair band", "hair bands", "hairband", "hairbands")
_add(
    "article_type",
    "Sunglasses",
    "sunglasses",
    "shades",
    "specs",
    "goggles",
    "aviators",
    "aviator",
    "wayfarers",
    "wayfarer",
    "太阳镜",
    "墨镜",
)
_add("article_type", "Handbags", "handbag", "handbags", "purse", "purses", "tote", "手提包", "手袋")
_add("article_type", "Clutches", "clutch", "clutches")
_add(
    "article_type",
    "Wallets",
    "wallet",
    "wallets",
    "钱包",
    "银包",
    "皮夹",
    "passport holder",
    "passport holders",
    "passport cover",
    "passport wallet",
    "passport pouch",
    "travel wallet",
    "护照包",
    "护照夹",
)
_add("article_type", "Belts", "belt", "belts", "皮带", "腰带")
_add("article_type", "Backpacks", "backpack", "backpacks", "rucksack", "背包", "双肩包", "背囊")
_add("article_type", "Socks", "socks", "sock", "袜子", "袜")
_add("article_type", "Caps", "cap", "caps", "hat", "hats", "帽子")
_add("article_type", "Ties", "tie", "ties", "necktie", "领带")
_add(
    "article_type",
    "Earrings",
    "earrings",
    "earring",
    "jhumka",
    "jhumkas",
    "jhumki",
    "jhumkis",
    "studs",
    "danglers",
    "dangler",
    "耳环",
)
_add("article_type", "Scarves", "scarf", "scarves", "scarfs", "围巾", "丝巾")
# "a wrap", "wraps" (never "wrap it as a present": gift wrapping)
_add("article_type", "Stoles", "stole", "stoles", "shawl", "shawls", "a wrap", "wraps", "pashmina", "pashminas")
# a wrap is a shawl, but a wrap dress, top or pair of sunglasses is that thing
_add("article_type", "Dresses", "wrap dress", "wrap dresses")
_add("article_type", "Tops", "wrap top", "wrap tops")
_add("article_type", "Sunglasses", "wrap sunglasses", "wraparound", "wraparounds", "wraparound sunglasses")
_add(
    "article_type",
    "Perfume and Body Mist",
    "perfume",
    "perfumes",
    "body mist",
    "fragrance",
    "cologne",
    "colognes",
    "smelling nice",  # "she loves smelling nice": a scent
    "smelling good",
    "smell nice",
    "smell good",
    "香水",
)
_add("article_type", "Deodorant", "deodorant", "deo", "deos")
_add("article_type", "Lipstick", "lipstick", "lipsticks", "lippy", "lippie", "lippies", "口红")
_add(
    "article_type",
    "Nail Polish",
    "nail polish",
    "nail paint",
    "nailpaint",
    "nailpolish",
    "nail paints",
    "nail colour",
    "nail color",
    "指甲油",
)
_add("article_type", "Dupatta", "dupatta", "dupattas")
_add("article_type", "Kurta Sets", "kurta set", "kurta sets")
_add("article_type", "Jumpsuit", "jumpsuit", "jumpsuits")
_add("article_type", "Rompers", "romper", "rompers", "onesie", "onesies", "连体衣", "爬服", "哈衣")
_add(
    "article_type",
    "Rain Jacket",
    "raincoat",
    "raincoats",
    "rain jacket",
    "rain jackets",
    "rain coat",
    "rain mac",
    "rain macs",
    "pac a mac",
    "雨衣",
)
_add("article_type", "Swimwear", "swimwear", "swimsuit", "bikini", "泳衣", "泳装")
# "suit" alone is a man's blazer; a suit set is the salwar or kurta suit worn by women
_add(
    "article_type",
    "Kurta Sets",
    "suit set",
    "suit sets",
    "salwar suit",
    "salwar suits",
    "churidar suit",
    "anarkali suit",
    "anarkali",  # a flared kurta, sold as a set
    "anarkalis",
)
_add("article_type", "Water Bottle", "water bottle", "sipper", "水杯", "水壶")
_add("article_type", "Suspenders", "braces")  # British English: braces hold up trousers
_add("article_type", "Hair Colour", "hair dye", "hair dyes")
_add("article_type", "Lip Care", "lip balm", "lip balms", "lip care")
# personal care named as shoppers name it ("a moisturiser", "night cream", "shower gel"): the
# catalog's kinds, never the colour Cream
_add(
    "article_type",
    "Face Moisturisers",
    "moisturiser",
    "moisturisers",
    "moisturizer",
    "moisturizers",
    "face cream",
    "face creams",
    "day cream",
    "night cream",
    "bb cream",
    "cc cream",
    "cold cream",
)
_add("article_type", "Eye Cream", "eye cream", "eye creams", "under eye cream", "under-eye cream")
_add("article_type", "Face Serum and Gel", "serum", "serums", "face serum", "face serums", "face gel")
_add("article_type", "Body Lotion", "lotion", "lotions", "body cream", "body butter")
_add("article_type", "Body Wash and Scrub", "body wash", "shower gel", "shower gels", "body scrub")
_add("article_type", "Mens Grooming Kit", "grooming kit", "grooming kits", "grooming set")
_add("article_type", "Key chain", "keychain", "keychains", "key chain", "key chains", "key ring", "key rings")
_add("article_type", "Hair Accessory", "hair clip", "hair clips", "hair pin", "hair pins", "scrunchie", "scrunchies")
_add("article_type", "Bangle", "bangle", "bangles", "kada", "手镯")
_add("article_type", "Cufflinks", "cufflinks", "cuff links", "袖扣")
_add("article_type", "Necklace and Chains", "necklace", "necklaces", "chain", "chains", "项链")
_add("article_type", "Pendant", "pendant", "pendants", "locket", "lockets")
_add("article_type", "Ring", "ring", "rings", "戒指")
_add("article_type", "Bracelet", "bracelet", "bracelets", "手链")
_add("article_type", "Churidar", "churidar", "churidars")
_add("article_type", "Salwar", "salwar", "salwars")
_add("article_type", "Patiala", "patiala", "patialas")
_add("article_type", "Lehenga Choli", "lehenga", "lehengas", "lehenga choli", "chaniya choli", "chaniya cholis")
_add("article_type", "Flats", "juttis", "jutti", "mojari", "mojaris")
_add(
    "article_type",
    "Mobile Pouch",
    "phone pouch",
    "mobile pouch",
    "phone cover",
    "phone case",
    "手机套",
    "手机壳",
    "手机袋",
    "手机包",
    "装手机的小包",
    "放手机的小包",
    "放手机的包",
    "装手机的包",
)
# Chinese names for the catalog's kinds, besides those given with their English names above
# (the longest name wins: 电脑包 before 包)
_ZH_KINDS = {
    "Tshirts": ("体恤", "短t", "翻领t恤"),
    "Kurtas": ("库尔塔", "印度长衫"),
    "Kurtis": ("库尔蒂", "短款库尔塔"),
    "Tracksuits": ("运动服", "运动套装"),
    "Sarees": ("纱丽", "莎丽", "沙丽", "纱丽服"),
    "Flip Flops": ("夹脚拖",),
    "Briefs": ("内裤", "三角裤", "三角内裤"),
    "Trunk": ("平角裤", "平角内裤"),
    "Boxers": ("四角裤", "四角内裤"),
    "Bra": ("文胸", "胸罩", "运动内衣", "女士内衣", "女生内衣", "女式内衣", "无钢圈"),
    "Deodorant": ("止汗露", "止汗喷雾", "香体露", "走珠", "香体喷雾", "体香剂"),
    "Clutches": ("手拿包", "晚宴包"),
    "Innerwear Vests": ("背心", "汗衫"),
    "Camisoles": ("吊带", "吊带背心"),
    "Leggings": ("打底裤", "紧身裤", "瑜伽裤"),
    "Jeggings": ("牛仔打底裤",),
    "Capris": ("七分裤", "七分的"),
    "Bath Robe": ("浴袍", "睡袍"),
    "Pendant": ("吊坠",),
    "Lip Gloss": ("唇彩", "唇蜜"),
    "Kajal and Eyeliner": ("眼线", "眼线笔", "眼线液"),
    "Foundation and Primer": ("粉底", "粉底液", "妆前乳"),
    "Highlighter and Blush": ("腮红", "高光"),
    "Compact": ("粉饼",),
    "Lip Liner": ("唇线笔",),
    "Eyeshadow": ("眼影",),
    "Mascara": ("睫毛膏",),
    "Face Moisturisers": ("面霜", "保湿霜"),
    "Stoles": ("披肩",),
    "Mufflers": ("围脖",),
    "Duffel Bag": ("旅行包", "行李包", "健身包"),
    "Laptop Bag": ("电脑包", "笔记本包", "电脑内胆包", "内胆包", "电脑袋", "公事包", "公文包"),
    "Messenger Bag": ("斜挎包", "邮差包", "挎包"),
    "Handbags": ("包包", "女包", "小挎包"),  # a small one worn across: a sling, among the handbags
    "Sports Sandals": ("运动凉鞋",),
    "Lounge Pants": ("家居裤", "睡裤"),
    "Lounge Shorts": ("家居短裤",),
    "Stockings": ("丝袜", "长筒袜"),
    "Suspenders": ("背带",),
    "Hair Colour": ("染发剂", "染发膏"),
    "Lip Care": ("润唇膏", "护唇膏"),
    "Jackets": ("防晒衣", "冲锋衣", "风衣", "皮衣", "羽绒服", "棉服", "夹克"),
    "Jewellery Set": ("首饰套装",),
    "Fragrance Gift Set": ("香水礼盒",),
    "Accessory Gift Set": ("配饰礼盒",),
    "Watches": ("腕表", "情侣表", "石英表", "机械表"),
    "Umbrellas": ("雨伞", "遮阳伞", "太阳伞"),
    "Trolley Bag": ("行李箱", "拉杆箱"),
    "Face Wash and Cleanser": ("洗面奶",),
    "Heels": ("高跟", "坡跟", "坡跟鞋", "高踭", "高踭鞋"),  # 高踭: Cantonese
    "Flats": ("平底", "平跟", "单鞋"),
    "Blazers": ("西装",),
    "Backpacks": ("书包",),
    "Sports Shoes": ("跑步鞋", "篮球鞋"),
    "Casual Shoes": ("板鞋", "帆布鞋"),
    "Trousers": ("西裤", "西装裤", "休闲裤", "阔腿裤", "正装裤", "卡其裤"),
    "Waist Pouch": ("腰包",),
    "Gloves": ("手套",),
    "Shorts": ("沙滩裤",),
    "Caps": ("遮阳帽", "渔夫帽", "鸭舌帽", "棒球帽"),
    "Headband": ("头带", "发带", "运动头带"),
    "Sunscreen": ("防晒霜", "防晒乳", "sunscreen", "sunblock"),
    "Mask and Peel": ("面膜", "face mask", "face masks", "face pack", "face packs", "sheet mask", "sheet masks"),
}
for _kind, _names in _ZH_KINDS.items():
    _add("article_type", _kind, *_names)
_add("sub_category", "Shoes", "shoes", "shoe", "footwear", "鞋", "鞋子")
_add("sub_category", "Bags", "bag", "bags", "包")
_add("sub_category", "Jewellery", "jewellery", "jewelry", "首饰")
_add("sub_category", "Bottomwear", "bottoms", "bottomwear", "bottom wear", "a bottom", "下装", "裤装")

GENDERS: dict[str, str] = {
    "men": "Men",
    "man": "Men",
    "mens": "Men",
    "men's": "Men",
    "male": "Men",
    "gents": "Men",
    "pathani": "Men",  # the pathani kurta is a man's
    "sherwani": "Men",  # "a sherwani type kurta": a man's
    "guy": "Men",
    "bloke": "Men",
    "chap": "Men",  # British English
    "fella": "Men",
    "fellow": "Men",
    "dude": "Men",
    "guys": "Men",
    "gentleman": "Men",
    "gentlemen": "Men",
    "husband": "Men",
    "boyfriend": "Men",
    "father": "Men",
    "dad": "Men",
    "brother": "Men",
    "uncle": "Men",
    "grandpa": "Men",
    "grandfather": "Men",
    "fiance": "Men",
    "fiancé": "Men",
    "women": "Women",
    "woman": "Women",
    "womens": "Women",
    "women's": "Women",
    "ladies": "Women",
    "lady": "Women",
    "female": "Women",
    "wife": "Women",
    "girlfriend": "Women",
    "mother": "Women",
    "mom": "Women",
    "mum": "Women",
    "sister": "Women",
    "aunt": "Women",
    "aunty": "Women",
    "auntie": "Women",
    "grandma": "Women",
    "nan": "Women",  # British English: a grandmother
    "grandmother": "Women",
    "fiancee": "Women",
    "ma'am": "Women",
    "bhabhi": "Women",  # a brother's wife
    "bahu": "Women",  # a daughter-in-law ("a look that screams sanskari bahu")
    "jiju": "Men",  # a sister's husband
    "father-in-law": "Men",
    "son-in-law": "Men",
    "brother-in-law": "Men",
    "daughter-in-law": "Women",
    "sister-in-law": "Women",
    "mother-in-law": "Women",
    "stepmom": "Women",
    "stepmum": "Women",
    "stepmother": "Women",
    "godmother": "Women",
    "stepdad": "Men",
    "stepfather": "Men",
    "godfather": "Men",
    "madam": "Women",
    "fiancée": "Women",
    "boys": "Boys",
    "boy": "Boys",
    "boy's": "Boys",
    "son": "Boys",
    "nephew": "Boys",
    "grandson": "Boys",
    "grandsons": "Boys",
    "pati": "Men",  # Hindi: husband
    "patni": "Women",
    "girls": "Girls",
    "girl": "Girls",
    "girl's": "Girls",
    "daughter": "Girls",
    "niece": "Girls",
    "granddaughter": "Girls",
    "granddaughters": "Girls",
    "goddaughter": "Girls",
    "stepdaughter": "Girls",
    "godson": "Boys",
    "stepson": "Boys",
    "unisex": "Unisex",
    "爸爸": "Men",
    "公公": "Men",  # a husband's father
    "岳父": "Men",
    "婆婆": "Women",  # a husband's mother
    "岳母": "Women",
    "嫂子": "Women",  # a brother's wife
    "姐夫": "Men",  # a sister's husband
    "妹夫": "Men",
    "老公": "Men",
    "男朋友": "Men",
    "哥哥": "Men",
    "弟弟": "Men",
    "妈妈": "Women",
    "老婆": "Women",
    "女朋友": "Women",
    "姐姐": "Women",
    "妹妹": "Women",
    "儿子": "Boys",
    "女儿": "Girls",
    "孙子": "Boys",
    "孙女": "Girls",
    "外孙": "Boys",
    "外孙女": "Girls",
    "男士": "Men",
    "男装": "Men",
    "女装": "Women",
    "男式": "Men",
    "男款": "Men",
    "男": "Men",
    "女士": "Women",
    "女式": "Women",
    "女款": "Women",
    "女": "Women",
    "男孩": "Boys",
    "男童": "Boys",
    "男宝宝": "Boys",
    "男宝": "Boys",
    "男婴": "Boys",
    "女宝宝": "Girls",
    "女宝": "Girls",
    "女婴": "Girls",
    "女孩": "Girls",
    "女童": "Girls",
    "女孩子": "Women",  # "我是女孩子": grown women say it of themselves
    "男孩子": "Boys",  # "男孩子的T恤": a boy's (a grown man says 男生)
    # family and friends as Chinese shoppers name them ("给我爸买", "我妈55岁")
    "爸": "Men",
    "父亲": "Men",
    "爷爷": "Men",
    "外公": "Men",
    "姥爷": "Men",
    "男友": "Men",
    "男生": "Men",
    "小男生": "Boys",
    "叔叔": "Men",
    "舅舅": "Men",
    "哥们": "Men",
    "妈": "Women",
    "母亲": "Women",
    "奶奶": "Women",
    "外婆": "Women",
    "姥姥": "Women",
    "女友": "Women",
    "女生": "Women",
    "小女生": "Girls",
    "闺蜜": "Women",
    "媳妇": "Women",
    "太太": "Women",
    "阿姨": "Women",
    "侄子": "Boys",
    "外甥": "Boys",
    "侄女": "Girls",
    "外甥女": "Girls",
    "daughters": "Girls",
    "daughter's": "Girls",
    "sons": "Boys",
    "son's": "Boys",
    "nieces": "Girls",
    "niece's": "Girls",
    "nephews": "Boys",
    "nephew's": "Boys",
    "wifes": "Women",
    "wife's": "Women",
    "moms": "Women",
    "mom's": "Women",
    "mums": "Women",
    "mum's": "Women",
    "mothers": "Women",
    "mother's": "Women",
    "sisters": "Women",
    "sister's": "Women",
    "dads": "Men",
    "dad's": "Men",
    "fathers": "Men",
    "father's": "Men",
    "brothers": "Men",
    "brother's": "Men",
    "husbands": "Men",
    "husband's": "Men",
    "hubbys": "Men",
    "hubby's": "Men",
    "girlfriends": "Women",
    "girlfriend's": "Women",
    "boyfriends": "Men",
    "boyfriend's": "Men",
    "闺女": "Girls",
    "男票": "Men",
    "女票": "Women",
    "中性": "Unisex",
}

# Pronouns say who a product is for only when nothing else does ("for my son, he is 8" is a boy's).
PRONOUN_GENDERS: dict[str, str] = {
    "he": "Men",
    "he's": "Men",
    "hes": "Men",
    "him": "Men",
    "his": "Men",
    "she": "Women",
    "she's": "Women",
    "shes": "Women",
    "her": "Women",
    "hers": "Women",
    "他": "Men",
    "她": "Women",
}

USAGES: dict[str, str] = {
    "formal": "Formal",
    "dress shirt": "Formal",  # American English: a formal shirt, a formal pair of trousers
    "dress shirts": "Formal",
    "dress pants": "Formal",
    "office": "Formal",
    "for work": "Formal",
    "to work": "Formal",
    "at work": "Formal",
    "workwear": "Formal",
    "work wear": "Formal",
    "business": "Formal",
    "interview": "Formal",
    "meeting": "Formal",
    "casual": "Casual",
    "everyday": "Casual",
    "weekend": "Casual",
    "smart casual": "Smart Casual",
    "party": "Party",
    "partywear": "Party",
    "clubbing": "Party",
    "ethnic": "Ethnic",
    "traditional": "Ethnic",
    "festive": "Ethnic",
    "wedding": "Ethnic",
    "diwali": "Ethnic",
    "sports": "Sports",
    "sport": "Sports",
    "sporty": "Sports",
    "gym": "Sports",
    "running": "Sports",
    "workout": "Sports",
    "training": "Sports",
    "yoga": "Sports",
    "athletic": "Sports",
    "fitness": "Sports",
    "dri fit": "Sports",  # the sportswear fabric ("a dri fit tee")
    "dri-fit": "Sports",
    "dry fit": "Sports",
    "dry-fit": "Sports",
    "travel": "Travel",
    "正式": "Formal",
    "正装": "Formal",
    "上班": "Formal",
    "商务": "Formal",
    "休闲": "Casual",
    "派对": "Party",
    "运动": "Sports",
    "民族": "Ethnic",
    "印度风": "Ethnic",
    "传统": "Ethnic",  # "传统一点的衣服": traditional wear
    "排灯节": "Ethnic",
}

SEASONS: dict[str, str] = {
    "summer": "Summer",
    "winter": "Winter",
    "woollens": "Winter",
    "woolens": "Winter",
    "warm clothes": "Winter",
    "warm clothing": "Winter",
    "warm stuff": "Winter",
    "something warm": "Winter",
    "fall": "Fall",
    "autumn": "Fall",
    "spring": "Spring",
    "夏季": "Summer",
    "夏天": "Summer",
    "冬季": "Winter",
    "冬天": "Winter",
    "秋季": "Fall",
    "秋天": "Fall",
    "春季": "Spring",
    "春天": "Spring",
}

# Shoppers' size words -> the catalog's size labels.
SIZE_WORDS: dict[str, str] = {
    "xs": "XS",
    "extra small": "XS",
    "s": "S",
    "small": "S",
    "m": "M",
    "medium": "M",
    "l": "L",
    "large": "L",
    "xl": "XL",
    "extra large": "XL",
    "xxl": "XXL",
    "2xl": "XXL",
}

# Shades a shopper means by a base colour word: "brown" covers coffee and mushroom brown
# (the catalog names no other shade with the base word alone). Excluding a colour excludes
# its wider family too ("not blue" is no navy either).
SHADES: dict[str, list[str]] = {"Brown": ["Coffee Brown", "Mushroom Brown"]}
EXCLUDED_FAMILY: dict[str, list[str]] = {
    "Blue": ["Navy Blue", "Turquoise Blue", "Teal"],
    "Brown": ["Coffee Brown", "Mushroom Brown", "Tan", "Taupe"],
    "Grey": ["Grey Melange", "Charcoal"],
    "White": ["Off White", "Cream"],
    "Red": ["Maroon", "Burgundy"],
    "Green": ["Sea Green", "Lime Green", "Olive", "Fluorescent Green"],
    "Pink": ["Rose", "Magenta", "Peach"],
    "Yellow": ["Mustard"],
    "Purple": ["Lavender", "Mauve"],
    "Gold": ["Bronze", "Copper"],
}

# Colour families a shopper names instead of a colour ("pastel shades", "earthy tones",
# "something dark", "浅色"): every catalog colour of the family.
COLOUR_FAMILIES: dict[str, list[str]] = {
    "pastel": [
        "Pink",
        "Peach",
        "Lavender",
        "Mauve",
        "Rose",
        "Cream",
        "Off White",
        "Beige",
        "Sea Green",
        "Turquoise Blue",
    ],
    "neutral": [
        "Beige",
        "Cream",
        "Off White",
        "White",
        "Grey",
        "Grey Melange",
        "Black",
        "Brown",
        "Khaki",
        "Taupe",
        "Tan",
        "Nude",
        "Charcoal",
    ],
    "earthy": [
        "Brown",
        "Coffee Brown",
        "Mushroom Brown",
        "Olive",
        "Khaki",
        "Rust",
        "Mustard",
        "Tan",
        "Beige",
        "Taupe",
        "Copper",
    ],
    "bright": [
        "Red",
        "Yellow",
        "Orange",
        "Pink",
        "Magenta",
        "Fluorescent Green",
        "Lime Green",
        "Turquoise Blue",
        "Green",
    ],
    "dark": ["Black", "Navy Blue", "Charcoal", "Maroon", "Burgundy", "Coffee Brown", "Brown", "Olive", "Teal"],
    # "lipsticks in nude shades": the skin tones a make-up shelf labels nude, beige, peach, brown, mauve, rose
    "nude": ["Nude", "Skin", "Beige", "Peach", "Brown", "Coffee Brown", "Mauve", "Rose", "Tan"],
    "light": [
        "White",
        "Off White",
        "Cream",
        "Beige",
        "Peach",
        "Pink",
        "Lavender",
        "Grey Melange",
        "Sea Green",
        "Turquoise Blue",
        "Skin",
    ],
}
COLOUR_FAMILY_WORDS: dict[str, str] = {
    "pastel": "pastel",
    "pastels": "pastel",
    "pastel colours": "pastel",
    "pastel colors": "pastel",
    "pastel shades": "pastel",
    "pastel tones": "pastel",
    "soft colours": "pastel",
    "soft colors": "pastel",
    "马卡龙色": "pastel",
    "马卡龙": "pastel",
    "粉嫩": "pastel",
    "neutral": "neutral",
    "neutrals": "neutral",
    "neutral colours": "neutral",
    "neutral colors": "neutral",
    "neutral tones": "neutral",
    "neutral shades": "neutral",
    "中性色": "neutral",
    "低调": "neutral",
    "earthy": "earthy",
    "earth tones": "earthy",
    "earthy tones": "earthy",
    "earthy colours": "earthy",
    "earthy colors": "earthy",
    "earth colours": "earthy",
    "earth colors": "earthy",
    "大地色": "earthy",
    "nude shades": "nude",
    "nude colours": "nude",
    "nude colors": "nude",
    "nude tones": "nude",
    "nudes": "nude",
    "裸色系": "nude",
    "bright": "bright",
    "bright colours": "bright",
    "bright colors": "bright",
    "bright shades": "bright",
    "colourful": "bright",
    "colorful": "bright",
    "vibrant": "bright",
    "brighter": "bright",  # after a list: brighter than what was shown
    "brighter colours": "bright",
    "brighter colors": "bright",
    "brighter shades": "bright",
    "more colourful": "bright",
    "more colour": "bright",
    "more color": "bright",
    "more colours": "bright",
    "more colors": "bright",
    "some colour": "bright",
    "some color": "bright",
    "pop of colour": "bright",
    "pop of color": "bright",
    "more colorful": "bright",
    "亮色": "bright",
    "鲜艳": "bright",
    "太艳": "bright",  # "颜色别太艳": nothing too bright
    "艳丽": "bright",
    "花哨": "bright",
    "dark colours": "dark",
    "dark colors": "dark",
    "dark colour": "dark",
    "dark color": "dark",
    "dark shades": "dark",
    "dark tones": "dark",
    "something dark": "dark",
    "深色": "dark",
    "darker": "dark",  # after a list: darker than what was shown
    "darker ones": "dark",
    "darker colours": "dark",
    "darker colors": "dark",
    "darker shades": "dark",
    "something darker": "dark",
    "深一点": "dark",
    "lighter colours": "light",
    "lighter colors": "light",
    "lighter shades": "light",
    "light colours": "light",
    "light colors": "light",
    "light colour": "light",
    "light color": "light",
    "light shades": "light",
    "light coloured": "light",
    "light colored": "light",
    "light tones": "light",
    "浅色": "light",
}

# Words that name a narrower kind of product than its article type, or its material: a
# search for "polo" wants polos, not any t-shirt, and "silk sarees" silk ones, so the title
# must say it (relaxed when nothing does).
SUBTYPES: frozenset[str] = frozenset(
    "polo chinos chino loafer loafers brogue brogues oxford oxfords moccasin moccasins aviator aviators wayfarer "
    "wayfarers analog analogue digital chronograph sling tote kolhapuri juttis jutti mojari anarkali palazzo "
    "palazzos cargo cargos denim hoodie hoodies windcheater bomber biker henley kaftan wedge wedges "
    "silk leather linen velvet satin suede canvas chanderi khadi zip hood hooded pocket floral embroidered "
    "skinny".split()
)

# Words the titles spell several ways: a title word asked for matches any of its family.
TITLE_WORD_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(family.split())
    for family in (
        "hoodie hoodies hoody hooded hood",
        "embroidered embroidery",
        "zip zipper zipped",
    )
)


def title_word_forms(term: str) -> tuple[str, ...]:
    """The title words that say ``term``: its family ("hoodie": "hoody", "hooded"...), or
    the word with and without a plural s ("loafers": "loafer" too). A phrase stays itself."""
    word = term.lower()
    if not (word.isascii() and word.isalpha()):
        return (word,)
    for family in TITLE_WORD_FAMILIES:
        if word in family:
            return (word, *sorted(family - {word}))
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return tuple(dict.fromkeys((word, stem, stem + "s")))


# Brands shoppers ask for by name, as said -> as written. The lexicon keeps those no catalog
# title opens with (a title starts with its brand), so an answer can say the brand is not
# carried rather than show other brands' products as if they were it. Words that are also
# everyday English ("coach", "gap", "mango", "guess") are left out.
WELL_KNOWN_BRANDS: dict[str, str] = {
    **{
        name.lower(): name
        for name in (
            "Gucci Prada Chanel Dior Hermes Armani Balenciaga Fendi Givenchy Valentino Bvlgari Bulgari Versace "
            "Burberry Cartier Zara Uniqlo Shein Lacoste Superdry Hollister Abercrombie Aeropostale Lululemon "
            "Moncler Patagonia Rolex Omega Longines Tissot Seiko Swatch Birkenstock Birkenstocks Yeezy Manyavar "
            "Sabyasachi Bewakoof Chumbak Nykaa Maybelline Hidesign Lavie Caprese Wrogn Mufti HRX Roadster"
        ).split()
    },
    "hermès": "Hermes",
    "l'oreal": "L'Oreal",
    "loreal": "L'Oreal",
    "lv": "Louis Vuitton",
    "louis vuitton": "Louis Vuitton",
    "michael kors": "Michael Kors",
    "kate spade": "Kate Spade",
    "tag heuer": "Tag Heuer",
    "daniel wellington": "Daniel Wellington",
    "marks and spencer": "Marks & Spencer",
    "marks & spencer": "Marks & Spencer",
    "forever 21": "Forever 21",
    "north face": "The North Face",
    "dr martens": "Dr. Martens",
    "dr. martens": "Dr. Martens",
    "doc martens": "Dr. Martens",
    "american eagle": "American Eagle",
    "古驰": "Gucci",
    "普拉达": "Prada",
    "香奈儿": "Chanel",
    "迪奥": "Dior",
    "爱马仕": "Hermes",
    "路易威登": "Louis Vuitton",
    "阿玛尼": "Armani",
    "巴黎世家": "Balenciaga",
    "范思哲": "Versace",
    "优衣库": "Uniqlo",
    "飒拉": "Zara",
    "劳力士": "Rolex",
    "欧米茄": "Omega",
    "浪琴": "Longines",
    "卡地亚": "Cartier",
    "蔻驰": "Coach",
    "始祖鸟": "Arc'teryx",
    "露露乐蒙": "Lululemon",
    "李宁": "Li-Ning",
    "安踏": "Anta",
    "特步": "Xtep",
    "波司登": "Bosideng",
}
