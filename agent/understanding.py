"""Deterministic message understanding for the rule planner: intent, references to
products already shown ("the second one", "that watch", "it"), and profile statements
("I'm a size M", "shopping for my husband"). Product constraints come from retrieval's
query parser, so the planner and search agree on what words mean."""

from __future__ import annotations

import re

from agent.request import Intent
from catalog import ProductRecord
from config import ErrorCode
from retrieval.query_parser import EU_TO_UK, WAISTS, parse_query
from retrieval.vocabulary import ARTICLE_TYPES, SIZE_WORDS
from tools.errors import ToolError

__all__ = [
    "ASKS_WHAT_WE_SELL",
    "Intent",
    "asks_cheaper",
    "asks_other_brand",
    "asks_pricier",
    "asks_to_cancel_order",
    "brand_of",
    "clears_cart",
    "detect_intent",
    "order_reply",
    "out_of_catalog_thing",
    "resolve_reference",
    "size_in",
    "stated_sizes",
]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Chinese pieces asked for as one set ("给我两三套看看", "T恤+裤子+帆布鞋"): the outfit intent's and
# the fast layer's reading of a look
SETS_ASKED_ZH = (
    r"(?:两|三|几|两三|二三)套(?:看看|搭配|穿搭|吧|呗)?(?=\s|$|[，,。!！])|"
    r"[\u4e00-\u9fffa-z]{1,6}\s*\+\s*[\u4e00-\u9fffa-z]{1,6}\s*\+\s*[\u4e00-\u9fffa-z]{1,6}"
)

# Renting asked ("sherwanis on rent?", "汉服能租吗"): the store rents nothing, sold or not
RENTING = r"for rent|on rent|rent(?:al|ing)?|on hire"
RENTING_ZH = r"(?:能|可以)租|出租|租借"


# "算了2不要了 删了吧": a place in the list said by its number alone, taken out of the cart
NUMBER_DROPPED = (
    r"^\W*(?:算了)?\W*(?<![\d.])(?P<place>[1-9])\s*号?\s*(?:还是)?(?:算了)?\W*(?:删了|删掉|删除|去掉|拿掉|不要了)"
)

_RULES: list[tuple[Intent, re.Pattern[str]]] = [
    # "check out" is checkout only where nothing but the cart can follow it: "check out this
    # red dress" asks to look at a dress
    (
        Intent.checkout,
        _rx(
            r"(?<!\bat )(?<!\bduring )(?<!\bbefore )(?<!\bon )"  # "surprise charges at checkout": no order
            r"\bcheck[ -]?out(?=\s*($|[.,!?;]|(now|please|pls|plz|and|then|with|for me|everything|kar|karo|kardo)\b|"
            r"(my|the|this|our) (cart|bag|basket|order|items|stuff)\b))|\b(to|the) checkout\b|"
            r"\b(place (the |my )?order|order place kar|buy (it |them )?now|complete (my |the )?purchase)\b|"
            # "结算", "下单吧": the whole message asks to check out
            r"去结[账帐]|结[账帐]|埋单|^\W*(那就|好了|好|ok|现在|帮我|我要)?\s*(去|直接)?(结算|下单|付款|买单)(吧|一下|了)?\W*$"
        ),
    ),
    (
        Intent.cart_view,
        _rx(
            # ("show me a bag for work" asks for a bag: the cart is "my bag", "the bag")
            r"\b(show|view|see|open|what'?s in)\b[^.?!]*\b(cart|basket|(my|the|your|our|ur) (shopping )?bag)\b|"
            r"^\s*(my )?(cart|bag)\s*\??\s*$|"
            # "how many items in cart now", "total items?", "how many things in my bag"
            r"\bhow many (items?|things|pieces|products)( are| r| do i have| have i got)? in "
            r"(the |my )?(cart|bag|basket)\b|"
            r"^\W*((ok|okay|so|and)\W+)?(total|how many) (items|things|pieces)( now| in (the |my )?(cart|bag))?\W*$|"
            r"\bwhat (do|did) (i|we) (have|got|put|add(ed)?) in (my |the |our )?(cart|bag|basket)\b|"
            r"\bwhat'?s (the|my) total( amount| price| bill)?( now| rn| so far| then)?\s*\??\s*$|"
            r"\b(what'?s|what is|how much is) (the|my) (total|amount|total amount|bill)\b[^.?!]*\b(cart|bag|basket)\b|"
            # "total pls", "hw much is everything in my cart rn"
            r"^\W*((ok|okay|so|hmm|and)\W+)?(my |the )?(cart |bag |order )?total"
            r"( now| pls| please| plz| rn| so far)?\W*$|"
            # "whats the damage now, total?", "how much is it coming to now", "cart mein total kitna hua"
            r"^\W*((ok|okay|so|hmm|and)\W+)?what'?s the damage( now| so far| altogether| in total)?\W*(total\W*)?$|"
            r"\bhow much (is it|does it|will it|is that|is everything|is all that|are we) (all )?"
            r"(coming|come|comes|add(ing)? up) to\b|"
            r"\b(cart|bag|basket) (mein|me|main) (total|kitna|kitne)\b|"
            # "how much is my cart now", "how much's in my basket"
            r"\b(how|hw) much(?: is|'s| is in|'s in| in)? (my|the|our) (cart|basket)\b|"
            r"\b(how|hw) much (is|for) (everything|it all|all of it|all)\b[^.?!]*\b(cart|bag|basket)\b|"
            # "how much is everything together", "how much for all of it altogether"
            r"^\W*((ok|okay|so|and|hmm)\W+)?(how|hw) much (is|for|are) (everything|it all|all of it|them all|all)"
            r"( (together|altogether|combined|in total|in all|now|so far))?\W*$|"
            # "total batao" (read "total tell"), "tell me the total"
            r"^\W*((ok|okay|so|and|hmm|ab)\W+)?(total (tell|batao|bata do|bolo|kitna)( me)?|"
            r"tell (me )?(the )?total)( pls| please| now)?\W*$|"
            r"(?<![放加到进入])购物车里|\bcart\s*(里|里面|里头|入面)\s*(现在)?\s*(有|装了|放了)|看看购物车|查看购物车|我的购物车\s*[?？]?\s*$|^\W*(看下|看一下)?购物车\W*$|购物车.{0,4}(一共|总共|几件|多少件|几个|多少钱|有什么|有啥|有哪些)|^\W*(现在)?(一共|总共)(几件|多少件)了?\W*$|"
            # "总价多少": the cart's total ("总价3000以内" is a budget)
            r"(一共|总共|合计|加起来)(是)?多少(钱)?|总价(?!\s*[\d一二两三四五六七八九十百千万]|不?(要|能)?超过?|控制)"
        ),
    ),
    (
        Intent.cart_remove,
        _rx(
            r"\b(remove|delete|take out|drop(?! (off )?(the |my |a )?(parcel|package)| (it|them) off\b)|get rid of)\b"
            r"[^.?!]*"
            r"\b(cart|bag|basket|it|this|that|one)\b|"
            r"\b(remove|delete|take out|drop|get rid of) (both|them both|both of them|all of them|everything)\W*$|"
            r"(把|将)?第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]?(还是)?(算了)?\W*"
            r"(删了|删掉|删除|去掉|拿掉|不要了|不要吧|不要)|" + NUMBER_DROPPED + "|"  # "第五件算了 不要了"
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]?\s*(remove|delete|drop)|"
            r"(?<!\d)[1-9]\s*号(删了|删掉|删除|去掉|拿掉|不要了)|"  # "哎 3号删了吧 有点大"
            # "平底鞋那双不要了": that one of the kind named, the one in the cart
            r"[\u4e00-\u9fff]{1,6}?(那|这)[双条件个只款套块副顶]\s*(就)?(不要了|不要吧|删掉|删了|去掉|拿掉)|"
            r"^\W*(算了|还是)?\W*(删掉|删了|删除|拿掉)(吧|它|那个|这个)?(?=\W|$)|"  # "算了 删掉吧 家里还有"
            r"(还是)?不要了\W*(帮我|给我)?\W*(删掉|删了|删除|拿掉|去掉|remove\s*掉?)|"  # "emm还是不要了 帮我remove掉"
            # "皮带不要了 删掉吧", "删掉皮带": the one of that kind in the cart
            r"^\W*[\u4e00-\u9fff]{1,4}?(不要了|不买了)[，,\s]*(删掉|删了|删除|去掉|拿掉)|"
            r"^\W*(把)?(删掉|删了|删除|去掉|拿掉)(那|这)?[双条件个只款套块副顶]?[\u4e00-\u9fff]{1,4}\W*$|"
            # "叔叔说他有了 删掉一条": why, then one unit out
            r"[\s，,。]\s*(删掉|删了|去掉|拿掉|减掉?)\s*(一|1)\s*[双条件个只款套块副顶瓶支]\W*$|"
            # "删掉一件 两件太多了": one unit out, then why
            r"^\W*(删掉|删了|去掉|拿掉|减掉?)\s*(一|1)\s*[双条件个只款套块副顶瓶支]\W+[\u4e00-\u9fff\d]{1,10}(太多|够了|多了|就够|就行)|"
            # "ok decided, remove the 2nd": the clause that removes may follow another
            r"(?:^|[,.;!]\s)\W*(pls |please |ok |okay |actually |nah |no |hmm |wait |)"
            r"(remove|delete|take out|get rid of) (the|those|these|both) \w+|"
            r"(?:^|[,.;!]\s)\W*((actually|pls|please|ok|okay|kindly|nvm|never ?mind|nah|no|hmm|wait|oops|sorry|oh|"
            r"and|also|then|now)\W+)*(remove|rmv|delete|drop|take out|scratch|ditch|bin) (the )?"
            r"(#|no\.? ?|number )?(\d(st|nd|rd|th)?|first|second|third|fourth|fifth|last)\b|"
            r"\bdon'?t want (the|that|those|this) [\w ]{1,30}any ?more\b|"
            r"\btake (it|this|that|the \w+( one)?) out\b|\b(empty|clear) (my |the )?(cart|bag|basket)\b|"
            r"^\W*(pls |please |ok |okay |actually |just |)(empty|clear) (it|everything|it all|all of it)\W*$|"
            r"^\W*(pls |please |ok |okay |actually |just |)(empty|clear) (it|everything|it all|all of it)\b[,.;]|"
            r"(从购物车|购物车里).{0,6}(删|去掉|拿掉)|清空购物车|购物车(全部)?清空|"
            r"^\W*(那|那就|算了|还是|帮我)?\W*清空(吧|了|掉|一下)?(?=\W|$)|"  # "清空吧 她说不要了"
            # "把刚加的删掉": the line added last (or first)
            r"(先|刚|刚才|最后|最早|最先)(加|放)(进去|进来|入)?的(那|这)?[个件双条只款]?\s*(删了|删掉|删除|去掉|拿掉|不要了)|"
            # "第一款减一条": one unit of that line out
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]?\s*(减掉?|少)\s*(一|1)\s*"
            r"[双条件个只款套块副顶瓶支]|"
            # "nvm remove all", "算了全删了 不买了": the whole cart
            r"^\W*((nvm|never ?mind|ok|okay|actually|just|pls|please|no|nah|hmm|forget it)\W+)*"
            r"(remove|rmv|delete|clear|empty) (all|everything|it all|all of it|all items|them all)\W*$|"
            r"^\W*(算了)?\W*(全部?|都)(删了|删掉|删除|清空|不要了)"
        ),
    ),
    (
        Intent.cart_add,
        _rx(
            r"\b(add|put|place|throw|chuck|pop|stick|toss|bung)\b(no\.|[^.?!])*\b(cart|bag|basket|trolley)\b|"
            # "put the cheapest belt in as well", "pop the 2nd one in too": into the cart already filled
            r"^\W*((and|ok|okay|also|pls|please)\W+)*(put|pop|throw|chuck|stick|bung) (the|that|this) "
            r"[a-z0-9 ]{1,30}? in( too| as well| also)?\W*$|"
            # "k add in S": the one in hand, in that size
            r"^\W*((ok|okay|fine|yes|yeah|sure|then|pls|please|cool|great)\W+)*add (in|size)\b|"
            r"[!.,;]\s*add (in|size)\b|"  # "loving the 2nd!! add in M"
            # "2nd one in M", "1st wala L mein" (read "1st one in L"), "pehle 2 dono M mein": said, not asked
            # ("the 3rd in size 8 pls": asked)
            r"^\W*((ok|okay|so|then|fine|bet|cool|great|nice|perfect|yes|yeah|sure|alright|k|kk)\W+)*(the )?"
            r"(\d(st|nd|rd|th)|first|second|third|fourth|fifth|last)"
            r"( one| pair)? in (size )?(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})\s*[.!]*$|"
            # "right, posting it is then. the 1st one please": that one, chosen after the question
            r"[.!]\s*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)?"
            r"\s*(please|pls|plz)\W*$|"
            r"^\W*(the )?first (two|three|2|3) (both |all |all three )?in (size )?"
            r"(xxl|xl|xs|s|m|l|uk ?\d{1,2})\s*[.!]*$|"
            # "2nd one pls. M", "gimme the 3rd in 8": that one, in that size
            r"^\W*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)?\s*(pls|please|plz)\W+"
            r"(in |size )?(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})\W*$|"
            r"\b(gimme|give me)\s+(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)?"
            r"\s+in\s+(size\s+)?(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})\b|"
            # "love it, cart those earrings": "cart" as a verb
            r"^\W*((love it|ok|okay|k|great|perfect|nice|cool|yes|pls|please|then)\W+)*cart "
            r"(the|those|these|that|this|it|them|both|all)\b|"
            # "ok add", "k add" after a question about one product: that one
            r"^\W*((ok|okay|k|kk|fine|yes|yeah|yep|sure|then|cool|great|eh|just)\W+)+add(\s+(pls|please|it|this|that))*\W*$|"
            # "1st one in S pls, add", "his is the 1st one, L — add", "XL please add"
            r"[,;.!—–-]\s*(pls |please |then |now |ok |so )?add"
            r"( it| this| that| them| em| 'em| both| pls| please)*\s*[.!]*$|"
            # "2nd and 4th in my cart pls": the places said, then where they go
            r"^\W*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one)?"
            r"(\s*(,|and|&|n|\+)\s*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one)?)+"
            r"(\s+(both|all|all three|dono))?\s+(in|into|to) (my |the )?(cart|basket|bag|trolley)\b|"
            r"\b(pls|please|plz) add\s*[.!]*$|"
            # "she'll love the 1st one, cart it in S pls", "fine, cart the 3rd one in M", "1st one in S pls, cart"
            r"(^|[,;.!—–-]\s*)\W*cart (the|those|these|that|this|it|them|both|all)\b|\bcart it\b|"
            r"[,;.!—–-]\s*cart\s*[.!]*$|"
            # "hubby gets the 2nd one, L, in the cart"
            r"[,;]\s*(in|into) (the |my )?(cart|basket|trolley)\s*(pls|please|plz)?\s*[.!]*$|"
            # "put the 2nd in uk8 for my son", "lock in the 2nd for me, XL"
            r"^\W*(put|pop) (the|that|this) (1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)? in "
            r"(size )?(uk ?\d{1,2}|xxl|xl|xs|s|m|l)\b|\block (it |that |this )?in (the )?"
            r"(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last|it|that|this)\b|"
            # "+ 3rd", "+1 more same": one more, of a place or of the one just added
            r"^\W*\+\s*(the )?(\d(st|nd|rd|th)|first|second|third|fourth|fifth|last|#\d|no\.? ?\d)( one| pair)?\W*$|"
            r"^\W*\+\s*1\s*(more)?\s*(same|of (it|that|the same|same))?\W*$|"
            r"(?<![\u4e00-\u9fff])加第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]|"  # "算了 加第一双 UK9"
            # "加最便宜的那条 S码": the cheapest of the list, added
            r"(?<![\u4e00-\u9fff])加(入)?(最便宜|最贵|评分最高|评价最好|最好评)的?(那|这)?[个件双条款只套支块副瓶顶对]|"
            # "one more of the same, for my uncle too" (Hinglish "ek aur same wala"): one more of it
            r"^\W*((and|ok|okay|also)\s+)?one more (of (the same|that|it|those)|same( one)?)\b|"
            # "one more of the 1st one" ("ek aur 1st wala bhi"): one more of that place
            r"^\W*((and|ok|okay|also)\s+)?one more of the (1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)\b|"
            # "add another one pls", "... same size. add another": one more of the one in hand
            r"(^|[.,;!]\s*)\W*((pls|please|ok|okay|and|also|then)\s+)*(add|throw in|put in|get me|get) "
            r"(another|one more|1 more)( one| pair| piece| of (it|that|those|them|the same))?"
            r"( pls| please| plz| too| as well| for (him|her|my \w+))*\W*$|"
            r"\bto (the |my )?(cart|basket|trolley)\s*(pls|please|plz)?\s*[.!]*$|"
            # "1st one in cart pls": that one, into the cart
            r"^\W*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair| [a-z]+)? (in|into) "
            r"(the |my )?(cart|basket|trolley|bag)\b|"
            r"\b(goes|go|going) in(to)? (the |my )?(cart|basket|trolley|bag)\b|"
            r"(\binto|->|→|=>)\s*(the |my )?(cart|basket|trolley)\b|"
            r"\badd (it|this|that|them|both|the \w+( one| pair)?|number \d|no\.? ?\d|#\d|\d|"
            r"one of (these|those|them|the two|the \w+)|"  # "ok add one of them in 7": which is asked
            r"\w+ (number |no\.? ?|#)\d|"
            r"(the )?(\d(st|nd|rd|th)|first|second|third|fourth|fifth|last|cheapest|priciest)( one| pair| piece)?)\b|"
            r"\b(take|grab|get) (both |all )?(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)"
            r"( one)?\s*(,|and|n|&|\+)\s*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)\b|"
            r"\b(i'?ll (take|buy|have)(?! (enough|too|plenty|lots|a lot|more|no|nothing)\b)|"
            r"(?<!\bif i )buy (it|this|that)|"
            r"(?<!\bif )i want (this|that|it)(?! (by |on )?(tomorrow|today|tonight|next day)\b)|"
            r"get me (this|that|the \w+ one))\b|"
            # "if i only buy the 1st will there be a delivery charge?": a question, nothing added
            r"(?<!\bif i )(?<!\bif i only )(?<!\bif we )(?<!\bif i just )"
            r"\b(buy|grab|cop|take) "
            r"(?!the (?:local|train|bus|metro|auto|cab|taxi|flight|stairs|lift|subway|tube|ferry)\b)"
            r"(it|this|that|the \w+( one| pair)?|no\.? ?\d|#\d)\b(?! (back|off|out|for|to)\b)"
            r"(?![^.?!]*\b(team|pair|match|style|go with|goes with)\b)|"
            r"\b(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( ones?| pair| [a-z]+)?"
            r"( in (size )?(uk ?)?\w{1,3})?( also| too| bhi| pls| please| plz| kindly)* add\b|"
            # "1st n 2nd both add": those two
            r"\b(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one)?\s*(,|and|n|&|\+)\s*(the )?"
            r"(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( ones?)?( both| dono| also| too)?"
            r"( pls| please)? add\b|"
            # "go w the cheaper one. size 10", "ok going with the 2nd one": the one chosen
            r"^\W*((ok|okay|k|then|fine|alright|hmm|eh|nah|na|no|actually)\W+)*"
            r"(i'?ll |ill |let'?s |lets |i will )?(go|going) (w|w/|with) "
            r"(the )?(cheaper|cheapest|pricier|priciest|1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last|"
            r"best rated|top rated|best reviewed|highest rated|most reviewed)( one| pair)?\b"
            r"(?!\s+(?:for|to|with|and)\b)"
            r"(?!.*\b(?:add|look|outfit|build|around)\b)|"
            # "grab me the 2nd", "ok get me the last one": that one, taken
            r"^\W*((ok|okay|fine|then|so|cool|great|nice|alright)\W+)*(grab|get|gimme|give) (me |us )?(the )?"
            r"(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)?( pls| please| plz)?\W*$|"
            # "can't decide, just get both" (after two were compared): both, taken
            r"^\W*((ok|okay|fine|hmm|eh|so|can'?t decide|cant decide)\W+)*(just |i'?ll |ill |let'?s |lets )?"
            r"(get|take|buy|grab) (them |em )?both\b(?! of (?:these|those)\b)|"
            # "1 and 3 both in M", "both 1 and 4 in M", "1st aur 2nd dono M me daalo": those two, in that size
            r"^\W*(both )?(the )?([1-5]|1st|2nd|3rd|[45]th|first|second|third|fourth|fifth)( one)?\s*(and|&|n|,)\s*"
            r"(the )?([1-5]|1st|2nd|3rd|[45]th|first|second|third|fourth|fifth)( ones?)?\s+(both\s+)?in\s+(size\s+)?"
            r"(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})( add( it)?| pls| please)*\W*$|"
            # "4th one 2 pieces in L", "2nd one in M 2 pieces" ("4th wali 2 piece L me"): so many of it, in that size
            r"^\W*(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)?\s+"
            r"(([2-5]|two|three) (pieces?|pcs|pairs?|units?)\s+in (size )?(xxl|xl|xs|s|m|l|uk ?\d{1,2})|"
            r"in (size )?(xxl|xl|xs|s|m|l|uk ?\d{1,2})\s+([2-5]|two|three) (pieces?|pcs|pairs?|units?))\W*$|"
            # "put the 3rd pair in too, uk10": that one into the cart, in that size
            r"^\W*((and|ok|okay|also|pls|please)\W+)*(put|pop|throw|chuck|stick|bung) (the|that|this) "
            r"(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)( one| pair)? in( too| as well| also)?"
            r"\W+(size )?(xxl|xl|xs|s|m|l|uk ?\d{1,2})\W*$|"
            # "前两款各要两条", "1 2 3全要了": those places, taken
            r"^\W*(?:行|好|好的|那|那就|ok)?\W*前\s*[两二三四234]\s*[个件条双只对款副瓶支块顶套]\s*(?:都|各|全)?\s*(?:要|来|买|拿|入)|"
            # "first 同 third 都要, L size" (Singapore): those two places, taken
            r"^\W*(the )?(1st|2nd|3rd|[45]th|first|second|third|fourth|fifth)( one)?\s*(同|和|跟|and|&)\s*(the )?"
            r"(1st|2nd|3rd|[45]th|first|second|third|fourth|fifth)( one)?\s*(都|也|一起)?\s*(要|拿|买|来)|"
            r"^\W*[1-6](?:\s*[,，、和跟]?\s*[1-6]){1,4}\s*(?:号)?\s*(?:全|都|各)\s*(?:要|来|买|拿|入)|"
            # "要第二个": that one, taken
            r"^\W*(?:(?:好的?|行|ok|嗯)\W+)?(我)?(就|这回|那就|那)?([\u4e00-\u9fff]{1,3}(?<![不别没]))?(?<![不别没])(要|买|入|拍|拿)"
            r"(第[一二三四五六\d][个件双条款只套支副把顶块对瓶]?)(吧|了)?\s*(唔该|谢谢|thx|thanks)?\W*$|"
            # "第二副入了", "第二双拍了" (拍: bought, as on Taobao): that one, taken
            r"^\W*(那)?(就)?第[一二三四五六\d][个件双条款只套支副把顶块对]?\s*((xxl|xl|xs|s|m|l)\s*码?|\d{2}\s*码)?\s*(也)?"
            # ("第一条我要了 S": a size said after)
            r"(入了|拍了|要了|买了|下单了?|我要了|我要)(吧)?\s*((xxl|xl|xs|s|m|l)\s*码?|\d{2}\s*码)?\W*$|"
            # "最便宜那条直接拍了": the cheapest shown, taken
            r"^\W*(那)?(就)?最(便宜|贵)的?(那|这)?[个件双条款只套支副把顶块对]?\s*(直接)?(拍了|要了|入了|买了|拿下)(吧)?\W*$|"
            # "Basket the 1st and the 3rd in M please": into the basket
            r"^\W*(pls |please |ok |okay )?basket (the|it|this|that|them|both|no\.? ?\d)\b|"
            # "First ones please, M", "The third one please, M": that one, in that size, taken
            r"^\W*((ok|okay|fine|alright|then|so)\W+)?(the )?(1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|last)"
            r"( ones?| pair)?,?\s+(please|pls|plz)\s*,?\s*(in )?(size )?(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})\W*$|"
            # "also throw in the cheapest one"
            r"\b(throw|chuck|toss|pop) in (it|this|that|the \w+( one| pair)|no\.? ?\d|#\d)\b|"
            # "pop the 2nd pair in"; "can i throw them in the washing machine?" is a care question
            r"\b(throw|chuck|toss|pop|bung) (it|this|that|them|the \w+( one| pair)?) in\b"
            r"(?!\s+(the |a |my )?(wash|washing|washer|machine|dryer|water|bin|trash|rain|sun|pool|sea)\b)|"
            # "第一个绝绝子 直接拿下": that one, taken
            r"(?<![不没])直接拿下|第[一二三四五六七八九十\d]{1,2}[个件双条款只套]?[^，,。！!？?]{0,8}?(?<![不没])拿下|"
            # "第一件放兩件到購物車", "再加第三件一件", "评价最好的那条 拿两条": into the cart, so many
            r"放[一两二三四五\d]?[个件双条]?(?:到|进|入)购物车|再加第[一二三四五六七八九十\d]{1,2}[个件双条款只套]|"
            r"(?:评价最好|最便宜|最贵|评分最高)的?(?:那|这)?[个件双条款只套支瓶双]?\s*(?:拿|要|来|买)[一两二三四五\d][个件双条款只套支瓶双]|"
            # "要評分最高嗰個 唔該": the best rated one, taken
            r"^\W*(?:那|就|那就)?(?:要|拿|买)(?:评价最好|评分最高|最便宜|最贵)的?(?:嗰|𠮶|那|这)?[个件双条款只套支瓶双]?\s*(?:吧|啦)?\s*"
            r"(?:唔该|谢谢)?\W*$|"
            # "两套都要 M码" (after two were compared): both, taken
            r"^\W*(?:好|行|那|那就)?\W*(?:这|那)?两[个件双条款只套支瓶副对]\s*(?:都|全)\s*(?:要|买|拿|来)(?:了|吧)?\s*"
            r"((xxl|xl|xs|s|m|l)\s*码?|\d{2}\s*码)?\W*$|"
            # "好 第二件 XL" (after its price was asked): that one, in that size
            r"^\W*(?:好|好的|行|ok|嗯|那)\W+第[一二三四五六\d][个件双条款只套支副把顶块对瓶]?\s*(xxl|xl|xs|s|m|l|\d{2}\s*码)\s*$|"
            r"加入购物车|[加家]购物车|加(?:那|这)[件个双条只款]?(?:入|进|到)购物车|加进去|放进去|加进来|放进购物车|加到购物车|加进购物车|放购物车|放到购物车|放入购物车|加购|加够(?=\W*$)|加车|拍下|(?:加到|加入|加进|放进|加)\s*cart|拍(?=[一两二三四五\d][件双条个只套份])|"
            r"加第?[一二两三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶]?[^，,。！!？?]{0,8}?(到|进|入|落)购物车|(帮我|给我)?加上\W*$|(?<!\d)[1-6]\s*[和跟、]\s*[1-6]\s*(都|各)\s*(加上|加|要|来)|"
            # "第一件和第二件各要两件": both of the places named, so many of each
            r"第[一二三四五\d][个件双条款只套]?\s*[和跟、]\s*第[一二三四五\d][个件双条款只套]?\s*(都|各)\s*(加上|加|要|来)|"
            r"^\W*再加一?[个件双条款只套瓶](一样的|同样的)?|"  # "再加一个一样的": one more of it
            # "好 就它了", "就要这个吧": that one, decided on
            r"^\W*(?:好的?|行|那|嗯|ok)?\W*就(?:要|买|选)?(?:它|这个|这件|这双|这条|这款|那个|它吧)(?:了|吧|啦)?\W*$|"
            # "第二条M码来一条": that one, in that size, one of it
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套]\s*(xxl|xl|xs|s|m|l|\d{2})?\s*码?\s*(来|要|拿|买)\s*"
            r"(一|1)\s*[个件双条款只套]|"
            # "就它了 来两双", "这双要两双", "要两双" (of the one in focus): that one, so many of it
            r"^\W*(?:(?:好的?|行|那|嗯|ok)?\W*就(?:要|买|选)?(?:它|这个|这件|这双|这条|这款|那个)(?:了|吧|啦)?[\s，,]*)?"
            r"(?:这双|这个|这件|这条|这款|它)?\s*(?:来|要|拿|买)\s*(?:两|三|四|五|[2-9])\s*[个件双条只套支](?:吧|了|哈)?"
            r"(?:[\s，,]+[\u4e00-\u9fff]{1,10})?\W*$|"  # "就要它 来两个 我妹也要一个"
            r"[加放]?落\s*购物车|"  # Cantonese "加落購物車": into the cart
            r"^\W*(那就|就|那)(它|这个|那个|这款|那款|这双|那双)吧?\W*(来|要|拿|买)\s*[一两二三\d]?\s*[个件双条对只套]|"
            # "好 就第四對啦 UK9": that one, decided; "再来一双第一双": one more of the first
            r"^\W*(好|ok|okay|行|嗯)?\W*(就|那就|决定)(要)?第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]?\s*(啦|吧|了)?"
            r"\s*(uk\s*\d{1,2}|xxl|xl|xs|s|m|l|\d{1,2}\s*码)?\s*(码|的)?\s*(唔该|谢谢|thx|thanks)?"
            r"\s*(?:[一两二三][个件双条对只套]\s*就?(?:得|行|好|够了?|可以))?\W*$|"  # "... 9码 一对就得": that many
            # "钱包不买了 就要皮带第二条": of the kind named, that one, decided
            r"(?:^|[\s，,。])(就|那就|决定)要?[\u4e00-\u9fff]{1,4}第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]"
            r"\s*(吧|了|啦)?\W*$|"
            r"^\W*再(来|要|买|加)一?[个件双条款只套瓶对]\s*第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶对]|"
            # "同一条再加一条", "同一款再加五件L码的"
            r"^\W*同一[个件双条款只套支块副瓶顶]\s*再(?:加|来|要|买)\s*(?:[一两二三四五]|[1-9])?[个件双条款只套支块副瓶顶]|"
            r"^\W*再(?:来|要|买)一?[个件双条款只套瓶](一样的|同样的)|"  # "再来一条一样的 给我哥也带一条"
            # "加第一个"
            r"^\W*(再|那就|就)?加(上|埋)?第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶]?(吧|的|啦)?\W*$|"
            # "加第一件 XL码": that one, in that size
            r"^\W*(再|那就|就)?加(上)?第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶]?\s*(xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{2})\s*[码号]?(的)?\W*$|"
            r"^\W*(就|那就|那)?加(那|这)[个件双条款只套支块副瓶顶](吧|好了)?|"  # "就加那个吧": add that one
            r"(把|将)[^，,。！!？?]{0,12}加(上|进|到|一下)|帮我加(进|到|一下)?\W*$|"
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶]?\s*(也|就|先)?([加家]上|加进|加一下|也要)|"
            # "第一双直接来两双", "第三条安排上": that one, taken
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶]?\s*(也|就|先|直接)?\s*(给我|帮我)?\s*(来|要|拿|加)"
            r"([一两二三四五\d][个件双条款只套支块副瓶顶]|[俩仨])|"
            # "第一双袜子 要两双": that one of the kind named, so many of it
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶][\u4e00-\u9fff]{1,3}?\s*(也|就|先|直接)?\s*(来|要|拿|加)\s*"
            r"[一两二三四五\d][个件双条款只套支块副瓶顶]|"
            r"第[一二三四五六七八九十\d]{1,2}[个件双条款只套支块副瓶顶]?\s*(也|就|先|直接)?\s*安排(上|一下)|"
            r"[个号件条双款只套支块副瓶顶对]\s*(都要|都买|各来一|各要一|各买一)|"
            # "3号再多加一双"
            r"(?<!\d)[1-9]\s*号\s*(也|再|再多|多)?\s*(加|来|要|拿)\s*(一|1)?[个件双条款只套支块副瓶顶]"
        ),
    ),
    (
        Intent.store_info,
        _rx(
            r"\b(returns?(?! gifts?)(?! to (the|those|these|my|that|them)\b)|returned|returnable|"
            r"refunds?|refunded|(?<!gift )(?<!gifts )(?<!present )(?<!secret santa )exchanges?|exchangeable|"
            r"deliver(y|ed|s)?(?! (a |an |our |her |my |the )?(first |second |new |healthy )?"
            r"(baby|child|kid|son|daughter|boy|girl|twins)\b)|"
            r"shipping|ship|ships|cash on delivery|cod|emi|upi|payments?|pay (by|with|using|in|on)|instal+ments?|"
            # "express kitne ka hai", "is express available?": express delivery
            r"^\W*(is |and |what about |how much is |how much for )?express(?=\s*(\?|$|kitne|kitna|how much|"
            r"cost|charges?|fee|price|available|possible|option))|"
            r"inseam|(lost|goes missing|gets lost|go missing) (on the way|in transit|in the post)|"
            # "got the wrong colour shirt in my order", "when will it come? im in pune", "do you post to London?"
            r"\b(got|received|was sent|sent me|delivered|came) (the |a |me )?wrong\b|"
            r"\bordered \w+(?: \w+)?,? (?:but |and |n )?(?:got|received|came|they sent)\b|"  # "ordered blue got green"
            r"\bwhen (will|would|does|is) (it|my order|the order|my parcel|the parcel|they|my \w+) "
            r"(come|arrive|reach|get here|be delivered|be here)\b|"
            r"\b(do|can|will|would) (you|u|ya)( guys)? (post|send|ship|deliver) (it |them |things |orders? )?"
            r"(to|abroad|overseas|internationally|outside)\b|"
            r"\bhow (do|should|can|would) (i|you|u|we|one) (keep|clean|wash|care for|look after|maintain)\b|"
            # "if i want it tmrw how much extra", "charge for postage": when it comes and what that costs
            r"(want|need|get|have) (it|them|this|that) (by |on )?(tomorrow|today|tonight|next day)|postage|"
            r"get (back )?my money( back)?|"
            # "can u guys fix it?", "do u buy back old clothes?": services the help pages answer
            r"(can|could|do|will) (you|u|ya)( guys| people)? (fix|repair|mend)\b|\brepair (service|shop|centre|center)|"
            r"(do|will|can) (you|u|ya)( guys)? buy (back|old|used|second ?hand)\b|\bbuy ?back\b|"
            r"how many days|how long (will|does|would|do) (it|they|delivery|shipping|the delivery) take|"
            # "does it come with blouse piece? how long is the saree": the free size of a saree
            r"\bblouse piece\b|\bhow long is (the|this|that|a|my) (saree|sari|dupatta)\b|"
            r"(纱丽|莎丽|沙丽|纱巾|披巾)[^，,。？?]{0,6}(有)?多长|(纱丽|莎丽|沙丽)[^，,。？?]{0,4}长度|"
            r"\b(saree|sari|dupatta)('?s)? length\b|\blength of (the|a|this|that) (saree|sari|dupatta)\b|"
            # "how long till it reaches pune", "a gift to reach delhi by saturday": when it arrives
            r"how long (till|until|before|for|to) (it|they|this|that|the order|my order|the parcel) "
            r"(reach|reaches|arrive|arrives|gets? (here|there|to)|comes?)\b|"
            r"\b(reach|arrive (in|at)|get to|be delivered (to|in)) ([a-z]+ ){0,2}by (tomorrow|tmrw|monday|tuesday|"
            r"wednesday|thursday|friday|saturday|sunday|the weekend|next week)\b|"
            r"(can|could|will) (i|she|he|they|we) (change|exchange|swap) (it|them|the size)|"
            r"(size|fit) (is|was|turns out|r|are) (off|wrong)|"
            r"(sole|strap|heel|button|zip|zipper|stitching|handle|buckle|dial) (has )?(came|come|is coming|fell) "
            r"(off|apart|out|loose)|"
            r"tags? (r|are|is) (still )?(on|attached)|(opened|unopened) (the )?(pack|packet|box|seal)|"
            r"(didn'?t|didnt|never|haven'?t|havent) (even )?(wear|worn|wore|used) (it|them)\b|"
            r"\b(it'?ll|it will|will it|would it|can it|they'?ll|will they) (reach|arrive|come|get here|be delivered) "
            r"(by|before|in|within|on|till|until)\b|"
            # "can i get it by tomorrow in Delhi?": when it arrives, no product named "Delhi"
            r"\b(can|could|will|would) (i|we|she|he|they) (get|have|receive) (it|them|this|that|these|those) "
            r"(by|before|till|until|within) (tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"the weekend|next week|\d)|"
            r"(which|what) size (should|do|would|shall|will) (i|she|he|we) "
            r"(order|get|buy|take|pick|choose|go for)|"
            r"size chart|size guide|sizing|runs? (small|large|big|true|narrow|wide|tight|loose)|true[- ]to[- ]size|"
            # "someone told me formal shoes are narrow?", "do they come narrow, i have wide feet"
            r"\b(are|is|do|does|come|comes) ([a-z]+ ){0,3}(too |a bit |slightly |very )?narrow\b|"
            r"how (do|should|can|would) (i|you|we) (choose|pick|select|know|find|decide|measure)"
            r"( the| my| a| his| her)? (\w+ )?size|size how do i (choose|pick|select|decide|measure)|"
            r"how do .* run|"
            r"nothing (has )?(came|come|arrived|reached)|"
            r"still waiting (for|on) (my|the) (order|parcel|package|delivery)|"
            r"(confirm|place|complete) (the|my|an|this) order|"
            r"send (it )?back|"
            # "ordered jeans in L last week and they're way too loose, can I get an M instead?": an exchange
            r"\b(ordered|bought|received|got|delivered)\b[^.?!]{0,60}\b((way |too |very |bit )+(loose|tight|big|small|"
            r"long|short)|(doesn'?t|don'?t|didn'?t|does not|do not) fit)\b|"
            r"\b(ordered|bought|received)\b[^.?!]{0,40}\b(last (week|month)|yesterday|(days?|weeks?) ago)\b[^?]{0,60}"
            r"\b(can|could|may) (i|we)\b[^?]{0,20}\b(get|exchange|swap|change|return)\b|"
            r"\bwhat (happens|if)\b[^.?!]{0,30}\b(sold out|out of stock|not in stock|not available)\b|"
            # "wher is ur shop in bangalore, wanna try b4 buying": a shop to visit (there is none)
            r"\bwhere (is|are|r) (ur|your|the|you guys'?) (shop|store|outlet|showroom)s?\b|"
            r"\b(ur|your) (shop|store|outlet|showroom)s? (is )?where\b|"  # Hinglish "aapka store kaha hai"
            r"\b(physical|offline) (shop|store)s?\b|\btry (it |them )?(on )?(before|b4) (buying|i buy)\b|"
            # "got my kurta today n theres a tear near the sleeve": a damaged item received
            r"\bthere'?s an? (tear|hole|stain|rip|cut|scratch)\b|"
            r"\b(came|arrived|got it|received it) (torn|damaged|broken|ripped|stained)\b|"
            # "does it come with a blouse or do i need to get that separately": the saree's blouse piece
            r"\bblouse piece\b|\b(come|comes|coming) with (a |an |the |its own )?(unstitched )?blouse\b|"
            # "the bag strap is torn", "the sole came off": a part of the item received, spoilt
            r"\b(strap|zip|zipper|sole|button|stitch(ing)?|seam|buckle|handle|lace|hook|dial|glass|clasp)s? "
            r"(is|are|was|were|got|has|came|come) (already )?"
            r"(torn|broken|ripped|damaged|off|loose|coming off|cracked)\b|"
            # "do i have to go drop the parcel somewhere or u guys come pick it up": the return pickup
            r"\b(drop|hand) (off )?(the |my |a )?(parcel|package|return)\b|"
            r"\b(come|will you|do you|u guys|you guys) pick (it |them )?up\b|"
            r"\b(can|could|will) (it|they|this|these|that|those|this one|that one) (go|be sent|be taken) back\b|"
            r"(?<!acid )(?<!stone )(?<!light )(?<!dark )(?<!mid )(?<!face )(?<!body )(?<!first )(?<!one )"
            r"wash(ed|ing)?(?! (jeans|denim|(me|her|him|you|us|them) out))|washable|"
            # "how do i care for it" (not "doesn't care for fashion": a taste)
            r"(?<!n't )(?<!not )(?<!nt )care for(?! (fashion|clothes|brands|style|jewellery|jewelry|shopping|much)\b)|"
            r"how (do|to|should|can|would) (i |you |we )?(clean|wash|iron|care for)|"
            # "my leather shoes got soaked, how do i save them": caring for a wet one
            # ("no canvas ones either, they get soaked in the rain": why those are turned down)
            r"(?<!they )(?<!these )(?<!those )"
            r"\b(got|get|gets|getting|went|were|was) (all |totally |completely |fully )?(soaked|drenched|wet)\b|"
            r"how (do|to|should|can) (i |we )?(save|dry|rescue|look after) (them|it|my|these|those)\b|"
            r"clean (it|this|that|them|these|those|my|the|a|an)|cleaning|dry ?clean(ed|ing)?|"
            r"iron (it|this|that|them|these|those|my|the|a|an)|ironing|swim(ming)? with|"
            r"(go|goes|going|went|while|when) swimming|swimming pool|in the pool|"
            r"(ok|okay|good|fine|safe|suitable)( to wear| to use)? (for|to go|while|when) swimming|"
            r"(sent|send|delivered|got|received|came)( me| us)?( with)? (a |an |the )?(different|diffrent|wrong|other)"
            r"( colou?r| size| item| product| one| thing)?|tips? (to|for|on) (wash\w*|clean\w*|car\w+)|"
            r"(?<!baby )(?<!bridal )shower(?! ?(?:gels?|creams?|oils?|caps?)\b)|"
            r"(is|are) (it|they|these|those|(this|that|the|my|your) \w+( one| pair)?|this|that) "
            r"(waterproof|water[- ]?resistant|water[- ]?proof)|(waterproof|water[- ]?resistant)\?|"
            r"track (my )?order|tracking|dispatch|"
            # Hinglish: "abhi tak nahi aaya" (not come yet), "paise wapas milenge?", "courier ne kho diya"
            r"(?:nahi|nahin) (?:aaya|aayi|aya|ayi|pahuncha|pahunchi|mila|mili)|paise wapas|paisa wapas|"
            r"(?:kho|gum) (?:diya|gaya|gayi|ho gaya)|"
            r"(?<!job )(?<!first )(?<![\u4e00-\u9fff]\s)offers?|coupons?|promo ?codes?|"
            r"damaged|defective|(?<!are )(?<! r )(?<!is )(?<!he.s )(?<!she.s )(?<!i.m )(?<!literally )(?<!totally )"
            r"(?<!completely )(?<!all )torn(?! between)|"  # ("my old ones r literally torn": why new ones are wanted)
            r"\b(will|would|can|could|does|do|when will|how soon will|how fast will) (it|they|this|that|these|those|"
            r"the order|my order|the parcel|my parcel) "
            r"(arrive|reach (by|before|in|within|on|till|until|my|me|us|home|here)|"
            r"reach [a-z]+ (by|before|in|within|on)|"
            r"get (here|there|to me)|"
            r"come (by|before|in time|within|on time))\b|"
            r"gift ?-?(wrap\w*|packag\w*|pack|packing|messages?)|wrap (it|them|this|that)( up)? as a gift|"
            # "send her a gift straight to her address with a msg from me inside?": a gift message
            r"with an? (personal |small |little |short )?(msg|message|note|card) "
            r"(from (me|us)( inside| in it)?|inside|in it)|"
            r"(能|可以)?(寄|发|送|邮)(到|去|往)[\u4e00-\u9fff]{1,8}(吗|么|不)|(寄|发货|配送|送)(到)?(国外|海外)|"
            r"wrong (item|size|colou?r|product)|"
            # "swap the shirt for a tee" edits a look; "swap the dress for a bigger size" is an exchange
            r"swap(?! (?:the|that|those|this) (?!size|order|item|product)[a-z]+ (?:for|with) (?:a|an|some)\s+"
            r"(?![^.?!]*\bsize\b))|"
            r"(?<!looking for a )(?<!look for a )(?<!need a )(?<!want a )replacement|"
            r"cancel (my |an |the |)order|cancell?ation|warrant(y|ies|ee)|guarantee|"
            r"track (my |the |an |)(parcel|package|shipment|order)|where is my (order|parcel|package)|"
            r"first order|new customers?|(know|find|measure|check) my (shoe |dress |bra |jeans |waist |ring )?size|"
            r"what size (am i|should i (get|buy|order|take))|"
            # "kurta size is small or normal? I am between M and L": how the sizes run
            r"\bsizes? (is|are|runs?|comes?) (small|smaller|big|bigger|large|normal|true|regular|standard)\b|"
            r"\b(i'?m|i am|she'?s|he'?s|we'?re) (in )?between (an? )?(xs|s|m|l|xl|xxl|small|medium|large)"
            r"( and | & | or |-|/)(an? )?(s|m|l|xl|xxl|small|medium|large)\b|"
            r"which (\w+ )?size (is|would be|will be) (right|best|correct)|"
            r"(figure out|work out|know|find out|tell) (which|what|my) (\w+ )?size|"
            r"(can|could) (i|we) (still )?cancel|cancel (it|this|that) (after|once|later)|"
            # Chinese with the policy's English word: "还能 cancel 吗", "可以 exchange 吗"
            r"(能|可以|可不可以|还能|能不能)\s*(cancel|exchange|return|refund)|(cancel|exchange|return|refund)\s*(吗|嘛|么)|"
            r"express\s*(要|的)?\s*(加|收|另收)?\s*(多少钱|几钱|幾錢|几多钱|费用|运费)|"  # "express要加幾錢"
            r"where (my|the|our) (parcel|order|package|shipment) (is|has|reached)|"
            r"(clean|wash|iron|dry ?clean)\w* kaise|kaise (clean|wash|iron|dho)|"
            r"(parcel|package|order|delivery|shipment) (still )?"
            r"(has ?n'?t|hasnt|has not|not|never|didn'?t|still not|is late|is delayed)"
            r"( yet| even)? (arrived|come|reached|delivered|shown up|here)?|not (yet )?(arrived|received|delivered)|"
            r"take (it|them|this|these|those) back|"
            # "nothing skinny pls my thighs wont fit": why not that cut, no return asked
            r"(?<!thighs )(?<!thigh )(?<!hips )(?<!feet )(?<!legs )(?<!calves )(?<!belly )(?<!tummy )"
            r"(does ?n'?t|did ?n'?t|does not|won'?t|doesnt|didnt) fit|"
            r"(physical|offline|retail) (store|shop)s?|(a|any|your) (store|shop|outlet|showroom)s? (in|near|at)|"
            r"visit (your|the|a) (store|shop)|store locat\w+|"
            r"(is|are) (it|this|these|they|those|that|the \w+|your \w+|ur \w+) (an? )?"
            r"(original|genuine|authentic|legit|fake|"
            r"first copy|copy|copies|replicas?)|counterfeit|first copy|replicas?|" + RENTING + r"|"
            r"second[- ]?hand|pre-?owned|used (ones|clothes|items|products|bags)|thrift|alterations?|"
            r"tailoring|tailor|stitching|stitch (a|my|the)|custom[- ]made|made to measure|shorten|"
            r"hem (my|the|it|them)|(do|can|could|will) (u|you|ya) (also |even )?(alter|hem) \w+|"
            r"(put|throw|wash) (it|them|this|these|those) (in|into) (the |a )?washing machine|"
            r"(go|goes|going|put|thrown?|washed) (in|into) (the |a )?washing machine|machine[- ]wash\w*|"
            r"how (fast|soon|quickly) (can|could|will|would) (u|you|it|they) (get|deliver|send|ship)|"
            # "how fast can it come to blr": when it arrives
            r"how (fast|soon|quickly|long) (can|could|will|would|does|do) (it|they|this|that|these|those|the order|"
            r"my order|the parcel) (come|reach|arrive|get there|get here|be delivered|take)\b|"
            r"how many days (will|would|does|do) it take|take to (reach|arrive|get delivered)|"
            # "first salary hasnt come yet" is about money, no parcel
            r"(?<!salary )(?<!pay )(?<!paycheck )(?<!stipend )(?<!money )(?<!bonus )"
            r"((still|yet) (has |have )?not (reached|arrived|come)|(has|have)n'?t (reached|arrived|come) (yet|still))|"
            r"(get|deliver|send|ship) (it|them|this|these|the order) to [a-z]+ by|"
            r"when (will )?(it |they )?(reach|arrive)(s)?\b(?! (for|at) (the|a|an|my) (party|wedding|function))|"
            r"(return )?pick ?-?ups? (free|charges?|cost)|free (return )?pick ?-?ups?|"
            r"(debit|credit|rupay|visa|master ?card|amex) cards?|accept (cards?|upi|rupay|visa|wallets?|paytm|gpay))\b|"
            r"\b(?:gpay|g pay|google pay|phonepe|phone pe|paytm|bhim upi)\b|"  # "gpay chalega?": a way to pay
            r"防水(?!的?[外夹衣服鞋包靴裤])|洗澡能戴|能戴着洗澡|(?:能|可以|能不能)用.{1,8}(?:支付|付款|付钱|结账)|"
            + RENTING_ZH
            + r"|租一|租几天|"  # "汉服能租吗": no renting
            r"(寄不寄|发不发|送不送|能寄|能发|可以寄)(到)?(国外|海外|外国)|"  # "你哋寄唔寄海外㗎": abroad
            r"退货|退了货|退回来|原路退|退回|退款|换货|发货|送货|要多久|快递|配送|运费|货到付款|尺码表|"
            r"(?:胸围|腰围|臀围|肩宽)(?:是|有)?多少|"  # "你们M码胸围是多少厘米": the size chart
            r"到货|多久能到|几天到|几天能到|几天送到|什么时候到|什么时候能到|物流|包邮|怎么洗|怎么保养|如何保养|保养|能洗|可以洗|机洗|手洗|水洗|干洗|洗涤|优惠|"
            r"能退|可以退|退吗|寄回|上门取|换成别的|换别的款|(?:会不会|是不是)偏[窄宽大小紧松]|偏[窄宽大小紧松](?=\s*(?:吗|么|嘛|不|啊|吧|呢|[?？]|$))|要不要(?:买|选|拿)?大(?:一|半)[码号]|尺码准|码数准|分期|花呗|坏的|(?<!磨)(?<!穿)破了|破损|发错|质量问题|换(大|小)一?[码号]|换[码号]|换[个一]?尺码|能换吗|可以换吗|"
            r"加急|快一点|快点送|明天就要|明天能到|正品|高仿|假货|保修|保固|(能|可以)取消|取消订单|下的单|(?<!合)不合身|洗衣机|能到|多久到|"
            r"(寄|送|发|邮)到[\u4e00-\u9fff]{1,8}(要|需要)?(几天|多久)|(尺寸|尺码|大小)不合|实体店|门店|线下店|"
            r"(能|可以)(送|寄|发)(到|过来)?(吗|嘛|么)|(大概|一般)?(要|需要)几天|"  # "你们能送到吗 大概要几天"
            r"包成礼物|包装成礼物|礼物包装|礼品包装|贺卡|(寄|发|送|邮)(到|去|往)[\u4e00-\u9fff]{1,8}(吗|么|不)|"
            # "能帮忙包装一下吗", "可以去店里自提吗", "支持七天无理由吗", "能帮我量身做吗", "穿坏了保修不"
            r"(帮忙|帮我|能|可以)包装|包装一下|自提|到店取|店里取|无理由|量身|定做|裁缝|改短|改长|保修不|促销买的|"
            # "怎么查物留啊" (typed by sound), "到哪了", "有道划痕 怎么办", "大一码要是没货了怎么办"
            r"物留|查单|(带不带|带|有没有|含|包含|送)(上衣|衬衫)?(布料|布(吗|么|嘛|不))|"
            # "上周买的东西到现在还没收到", "钱怎么还没到账", "这些戴着游泳可以吗", "你们这是英码吧 对应多少"
            r"还没收到|没收到|还没到账|没到账|到账|(戴着|穿着)(游泳|洗澡|下水)|英码.{0,6}对应|对应多少|相当于多少码?|"
            r"回收旧?(衣服|衣物|鞋)?|以旧换新|抵钱|换另一款|换另外一款|换第二款|到哪(了|里了|儿了)|划痕|刮花|(要是|如果)?(没货|缺货|断货|卖完)了?(怎么办|咋办|点算)|(要是|如果)(大|小)一[码号](没货|缺货|断货|卖完)了?呢?|"
            # Cantonese: "送貨要幾耐", "可唔可以寄去新加坡", "有冇門市"
            r"幾耐|几耐|(可唔可以|可不可以|能不能|可以)(寄|发|發|送)(到|去|往)|門市|门市|實體店|"
            # "will it even reach guwahati in time??", "n can i track it once its sent", "how long to bangalore"
            r"\b(will|would|can) (it|they) (even |actually |really )?(reach|get to|arrive in) [a-z]+ "
            r"(in time|on time|by)\b|"
            r"\btrack (it|them|the parcel|the package)\b|^\W*(and |n |ok |so )?how long (to|till) [a-z]+\W*$|"
            r"\bhow (do|to|should|can|would) (i |we |she |he |they |you )?(look after|take care of|maintain) "
            r"(a|an|the|my|her|his|it|them|this|that|these|those)\b"
        ),
    ),
    (
        Intent.outfit,
        _rx(
            # "ugh ok fine go with blue then", "i'll go with the 2nd": a choice, not what goes with it
            r"\b((?<!ll )(?<!will )(?<!fine )(?<!let's )(?<!lets )(?<!ok )(?<!okay )(?<!just )(?<!then )"
            r"go(es|ing)? (well |nicely |best |great )?with|"
            r"(complete|finish|round off|finish off) (the |a |an |my )?(\w+ )?look|"
            r"(finish|round|top) (it|this|that|the look) off|"  # "what shoes and belt would finish it off"
            r"combo (with|for) (it|this|that|the (\d(st|nd|rd|th)|first|second|third|fourth|fifth|last)( one)?)|"
            r"match(es|ing)? (it|this|that)|"
            r"outfits?|pair (it|this|that) with|wear (it |this )?with|what to wear|"
            r"pair(s|ed)? (well |nicely )?with (it|this|that|them)|(would|will|could|to) complement|"
            r"(?<!\btake )(?<!\bhave )(a|an|my|our|one|some|whole|\w+ night|party|wedding|office|festive|brunch|"
            r"airport|college|casual|formal|ethnic|date|beach|vacation|holiday|travel|club|sangeet|mehendi|haldi|"
            r"diwali|eid|christmas|interview|gym|work|winter|summer|monsoon|rainy|spring|autumn|trip|getaway|weekend|"
            r"picnic|vacay|honeymoon|cruise|resort|pool|festival|concert|goa) ([\w-]+ |[^\w\s,.;:!?]+ ){0,2}look"
            r"(?! (at|into|around|through|about it|to it)\b)"
            r"(?!s? (?:so |very |really |a bit |kinda |all )?(?:tired|old|worn|faded|shabby|dull|boring|bad|off|weird|"
            r"cheap|awful|terrible|like|great|good|nice|amazing)\b)|"  # "all my formal shirts look tired af"
            r"(what|wat|wht) (should|shud|shld|shall|do|can|could|would) i (wear|wer)|"
            r"(what|wat|wht) (should|shud|shld|do|to) (i )?(pack|bring|carry) to (wear|wer)|wear to (a|an|the|my)|"
            r"(to|i|u) (wear|wer) (to|for) (a|an|the|my|our)\b|"
            r"what (i|he|she|a man|a woman|a guy|a girl|one) (should|shud|can|could|must) wear|"
            r"\b(fit|outfit|look) (ideas|inspo|suggestions)\b|"
            r"(whole|full|complete|entire) (look|outfit|fit|thing)|head to toe|get-?up\b|"
            # "can u put together a gym set for him?"
            r"put together (a|an) ([a-z]+ ){0,2}(set|kit)\b|\b(gym|workout|training) set for\b|"
            # "saree look chahiye" (read "saree look want"), "kurta look for me"
            r"[a-z]+ (wala |type |style )?look (want|chahiye|chahie|please|pls|plz|bana\w*|suggest|for (me|him|her))|"
            r"[a-z]+[ -](wala|wali|type|style) look\b|"  # "kurta pyjama type look for a puja"
            r"(a|an) [a-z]+ (n|and|&) [a-z]+ look (for|to)\b|"  # "a navy n white look for a yacht party"
            r"(whole|full|complete|entire) ([a-z]+ ){1,3}(look|outfit)|(whole|full|complete|entire) [a-z]+ fit\b|"
            # "college fest ka fit", "warm fit chahiye": a look in young shoppers' words (never "slim fit")
            # "gym kit for a beginner" (not "my gym kit is dark")
            r"(?<!my )(?<!our )(?<!his )(?<!her )(gym|workout|training|trekking|hiking|running|yoga) kit\b|"
            r"styled (with|w/)|"
            r"(gym|office|college|fest|party|date|concert|diwali|warm|chill|travel|trip|airport|brunch|vacay|"
            r"vacation|ka|wala|wali|sick|fire|cute|comfy|festive|workout|training|yoga|running) fit"
            r"(?! (me|properly|well|true))|"
            r"\b(wanna|want to|need to|have to|gotta) look (really |properly |super |extra )?"
            r"(dope|good|great|sharp|cool|fresh|stylish|smart|classy|fire|lit|effortless|elegant|chic)\b|"
            r"look(s)? (good|great|nice) with|accessori[sz]e|to match \w+|"
            r"(put together|build|style|plan) (something |an outfit |a look |a fit )?around|"
            r"put (something|smth|sth|a look|an outfit|a fit|it all|it|the two|the three|both|them|these|those) "
            r"together\b|"
            r"put together (something|smth|sth|a look|an outfit|a fit)\b|"
            # "can u put together shirt + jeans + shoes?" (not "want to look put together")
            r"\b(u|you|pls|please|plz) put together (a |an |some )?[a-z]+( [a-z]+)?\s*(\+|&|,|and|n)\s*[a-z]+|"
            # "1st wale ke saath churidar aur mojari, 2500 extra" (read "with the 1st one churidar ..."): pieces for it
            r"^\W*with the (first|second|third|fourth|fifth|last|\d(st|nd|rd|th)) one\b,?\s+"
            r"(?!(is|are|does|do|can|will|would|how|what|which|in|and the)\b)|"
            r"(build|make|create) (an |a )?(outfit|look) around|"
            r"what else (do|should|would|can|could) i (need|wear|get|buy|add|pair)|what else (goes|would go)|"
            r"style (it|this|that|them|these|those|the (first|second|third|fourth|fifth|last|\d(st|nd|rd|th))"
            r"( one| pair)?|no\.? ?\d|#\d)|how (do|should|would|can|to) (i )?(style|wear|pair) (it|this|that|them)|"
            r"pair (it|this|that|them|the \w+( one| pair)?) with|style (my|his|her) \w+|"
            r"pair (a |an |some )?[a-z]+( [a-z]+)? with (it|this|that|them|the (first|second|third|fourth|fifth|last|"
            r"\d(st|nd|rd|th))( one| pair)?)|"
            r"(would|will|could|might|that|to) (suit|match) (it|this|that|them|the|no\.? ?\d|#\d)|"
            r"(wanna|want to|to|help me|need to|gotta) look (lit|sharp|good|great|stylish|cool|smart|dapper|classy|"
            r"fab|fabulous|hot|nice|presentable|decent|amazing|stunning|my best))\b|"
            r"搭配|穿搭|穿什么|穿啥(?!都)|(?<!不)怎么穿|怎么搭|怎么配(?!送)|搭什么|搭啥|配啥|一身|一整套|整套|穿的一套|[搭配]一?[双条件个款顶块套身]|配什么|"
            r"[\u4e00-\u9fff]{1,4}(加|配)[\u4e00-\u9fff]{1,4}一套|"
            # "衬衫+卡其裤+鞋 帮我配一下", "通勤一套 女 上衣+西裤+乐福鞋": the pieces as one look
            r"(帮我|帮忙|给我)(配|搭)一下|(?<![不别])(配|搭)一下(?![单])|(?<![来要买])一套(?=\s|$|[，,。!！])|"
            r"一套[\u4e00-\u9fff]{0,6}(衣服|行头|装扮|穿的)|(一套|一身)[\u4e00-\u9fff]{0,6}[：:]|"
            # "一件库尔塔 配耳环跟手拿包", "给我两三套看看", "T恤+裤子+帆布鞋": pieces put together
            r"(?<![不别])配(?:上|个|一?[双条件个款顶块副只])?[\u4e00-\u9fff]{1,5}(?:和|跟|与|还有|\+)[\u4e00-\u9fff]{1,5}|"
            + SETS_ASKED_ZH
        ),
    ),
    (
        Intent.similar,
        # "再给我看几个类似的": more like the one in hand
        _rx(
            r"\b(similar|more like (this|that|it|the)|something like (this|that|it|the))\b|类似的|相似的|类似款|相似款"
        ),
    ),
    (Intent.price, _rx(r"\b(good deal|worth it|deal\?|price history|on sale|any discount|is it cheap|discounted)\b")),
    (
        Intent.stock,
        _rx(
            r"\b(got|get|have|has) (it|this|that|them|these|those|one)( one)? in (a |an )?(size )?"
            r"(xxl|xl|xs|s|m|l|\d{1,2})\b(?!\s*(k|rs|inr|₹|rupees))|"
            # "is it there in xl sz", "is the 2nd there in M": is that one in stock in that size
            r"\b(is|are) (it|this|that|they|these|those|the \w+( one)?) (there|available) in (a |an )?(size )?"
            r"(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})\b(?!\s*(k|rs|inr|₹|rupees))|"
            r"^\W*(the )?(\d(st|nd|rd|th)|first|second|third|fourth|fifth|last)( one| pair)? in (a |an )?(size )?"
            r"(xxl|xl|xs|s|m|l|uk ?\d{1,2}|\d{1,2})\b(?!\s*(k|rs|inr|₹|rupees))|"
            r"\b(available|availability|in stock|any left|have (it|this|that|one) in|come in|"
            r"does it come(?! with)|is there (a|an) \w+ size|what sizes|which sizes|sizes? (left|available|does)|"
            r"in my size|how (much|many) (stock|pieces|units|are left|is left)|"
            r"(what|which) size (is|are|does|do) (it|this|that|they|these|those)( one)?( come in)?|"
            r"(stock|units|pieces) (left|remaining))\b|"
            r"有货|(?<!来)有没有\S{0,3}码|有没有\s*(?:uk|eu|us)\s*\d{1,2}(?![\d块元])|还有.{0,4}码|库存|还剩(几|多少)|"
            r"有(哪些|什么|几个)码|(哪些|什么)尺码|"
            r"(它|这个|那个|这款|那款|这双|那双|这件|那件)(还)?有\s*(xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{1,2})\s*码?(的)?吗"
        ),
    ),
    (Intent.recommend, _rx(r"\b(recommend|suggest something|what would you suggest|for me\?)\b")),
    (
        Intent.more,
        _rx(
            r"^\W*((ok|okay|and|pls|please|can you|could you)\s+)*(show|load|see|give|got)?\s*(me |us )?(some |any )?"
            r"more\b(?!\s+(details?|info|information|about|on|abt)\b)|\bnext (page|ones|few|5|five)\b|"
            r"\bother options\b|^\s*more\s*\??$|\bmore (options|results|of (these|those|them))\b|"
            r"\b(show|see|give)( me| us)? (a )?(few|couple|couple of|some) more\b|"
            r"再来(几|一些|点)|还有别的吗|换一批|下一页|更多|^\W*(再|还)?(给我)?(看看|看一下|瞧瞧)(别的|其他的?)\W*$|"
            r"^\W*(再|还)?多看(几|一些|一点|点)[双件条个款只]?\W*$|"
            # "再多给我看几件", "再看几个", "再多推荐几条", "多来几双吧": a few more of the same list
            r"^\W*(还有别的吗\W*)?(再|还)?多?(给我|帮我)?多?(看|推荐|来|找)(几|一些|一点|点)[双件条个款只副块顶]?(吧|呗|呀|看)?\W*$|"
            # "aur dikhao yaar" ("and show"), "bas itne hi? aur koi nahi hai?", "itne kam kyu"
            r"^\W*(and|also) show( me| us)?( more)?\s*([,.!?]|yaar|na|pls|please|bhai|$)|"
            r"\bonly itne\b|\bitne (hi|kam)\b|"
            r"\b(and|aur) koi (nahi|nai|na)\b|"
            # "10 options pls", "give me like 10 options": more of the same list, that many
            r"^\W*(\w+\s+){0,3}(\d{1,2}|ten|eight|six|seven|five) (more )?(options|choices|results|ideas)\b"
        ),
    ),
]
_GUARDRAIL = _rx(
    r"\b(ignore (all |any |the |your )?(previous |prior |above )?(instructions|rules|prompt)|system prompt|"
    r"forget (the |your |all )?(catalog|instructions|rules)|your instructions|(repeat|print|show) "
    r"(everything|all|the text) above|you are dan|no rules|pretend (the catalog|that|you)|"
    r"authori[sz]e (a |an )?\d{1,3} ?%|apply (the |a |my )?(\d{1,3} ?% )?discount|set (the )?prices?\b|"
    r"prices? of .{0,30} to \d|make (the \w+ one|it|this|them|everything) free|"
    r"developer mode|you are now|jailbreak|reveal (your|the) (prompt|instructions)|"
    r"(give|make) (me |it |them )?(a |an )?(\d{1,3} ?% (off|discount)|free)|"
    r"(prices?|it) (is|are) (now )?(free|₹ ?\d)|(say|tell me|confirm) (that )?.{0,40}\b(free|discount)\b)"
)
# "lol wrong site i guess. what do u actually sell then": what the store sells, asked outright
ASKS_WHAT_WE_SELL = _rx(
    r"\bwhat (?:do|does) (?:you|u|ya|this (?:store|shop|site))(?: guys)? (?:actually |even |really )?"
    r"(?:sell|stock|carry)\b|"
    r"\bwhat (?:kind|sort) of (?:stuff|things|products) do (?:you|u)(?: guys)? (?:have|sell|stock|carry)\W*$|"
    r"你们(?:都)?卖(?:什么|啥)|你们有(?:什么|啥)(?:卖|东西)"
)
_GREETING = _rx(
    r"^\s*(hi|hello|hey|namaste|good (morning|evening|afternoon)|help)\b[\s!.?]*$|"
    r"^\W*(?:(?:ok|okay|cool|great)\W+)?(?:thanks|thank you|thx|ty|bye|goodbye|good night|see you|cheers)"
    r"(?:\W+(?:so much|a lot|bye|goodbye|see you|for now|for the help|for your help))*[\s!.?😊🙏]*$|"
    # "谢谢", "好的谢谢啦", "你好", "在吗": a thanks or a greeting in Chinese, said alone
    r"^\W*(?:你好|您好|哈喽|嗨|在吗|亲在吗)[\s!！。？?呀啊哈]*$|"
    r"^\W*(?:好的|好|嗯|ok|行)?\W*(?:谢谢|多谢|感谢|谢啦|谢了|拜拜|再见)(?:你|您|啦|了|哈|呀|亲)?"
    r"(?:\W*(?:拜拜|再见))?[\s!！。~～😊🙏]*$"
)
# "thanks, bye": the shopper is leaving, not greeting
FAREWELL = _rx(r"\b(thanks|thank you|thx|ty|bye|goodbye|good night|see you|cheers)\b|谢|拜拜|再见")
_OUT_OF_CATALOG = (
    "laptop",
    "laptops",
    "phone",
    "phones",
    "mobile",
    "iphone",
    "smartphone",
    "tv",
    "television",
    "fridge",
    "refrigerator",
    "sofa",
    "furniture",
    "groceries",
    "grocery",
    "book",
    "books",
    "camera",
    "headphones",
    "earphones",
    "car",
    "cars",
    "bike",
    "bicycle",
    "medicine",
    "pizza",
    "food",
    "toys",
    "toy",
    "washing machine",
    "microwave",
    "tablet",
    "printer",
    "电脑",
    "手机",
)
# "book me a flight", "book a cab": the verb, not books (the flight is what is refused)
_BOOKING = (
    r"(?!(?<=\bbook)\s+(?:(?:me|us|my|our)\s+)?(?:an?\s+|the\s+)?(?:tickets?|flights?|hotels?|cabs?|taxis?|trains?|"
    r"tables?|rooms?|trips?|stays?)\b)"
)
_OOC = _rx(r"\b(" + "|".join(re.escape(w) for w in _OUT_OF_CATALOG) + r")\b" + _BOOKING)
_REFINE_START = _rx(
    r"^\s*(in|only|under|below|less than|cheaper|what about|how about|instead|without|not|no|anything|"
    r"but|and|make it|any|something|show (it|them) in|in a|with|"
    r"(?:the )?(?:same|similar)(?: thing| things| one| ones| kind| kinda thing| style)?(?= but| in| with| only|,))\b"
)
# "velcro ones", "leather pair?": the kind shown, described by a word or two
_DESCRIBED_ONES = _rx(
    r"^\s*(?:(?:ok|okay|then|so|hmm+|fine|alright)\W+)*(?:[\w'-]+\s+){1,3}(ones|pairs?|kind|type|versions?)\s*[?.!]*\s*$"
)
_CHEAPER = _rx(
    r"\b(cheaper|less expensive|lower price|more affordable|budget option|lower budget|"
    r"(?<!not )(too|so|very|really|super|way too|hella|crazy) (expensive|pricey|pricy|costly|overpriced)|"
    r"overpriced|bit much|out of my budget|(cant|can'?t|cannot) afford|less costly|lower cost|"
    r"(bit|little|lil|kinda|slightly|a tad) (pricey|pricy|costly|expensive)|anything (lower|cheaper|less)|"
    # "can it go any lower"
    r"something (lower|less pricey)|"
    r"\b(go|come|get) (any |a bit |a little |little |bit )?lower\b(?! (heels?|waist|rise|neck|cut)\b)|"
    # "can u bring the total down a fair bit?", "can the whole thing cost less?"
    r"(bring|get|take|knock) (the )?(total|price|cost|budget) down|(cost|costs|be) (a bit |a little )?less)\b|"
    r"便宜(一)?点|更便宜|再便宜|太贵|便宜(很多|不少|些)|来点便宜的|便宜的吗?$|买不起"
)
_PRICIER = _rx(
    r"\b(more expensive|premium|pricier|costlier|more costly|higher end|fancier|(?:bit |little )?(?:more )?upmarket)\b|"
    r"贵一点|更贵|再贵|高档一点|好一点的"
)
_NOT_BRAND = _rx(
    r"\b(not|no|other than|except|without) (from )?(that|this|the same|their|these) brands?\b|\bdifferent brand\b|"
    r"\b(skip|avoid|forget|drop|not) (that|this|the|their) brand\b|\b(another|some other|dusra|koi aur) brand\b|"
    r"\b(any|some) (other|different|diff) brands?\b|\bother brands?\s*\?|"  # "any other brands? sab ek jaise"
    r"不要这个牌子|换个牌子|别的牌子|其他牌子|别的品牌|其他品牌|换个品牌"
)
_ORDINALS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "last": -1,
    "第一": 0,
    "第二": 1,
    "第三": 2,
}
# The shopper's other half, named as theirs: the shopper is then (most likely) of the other sex
# ("the girlfriend", "bf ke liye", "gf's bday"; not "her husband", "my sister's husband")
_NOT_THE_SHOPPERS = r"(?<!\bher )(?<!\bhis )(?<!\btheir )(?<!\byour )(?<!'s )(?<!\bex )(?<!\bex-)"
_HUSBAND_OF_THE_SHOPPER = _rx(
    rf"{_NOT_THE_SHOPPERS}\b(?:husband|hubby|boyfriend|bf|fiance|pati|pati dev)\b|"
    r"(?<!她)(?<!她的)(?:老公|男朋友|男友|我先生)"
)
_WIFE_OF_THE_SHOPPER = _rx(
    rf"{_NOT_THE_SHOPPERS}\b(?:wife|wifey|girlfriend|gf|fiancee|biwi|missus)\b|(?<!他)(?<!他的)(?:老婆|媳妇|女朋友|女友|我太太)"
)


def shopper_gender_said(text: str) -> str | None:
    """The shopper's gender as a message implies it ("a bag for my wife": a man's), if it does
    and names only one of the two."""
    husband, wife = _HUSBAND_OF_THE_SHOPPER.search(text), _WIFE_OF_THE_SHOPPER.search(text)
    if bool(husband) == bool(wife):
        return None
    return "Women" if husband else "Men"


# "last" naming a place in the list: not "my last pair" (one owned before), not "does it last" (a verb)
LAST_AS_A_PLACE = (
    r"(?<!\bmy )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!\bit )(?<!\bthey )(?<!\bwill )(?<!\bwould )(?<!\bdoes )"
    r"(?<!\bdo )(?<!\bto )last"
)
_ORDINAL = _rx(
    rf"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|{LAST_AS_A_PLACE})\b"
    r"(?! (time|week|month|year|salary|job|"
    r"interview|date|day|night|anniversary|birthday|bday|paycheck|stipend|trip|semester))|"
    r"(?:#|number |no\.? ?|option )(?P<number>\d)\b|第一|第二|第三"
)
_PRONOUN = _rx(r"(?<!one of )\b(it|this|that|this one|that one|them|these|those)\b")  # "add one of them": which?
_SIZE_STATEMENT = _rx(
    r"\b(?:i'?m|i am|i wear|(?:(?:they|who) wear|wears)(?: (?:men'?s|women'?s|mens|womens))?|my size is|i take|"
    r"(?:she'?s|he'?s|she is|he is)(?=\s+a\s+(?:size\s+)?(?:uk\s*)?\d)|"  # "she's a 6"
    r"(?:she'?s|he'?s|she is|he is|i'?m|i am)(?=\s+a\s+(?:small|medium|large)\b)|"  # "she's a medium usually"
    r"\bso(?=\s+(?:xxl|xl|xs|s|m|l)\s*[.!]*\s*$)|"  # "i'm 5'6 and pretty skinny so S"
    r"(?:she|he) is(?=\s+(?:xxl|xl|xs|s|m|l)\b(?!')\s*(?:[,.!?]|$))|"  # "she is M, like 3k max"
    r"size(?:\s+is|\s*[:=])?(?=[\s\d]))\s*(?:a\s+)?(?:size\s+)?(?:uk\s*)?"
    r"(xxl|2xl|xl|xs|s|m|l|small|medium|large|\d{1,2})\b(?!['’\"]|\s*(?:ft|feet|foot|inch|inches|cm)\b)"  # no height
)
_SIZE_IN = _rx(
    r"\b(?:in|size|in size|in a|in an|(?:ones?|those) (?:that |which )?(?:have|has|come in|are available in))\s+"
    r"(?:uk\s*)?(xxl|2xl|xl|xs|s|m|l|small|medium|large|\d{1,2})\b"
    r"(?!\s*(?:rs|inr|₹|k\b|pairs?\b|pcs\b|pieces?\b|units?\b|more\b|of\b|x\b))|"  # "throw in 2 pairs": a count
    r"\b(xxl|2xl|xl|xs|small|medium|large)\s+size\b|"  # "green, medium size"
    r"\b(?:men|mens|men's|women|womens|women's|ladies)\s+(small|medium|large)\b"  # "shirts, men medium"
)

# "L码", "38码", "uk10": a size said without "in" or "size".
_SIZE_BARE = _rx(
    r"(?<![a-z])(xxl|2xl|xl|xs|s|m|l|\d{1,2})\s*(?:码|号码)|\buk\s*(\d{1,2})\b|腰围\s*(xxl|2xl|xl|xs|s|m|l)(?![a-z])|"
    r"(?:码数|尺码|码子|尺寸)\s*(?:改|换)(?:成|为|到)?\s*(xxl|2xl|xl|xs|s|m|l|\d{2})(?![a-z])|"  # "码数改L吧"
    r"(?<=[.,;!])\s*(xxl|2xl|xl|xs|s|m|l)\s*[.!]*$|"  # "2nd one pls. M": the size, said last on its own
    r"(?<=[,;])\s*(xxl|2xl|xl|xs|s|m|l)\s*(?=[,;—–]|\s-\s)"  # "his is the 1st one, L — add": a clause of its own
)

# A reply to an order summary. Only a whole message that is a clear yes places an order;
# "yes but in M", "yes?" or anything longer is not a yes to *that* summary.
_YES = _rx(
    r"^\s*(yes|yeah|yea|ya|yah|yep|yup|y|sure|ok|okay|confirm(ed)?|go ahead|do it|proceed|"
    r"place (it|(the |my )?order)( now)?|please do|haan|ha|"
    r"是|是的|好|好的|确认|确定|对|可以|行|没问题|下单|确认下单|确定下单)"
    r"( please| pls| thanks| thank you)?"
    r"([\s,.!，。！]+(yes|sure|ok|okay|please|confirm|go ahead|place (it|(the |my )?order)( now)?|do it|thanks|"
    r"thank you|是|是的|好|好的|确认|确定|对|可以|下单|确认下单|谢谢|ji|kar do|kardo|karo|kar dijiye|"
    r"(?:order )?place kar do))*"  # "是 确认", "好的 下单", "确定 下单", "haan kar do"
    r"[\s.!。！吧啊]*$"
)
# "no", "wait": the order is not placed; "wait can it come by tmrw?" asks first, and is answered
_NO = _rx(
    r"^\s*(no|nope|nah|n|not (yet|now)|cancel|wait|hold on|stop|don'?t|do not|never ?mind|nahi|nahin|nai|ruko|"
    r"abhi nahi|mat karo|rehne do|不|不要|取消|等等|等一下|先不|算了|再想想|暂时不|先别)\b"
    r"(?![^?？]*[?？])"
)
_CANCEL_ORDER = _rx(r"\bcancel (my |the |that |this )?(last )?order\b|取消订单")


def order_reply(text: str) -> str | None:
    """``"yes"``, ``"no"`` or None (neither: the shopper moved on) to an order summary."""
    if _YES.match(text):
        return "yes"
    return "no" if _NO.match(text) else None


# "which one is the lightest?", "which is the most comfortable": a quality the catalog does not record
_UNRECORDED_QUALITY = _rx(
    r"^\W*(?:so |and |ok |okay )?(?:which|what)(?: one| ones| pair| of (?:these|those|them|the \w+))?\s*"
    r"(?:is|'s|s|are|would be|will be)?\s*(?:the\s+)?(?P<what>[a-z]{3,}est|most [a-z]{4,}|least [a-z]{4,})\b"
)
_RECORDED_QUALITIES = frozenset(
    "cheapest priciest costliest dearest best newest latest highest lowest biggest largest smallest".split()
)


# "which of these dry faster", "which one is more comfy", "do any of these track steps?",
# "inme se kaunsa zyada garam hoga": a quality of the list's products asked, not a new search
_LIST_QUALITY = _rx(
    r"^\W*(?:so |and |ok |okay |hmm )?(?:(?:which|what) (?:one |ones |pair |of (?:these|those|them|the \w+) )|"
    r"which (?=(?:(?:is|are|would be) )?(?:[a-z]{3,}er|more [a-z]{4,})\b)|whichever (?:one )?)"
    r"(?P<verb>(?:is |are |would |will |does |do |can |could )?(?:be |feel |look )?)"
    r"(?P<compared>(?:[a-z]+ )?(?:(?!(?:und|ov|aft|oth|rath|eith|nev|ev|togeth|wheth|howev)er\b)[a-z]{3,}er|"
    r"(?:more|less) [a-z]{4,}))\b(?! than (?:\d|rs|₹))|"  # "which ones r under 700?" asks a price
    # (not "are any of these leather?" nor "do any have pockets?": words of the titles, the list narrowed)
    r"^\W*(?:so |and |ok |okay |hmm )?(?:do|does|can|will|would) any (?:one )?of (?:these|those|them|the \w+) "
    r"(?P<whether>(?!come\b|have\b|has\b|got\b)[a-z][a-z ]{2,40}?)\W*$|"
    r"\b(?:which|kaunsa|kaunsi|konsa|konsi) (?:zyada|jyada|jada|more) (?P<more>[a-z]{3,})\b"
)


def unrecorded_quality(text: str) -> str | None:
    """What a question about the list asks when the catalog records nothing of it, as a
    clause ("which one is the lightest?": "which is lightest", no weight; "do any of these
    track steps?": "whether any of these track steps"); the cheapest and best rated are
    answered."""
    listed = _LIST_QUALITY.search(text)
    if listed and listed.group("compared") and listed.group("compared").split()[-1] not in _RECORDED_COMPARATIVES:
        return f"which of them {listed.group('verb') or ''}{listed.group('compared').lower()}"
    if listed and listed.group("whether"):
        return f"whether any of these {listed.group('whether').lower()}"
    if listed and listed.group("more"):
        more = listed.group("more").lower()
        return f"which is {_HINDI_QUALITIES.get(more, f'more {more}')}"
    match = _UNRECORDED_QUALITY.search(text)
    if match is None:
        return None
    what = match.group("what").lower()
    recorded = what in _RECORDED_QUALITIES or what.split()[-1] in (
        "expensive",
        "popular",
        "rated",
        "reviewed",
        "affordable",
    )
    return None if recorded else f"which is {what}"


# "kaunsa zyada garam hoga": the quality in English
_HINDI_QUALITIES = {
    "garam": "warmer",
    "garm": "warmer",
    "thanda": "cooler",
    "halka": "lighter",
    "halki": "lighter",
    "mazboot": "sturdier",
    "majboot": "sturdier",
    "aaramdayak": "more comfortable",
    "comfy": "comfier",
}
_RECORDED_COMPARATIVES = frozenset(
    "cheaper costlier pricier dearer better newer bigger larger smaller "
    "cheap costly pricey expensive affordable popular rated reviewed".split()  # "which is more cheap"
)


def asks_to_cancel_order(text: str) -> bool:
    return bool(_CANCEL_ORDER.search(text))


# A removal that takes everything: "empty my cart", "nvm remove all", "算了全删了"
_WHOLE_CART = _rx(
    r"\b(empty|clear)\b|清空|\b(remove|rmv|delete) (all|everything|it all)\b|(全部?|都)(删|不要)|"
    r"\b(remove|rmv|delete|drop|take out) (both|them both|both of them|all of them)\W*$"  # "nah, remove both"
)


def clears_cart(text: str) -> bool:
    """Whether a removal from the cart is of every line, not of one named or numbered."""
    return bool(_WHOLE_CART.search(text))


def detect_intent(text: str, has_context: bool) -> Intent:
    if _GUARDRAIL.search(text):
        return Intent.guardrail
    if _GREETING.search(text):
        return Intent.greeting
    if ASKS_WHAT_WE_SELL.search(text) and not parse_query(text).filters.public() and not out_of_catalog_thing(text):
        return Intent.greeting  # "what do u actually sell then" (not "... a black cap then": that search)
    for intent, pattern in _RULES:
        if pattern.search(text):
            return intent
    if has_context and (_CHEAPER.search(text) or _PRICIER.search(text) or _NOT_BRAND.search(text)):
        return Intent.refine
    parsed = parse_query(text)
    filters = parsed.filters
    product_words = filters.article_type or filters.sub_category
    if out_of_catalog_thing(text) and not product_words:
        return Intent.out_of_catalog
    if (
        has_context
        and not product_words
        and (filters.public() or _REFINE_START.search(text) or _DESCRIBED_ONES.match(text))
    ):
        return Intent.refine
    return Intent.search


def size_in(text: str, footwear: bool) -> str | None:
    """A size mentioned in a message ("in M", "size 9", "UK 9"), in the catalog's labels."""
    for pattern in (_SIZE_IN, _SIZE_STATEMENT, _SIZE_BARE):
        for match in pattern.finditer(text):
            raw = next(g for g in match.groups() if g).lower()
            if raw.isdigit() and footwear and int(raw) in EU_TO_UK:  # "available in 37?": a European size
                return f"UK{EU_TO_UK[int(raw)]}"
            if raw.isdigit() and footwear and int(raw) in WAISTS:
                continue  # "32 waist, uk9" said after sneakers: the jeans' waist, the shoes' size later
            if raw.isdigit():
                return f"UK{int(raw)}" if footwear or int(raw) >= 5 else None
            return SIZE_WORDS.get(raw, raw.upper())
    european = _EU_SIZE_SAID.search(text) if footwear else None
    if european is not None:  # "then better show me 45 instead" after shoes: a European size
        number = int(next(g for g in european.groups() if g))
        return f"UK{EU_TO_UK[number]}" if number in EU_TO_UK else None
    return None


# "show me 45 instead", "44 then": a European shoe size said alone, after shoes were shown
_EU_SIZE_SAID = _rx(
    r"\b(?:show|give|get)\s+(?:me\s+|us\s+)?(?:the\s+|a\s+|in\s+)?(3[5-9]|4[0-7])\b(?!\s*(?:k\b|rs|₹|%|rupees|/-))|"
    r"^\W*(3[5-9]|4[0-7])\s+(?:instead|then|pls|please|plz)\b"
)


def stated_sizes(text: str) -> dict[str, str]:
    """Sizes the shopper states about themselves ("I'm a size M", "I wear UK 9"); the first
    statement that is a size ("i'm 18, girl ... size S": the age is none)."""
    if not re.search(r"\b(i'?m|i am|i wear|my size|i take)\b", text, re.I):
        return {}
    for match in _SIZE_STATEMENT.finditer(text):
        raw = match.group(1).lower()
        if not raw.isdigit():
            return {"apparel_size": SIZE_WORDS.get(raw, raw.upper())}
        number = int(raw)  # "im 21 so nothing auntyish": an age, no shoe size; "i wear 42": a European one
        uk = number if 3 <= number <= 13 else EU_TO_UK.get(number)
        if uk:
            return {"shoe_size": f"UK{uk}"}
    return {}


def names_position(text: str) -> bool:
    """Whether the message names a place in a list ("the 2nd", "number 3", "第一")."""
    return bool(_ORDINAL.search(text))


def resolve_reference(text: str, shown: list[ProductRecord], focus: ProductRecord | None) -> ProductRecord | None:
    """Which shown product the shopper means: an ordinal, a type noun, or a pronoun."""
    match = _ORDINAL.search(text)
    if match and shown:
        token = match.group(0).lower()
        if match.group("number"):  # "number 3", "#3", "option 3"
            index = int(match.group("number")) - 1
        else:
            index = next((v for k, v in _ORDINALS.items() if k in token), 0)
        if -len(shown) <= index < len(shown):
            return shown[index]
        raise ToolError(
            ErrorCode.no_reference,
            f"I only showed {len(shown)} product{'s' if len(shown) != 1 else ''} just now — which one do you mean?",
        )
    of_kind = _first_of_kind_named(text.lower(), shown, focus)
    if of_kind is not None:
        return of_kind
    if _PRONOUN.search(text) or match:
        return focus or (shown[0] if shown else None)
    return None


def _first_of_kind_named(lowered: str, shown: list[ProductRecord], focus: ProductRecord | None) -> ProductRecord | None:
    """The product in focus or the first shown of the kind a message names: "the kurta",
    then a kind named anywhere ("tshirt in M to cart", "T恤加入购物车")."""
    kinds = sorted(ARTICLE_TYPES.items(), key=lambda kv: -len(kv[0]))
    for article in (r"\b(that|the|this) ", r"\b"):
        for phrase, (field, value) in kinds:
            chinese = bool(re.search(r"[\u4e00-\u9fff]", phrase))
            if not (chinese and phrase in lowered) and not re.search(rf"{article}{re.escape(phrase)}\b", lowered):
                continue
            for product in ([focus] if focus else []) + shown:
                if getattr(product, "article_type" if field == "article_type" else "sub_category") == value:
                    return product
    return None


def brand_of(title: str) -> str:
    """The brand: the title's words before its gender word ("Turtle Check Men Navy Shirt" -> "Turtle")."""
    words = title.split()
    for i, word in enumerate(words):
        if word.lower() in ("men", "women", "boys", "girls", "unisex", "men's", "women's", "kids"):
            return " ".join(words[: max(i, 1)])
    return words[0]


def asks_cheaper(text: str) -> bool:
    return bool(_CHEAPER.search(text))


def asks_pricier(text: str) -> bool:
    return bool(_PRICIER.search(text))


def asks_other_brand(text: str) -> bool:
    return bool(_NOT_BRAND.search(text))


# Words just before a thing that turn it down: "not a smart watch", "he has enough toys"
TURNED_DOWN_BEFORE = _rx(
    r"\b(not|no|nothing|none of|except|without|enough|plenty of|too many|avoid|don'?t want)\s+"
    r"(an?\s+|any\s+|that\s+|those\s+|these\s+|the\s+)?$|"
    r"(?:不要|不想要|别要|别是|不是|不用|不需要|除了)\s*(?:那种|那些|这种)?\s*$"  # "不要智能手表"
)


_A_TRIP_BY = _rx(r"\s*(?:trip|trips|ride|rides|riding|tour|race|rally|journey|road ?trip|expedition)\b")


def out_of_catalog_thing(text: str) -> str | None:
    """The non-fashion thing asked for ("laptop"), if any; not one turned down ("pls no toys")."""
    for found in _OOC.finditer(text):  # "he has enough toys already so pls no toys": none asked for
        before = text[: found.start()]
        if _A_TRIP_BY.match(text[found.end() :]):  # "a ladakh bike trip": how they travel, not a thing asked for
            continue
        if not TURNED_DOWN_BEFORE.search(before) and not CARRIED_BEFORE.search(before):
            return found.group(0).lower()
    return None


# The verbs of what a bag carries or holds ("lug her laptop around", "能装电脑"), in English and Chinese
CARRYING = "carry|carries|carrying|hold|keep|lug|lugs|lugging"
CARRYING_ZH = "能装|装得下|放得下|放得进|装到|装得到|装下|可以装"
# "she has to lug her laptop around", "要能装15寸笔记本的": what a bag carries, not a thing asked for
CARRIED_BEFORE = _rx(
    rf"\b(?:{CARRYING}|holds|keeps|fit|fits)\s+"
    r"(?:(?:my|her|his|their|our|a|an|the|big|small|heavy|\d{1,2}(?:\.\d)?\s*(?:inch|in|\"))\s+){0,3}$|"
    rf"(?:{CARRYING_ZH}|能放)[^，,。！!？?]{{0,6}}$"
)


def superlative_of(products: list[ProductRecord], superlative: str) -> ProductRecord:
    """The cheapest, priciest or best rated (by rating, then by how many rated it) of ``products``."""
    if superlative == "cheapest":
        return min(products, key=lambda p: p.price)
    if superlative == "priciest":
        return max(products, key=lambda p: p.price)
    return max(products, key=lambda p: (p.rating, p.rating_count))
