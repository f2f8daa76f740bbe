"""Hinglish, as Indian shoppers type it, put in English words before a message is read.

Shoppers here mix Hindi function words into English ("3rd wala cart mein daal do", "800 se
kam mein kuch?", "belt chhodo, sirf shoes dikhao"). Hindi puts the postposition, the
negation and the verb after the noun, so a word-for-word swap would leave "green in" and
"flip flops no"; each rule below writes the English order. Product words stay as typed
("kurta pajama", "chappal"): the catalog's own vocabulary reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.vocabulary import COLOURS

_I = re.IGNORECASE
# (pattern, replacement), applied in order: phrases before the words inside them.
# "... aate hai": how a kind comes out in size ("chote aate": runs small)
_RUNS = r"(?=\s+(?:toh\s+)?(?:nahi\s+|nahin\s+)?(?:hote|hoti|hota|aate|aati|aata)\b)"
_SIZE = r"(?:xxl|xl|xs|s|m|l|uk\s*\d{1,2}|\d{1,2})"
_KIN = {
    **dict.fromkeys(("bhai", "bhaiya"), "brother"),
    **dict.fromkeys(("behen", "bahen", "didi"), "sister"),
    **{"papa": "dad", "mummy": "mom", "pati": "husband", "patni": "wife", "beta": "son", "beti": "daughter"},
}
# "hazaar" (a thousand), as it is spelt in Latin letters
_THOUSAND = r"(?:hazaar|hazar|hajar|hajaar|hazzar)"
_Replacement = str | Callable[[re.Match[str]], str]
_RULE_TEXTS: list[tuple[str, _Replacement]] = [
    # "XXL me jo available hai wahi dikhao": the list again, only what is in stock (in that size)
    (
        r"\b(?:(xxl|xl|xs|s|m|l|uk\s*\d{1,2})\s+(?:me|mein|mai)\s+)?jo\s+(?:available|stock\s+me|stock\s+mein)\s+"
        r"(?:hai|h|he)\s+(?:wahi|wohi|vahi|woh|wo|bas\s+wahi)\s+(?:dikhao|dikha|dikhado|dikha\s+do)\b",
        lambda m: "show only the ones in stock" + (f" in {m.group(1)}" if m.group(1) else ""),
    ),
    # "uska size 9 hai?", "iska M milega?": is the one in hand there in that size
    (
        r"\b(?:uska|uski|iska|iski|uske|iske|is\s+ka|us\s+ka)\s+(?:size\s+)?((?:uk\s*)?\d{1,2}|xxl|xl|xs|s|m|l)"
        r"(?:\s+(?:number|no|size))?\s+(?:hai|h|he|milega|milegi|mil jayega|mil jayegi|available hai|aata hai)\b",
        r"is it available in size \1",
    ),
    # "jeans ki jagah joggers kar de", "heels hata ke flats laga do": one piece for another
    (
        r"\b(?!(?:usko|isko|use|ise|woh|wo|ye|yeh|unko|inko)\b)([a-z]+)\s+(?:ki|ke)\s+jagah\s+"
        r"(?!(?:pehla|pehli|doosra|dusra|doosri|teesra|teesri|tisra|chautha|last|first|second|third)\b)"
        r"([a-z]+(?: [a-z]+)?)\s+(?:kar|kr|laga|daal|dal)\s+"
        r"(?:do|de|dena|dijiye)\b",
        r"\2 instead of \1",
    ),
    (
        r"\b(?!(?:usko|isko|use|ise|woh|wo|ye|yeh|unko|inko)\b)([a-z]+)\s+(?:hata|hatao|nikal)\s+(?:ke|kar|kr)\s+"
        r"(?!(?:pehla|pehli|doosra|dusra|doosri|teesra|teesri|tisra|chautha|last|first|second|third)\b)"
        r"([a-z]+(?: [a-z]+)?)\s+(?:laga|daal|dal|kar|kr)\s+"
        r"(?:do|de|dena|dijiye)\b",
        r"\2 instead of \1",
    ),
    # "heels mein dance nahi hoga, flats kar do": that piece can't do, the other instead
    (
        r"\b([a-z]+)\s+(?:mein|me|main)\s+[a-z ]{0,20}?(?:nahi|nahin|nai)\s+"
        r"(?:hoga|hota|hogi|hoti|ho payega|chal payega)"
        r"\s*,?\s+([a-z]+)\s+(?:kar|kr|laga|de)\s+(?:do|de|dena|dijiye)\b",
        r"\2 instead of \1",
    ),
    # "ok chance le leti hu, add the 3rd": I'll risk it (no product taken by those words)
    (
        r"\bchance\s+(?:le|lena)\s+(?:leti|leta|lungi|lunga|lenge|rahi|raha)?\s*(?:hu|hoon|hun|hai|h)?\b",
        "i'll risk it",
    ),
    # "nahi jacket rehne do, sirf kurta ...": no, opening the message (not "nahi chahiye", "nahi aaya")
    (r"^\W*(?:nahi|nahin|nai|nhi)\b(?!\s+(?:chahiye|chaiye|aaya|aayi|aya|mila|mili|hai|h)\b)(?=\s+[a-z])", "nah,"),
    (  # "maa ke jhumke pehnungi": I'll wear my mother's (owned, none to buy)
        r"\b(?:maa|mummy|mumma|mom|didi|bhabhi|behen|sister)\s+(?:ke|ki|ka)\s+([a-z]+)\s+"
        r"(?:pehnungi|pehnunga|pehenungi|pehenunga|pehen lungi|pehen lunga|pehnu(?:n)?gi)\b",
        r"i'll wear my mom's \1",
    ),
    (  # "ye wale pasand nahi": these are not liked
        r"\b(?:ye|yeh|ye wale|yeh wale|ye wala|ye wali|yeh wali)\s+pasand\s+(?:nahi|nahin|nai)\b"
        r"(?:\s+(?:aaye|aaya|aayi|hai))?",
        "dont like these",
    ),
    (  # "shoes kuch aur dikhao": other shoes
        r"^\W*([a-z]+)\s+(?:kuch|koi)\s+(?:aur|or|dusre|dusra|dusri)\s+(?:dikhao|dikha do|batao|dikhana)\b",
        r"different \1",
    ),
    # "ye sab ladies wale bhi aa rahe hain": women's ones in the list, said as a complaint: none of those
    (
        r"\b(?:ladies|ladkiyon|ladkiyo|auraton)\s+(?:wale|wali|ke)\s+(?:bhi\s+)?(?:aa|aaa)\s+(?:rahe|rahi|raha)"
        r"(?:\s+(?:hain|hai|h))?\b",
        "no women's ones,",
    ),
    # for whom
    (r"\b(?:ladko|ladkon|mardon|gents)\s+(?:wale|wala|wali|ke|ka|ki)\b", "for men"),
    (r"\b(?:ladkiyon|ladkiyo|auraton|ladies)\s+(?:wale|wala|wali|ke|ka|ki)\b", "for women"),
    # money back
    (
        r"\b(?:paisa|paise)\s+(?:kitne\s+din\s+(?:mein|me)\s+)?wapas\s+(?:aayega|ayega|aaega|milega|aayenge)\b",
        "when will I get my refund",
    ),
    (r"\b(?:paisa|paise)\s+wapas\s+(?:milenge|milega|milegi|denge|doge)\b", "do I get my money back"),
    # a parcel late or lost: "abhi tak nahi aaya", "courier ne kho diya"
    (
        r"\b(?:abhi tak|ab tak|still)\s+(?:nahi|nahin)\s+(?:aaya|aayi|aya|ayi|pahuncha|pahunchi)\b",
        "has not arrived yet",
    ),
    # (not "fit nahi aaya toh": if it doesn't fit, read further on)
    (
        r"(?<!fit )(?<!pasand )(?<!size )\b(?:nahi|nahin)\s+(?:aaya|aayi|aya|ayi|pahuncha|pahunchi)\b",
        "has not arrived",
    ),
    (r"\b(?:kho|gum)\s+(?:diya|gaya|gayi|ho gaya|ho gayi|kar diya)\b", "lost it"),
    # the cart
    (
        r"\b(?:sab|sabhi|saara|sara|pura|poora)\s+(?:kuch\s+)?(?:hata|nikal|remove|clear)\s*"
        r"(?:do|de|dena|karo|kar do)?(?:\s+cart\s+se)?",
        "empty my cart",
    ),
    (
        r"\bcart\s+(?:mein|me|main|m)\s+(?:daal|dal|daala|dalo|daalo|add)(?:\s*(?:do|de|dena|karo|kar do|kardo))?\b",
        "add to cart",
    ),
    (  # "jeans ki jagah skirt kar do", "polo ki jagah ek checked shirt daal do": one for the other
        r"\b([a-z]+(?: [a-z]+)?)\s+ki\s+jagah\s+(?:ek\s+|koi\s+)?([a-z]+(?: [a-z]+)?)\s+"
        r"(?:kar do|kardo|krdo|daal do|dal do|dikhao|de do|lagao|chahiye|rakho)\b",
        r"swap the \1 for \2",
    ),
    # "shades bhi daal do" after a look: that kind too (added to the look when none is shown)
    (
        r"^\W*(?!(?:ye|yeh|wo|woh|isko|usko|ise|use|ek|aur)\b)([a-z]+(?: [a-z]+)?)\s+bhi\s+(?:daal|dal|add)\s*"
        r"(?:o|karo|kar do|kardo|krdo|kr do|kro|do|de)(?:\s+(?:isme|ismein|is me|is mein|look me|look mein))?"
        r"\W*$",  # the whole message ("teesra bhi daal do, ..." adds; "shoes bhi daalo isme")
        r"add \1 too",
    ),
    (r"\b(?:add|daal|dal)\s+(?:karo|kar do|kardo|krdo|kr do|kro|krna|kar dena|do|de)\b", "add it"),
    (r"\b(?:daalo|dalo|daaldo|daldo)\b", "add it"),  # "1st aur 2nd dono M me daalo"
    # "1st aur 3rd dono L me", "4th wali 2 piece L me": in that size (said at the end, or before "add")
    (r"\b(xxl|xl|xs|s|m|l)\s+(?:me|mein|main|mai|mei)\s*(?=$|[.!,]|add\b|[2-5] (?:piece|pcs|pair))", r"in \1 "),
    (r"\b(?:ruko|rukiye|ruk jao|ruk ja|thehro)\b", "wait"),  # "nahi ruko, abhi nahi": not yet
    # "nahi ek hi kaafi hai", "ek hi chahiye": just one
    (r"\b(?:ek|1)\s+(?:hi\s+)?(?:kaafi|kafi|bas|chahiye|chaiye)(?:\s+(?:hai|h|he|hoga))?\b", "just one is enough"),
    # "ek hi kar do", "do kar do yaar" (the whole message, after an add): make it that many
    (
        r"^\W*(?:(?:nahi|nahin|acha|accha|achha|ok|theek hai|chalo)\W+)?(?P<n>ek|do|teen|char|1|2|3|4)\s+"
        r"(?:hi\s+)?(?:kar|kr|rakh|rakho)\s*(?:do|de|dena|dijiye|o)?(?:\s+(?:yaar|yr|bhai|na|please|pls))*\W*$",
        lambda m: "make it " + {"ek": "1", "do": "2", "teen": "3", "char": "4"}.get(m.group("n").lower(), m.group("n")),
    ),
    # "ek aur 1st wala bhi": one more of the first
    (
        r"^\W*(?:ek|1)\s+aur\s+(?=(?:1st|2nd|3rd|[4-9]th|pehla|pehle|pehli|dusra|doosra|teesra)\b)",
        "one more of the ",
    ),
    # "2nd wala M me add krdo": in M, added ("4th wala XXL mein milega kya" stays a stock question)
    (r"\b(xxl|xl|xs|s|m|l)\s+(?:me|mein|main|mai|mei)\s+(?=add|daal|dal)", r"in \1 "),
    # "budget hata do, bas white running shoes": the budget let go of, no cart line removed
    (r"\b(?:budget|price limit)\s+(?:hata\s+(?:do|de|dena)|hatao|hata\s+ke|chhodo|chodo)\b", "forget the budget"),
    (
        r"\b(?:remove|hata|nikal|nikaal)\s+(?:karo|kar do|kardo|krdo|kr do|kro|do|de|dena)\b|\bhatao\b|\bnikalo\b|"
        r"\bnikaalo\b",
        "remove it",
    ),
    (r"\bcart\s+(?:mein|me|main)\s+(?:abhi\s+)?kya(?:\s+kya)?\s+(?:hai|h|he)\b", "show my cart"),
    # "papa ke liye le leta hu, muffler type kuch": for someone else, something else (no add)
    (
        r"\b(ke|ki)\s+liye\s+(?:le|lo)\s+(?:leta|leti|lunga|lungi|lenge)(?:\s+(?:hu|hoon|hun))?\b",
        r"\1 liye, show me",
    ),
    (r"\b(?:le|lo)\s+(?:leta|leti|lunga|lungi|lenge|lo)(?:\s+(?:hu|hoon|hun))?\b", "i'll take it"),
    (r"\b(?:total|bill)\s+(?:kitna|kitne ka|kya)\s+(?:hua|hai|h|bana)\b|\bkitna\s+hua\s+total\b", "show my cart"),
    (
        r"\b(?:iske|uske)\s+(?:upar|oopar|saath|sath)\s+(?:kya|kaunsa|konsa)\s+(?:achha|accha|acha)\s+"
        r"(?:lagega|lagegi)\b",
        "what goes with it",
    ),
    (
        r"\b(?:iske|uske)\s+(?:upar|oopar|saath|sath)\s+(?:kya|kaunsa|konsa|kaunsi|konsi|kaunse|konse)\s+(.+?)\s*"
        r"(?:achha|accha|acha|achhi|acchi)?\s*"
        r"(?:lagega|lagegi|lagenge|jachega|jachegi|jayega|jayegi|jayenge|chalega|chalenge)\b",
        r"which \1 goes with it",
    ),
    # "iske saath mojari bhi chahiye" (a whole message): mojaris to go with it
    (
        r"^\W*(?:(?:aur|and|ok|acha|accha|achha)\W+)?(?:iske|uske|is ke|us ke|inke|unke)\s+(?:saath|sath)\s+"
        r"(.+?)\s+(?:bhi\s+)?"
        r"(?:chahiye|chaiye|chahie|dikhao|dikha do|batao)\b",
        r"\1 to go with it",
    ),
    # "uske saath shirt aur chinos suggest karo": which pieces go with it (a look of them)
    (
        r"\b(?:iske|uske|is ke|us ke|inke|unke)\s+(?:saath|sath)\s+(.{3,60}?)\s+(?:suggest|recommend)\s*"
        r"(?:karo|kar do|kardo|kijiye|karna|kro)?(?:\s+na)?\b",
        r"what \1 go with it?",
    ),
    # "ek kurta aur uske saath jo bhi jaata hai": the kurta and whatever goes with it
    (
        r"\b(?:iske|uske|is ke|us ke|inke|unke)\s+(?:saath|sath)\s+jo\s+(?:bhi|kuch)\s+"
        r"(?:jaata|jata|jaaye|jaye|jayega|chalta|chalega|match kare|match karta)(?:\s+(?:hai|ho|h))?\b",
        "whatever goes with it",
    ),
    (r"\b(?:iske|uske|is ke|us ke|inke|unke)\s+(?:saath|sath)\b", "with it"),
    # "shoes bhi chahiye, uk 10" (the message's start): that kind too
    (
        r"^\W*(?!(?:ye|yeh|wo|woh|isko|usko|ise|use|ek|aur|mujhe|mere|mera)\b)([a-z]+(?: [a-z]+)?)\s+bhi\s+"
        r"(?:chahiye|chaiye|chahie|chahiye|dikhao|dikha do|dikhana)\b",
        r"\1 too",
    ),
    # "maine ek black crop top liya hai": I bought a black crop top
    (
        r"\b(?:maine|mene|mainne)\s+(?:ek\s+)?(.+?)\s+(?:liya|li|le liya|kharida|khareeda|kharidi)"
        r"(?:\s+(?:hai|h|he|tha|thi))?\b",
        r"i bought a \1",
    ),
    # "bhai ne naya navy blazer liya hai": my brother bought a navy blazer
    *(
        (
            rf"\b(?:{who})\s+ne\s+(?:ek\s+)?(?:naya|nayi|naye\s+)?(.+?)\s+"
            r"(?:liya|li|le liya|le li|kharida|kharidi)(?:\s+(?:hai|h|he|tha|thi))?\b",
            rf"{owner} has a \1",
        )
        for who, owner in (
            ("bhai|bhaiya", "my brother"),
            ("didi|behen|behan", "my sister"),
            ("papa|abbu", "my father"),
            ("mummy|ammi|maa", "my mother"),
            ("wife|biwi", "my wife"),
            ("husband|pati", "my husband"),
        )
    ),
    (r"\b(?:uske|unke|iske)\s+paas\s+(?:already\s+)?(?:hai|h|he)\b", "they already have one"),
    # "kal ek olive cargo li", "maroon kurta le liya hai": I bought it (yesterday)
    (
        r"\b(?:kal|abhi|recently)\s+(?:ek\s+)?(.+?)\s+(?:li|liya|le li|le liya|kharidi|kharida)\b"
        r"(?:\s+(?:hai|h|he|tha|thi))?",
        r"i bought a \1",
    ),
    (r"\b(?:ek\s+)?([a-z]+(?: [a-z]+)?)\s+le\s+(?:liya|li)(?:\s+(?:hai|h|he))?\b", r"i bought a \1"),
    # "white shirt hai mere paas": I have a white shirt
    (r"^(.+?)\s+(?:hai|h|he)\s+(?:mere|mera|meri|apne)\s+paas\b", r"i have \1"),
    # "mere paas maroon kurta hai": I have a maroon kurta
    (r"\b(?:mere|apne)\s+paas\s+(?:ek\s+)?([a-z]+(?: [a-z]+){0,3}?)\s+(?:hai|h|he)\b", r"i have a \1"),
    # "peter england aur arrow dono nahi": neither
    (
        r"\b([a-z]+(?: [a-z]+)?)\s+(?:aur|and|ya|or)\s+([a-z]+(?: [a-z]+)?)\s+dono\s+(?:nahi|nahin|nai|mat|nhi)\b",
        r"no \1, no \2",
    ),
    # "medium nahi large wala": not the first size, the second
    (
        r"\b(?:xxl|xl|xs|s|m|l|small|medium|large|\d{1,2})\s+(?:nahi|nahin|nai|nhi)\s+"
        r"(xxl|xl|xs|s|m|l|small|medium|large|\d{1,2})\b",
        r"size \1",
    ),
    # amounts in Hindi words: "hazaar ke aas paas", "do hazaar tak", "dedh hazaar", "paanch sau"
    (rf"\b(\d{{1,2}})\s+(?:se|say)\s+(\d{{1,2}})\s+{_THOUSAND}\b", r"\g<1>000 se \g<2>000"),  # "3 se 5 hazaar"
    (rf"\bdedh\s+{_THOUSAND}\b", "1500"),
    (rf"\b(?:dhai|dhaai|adhai)\s+{_THOUSAND}\b", "2500"),
    *[
        (rf"\b{word}\s+{_THOUSAND}\b", f"{n}000")
        for n, word in ((2, "do"), (3, "(?:teen|tin)"), (4, "(?:char|chaar)"), (5, "(?:paanch|panch)"))
    ],
    (rf"\b(?:ek\s+)?{_THOUSAND}\b", "1000"),
    *[
        (rf"\b{word}\s+sau\b", f"{n}00")
        for n, word in (
            (2, "do"),
            (3, "(?:teen|tin)"),
            (4, "(?:char|chaar)"),
            (5, "(?:paanch|panch)"),
            (6, "(?:chhe|chhah)"),
            (7, "saat"),
            (8, "aath"),
            (9, "nau"),
        )
    ],
    # prices and amounts: "800 se kam", "2000 tak", "1000 ke andar"
    (r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:se|say)\s+(?:kam|neeche|niche)\b(?:\s+(?:mein|me|main))?", r"under \1"),
    # "1500 se upar kuch nahi": nothing over it
    (
        r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:se|say)\s+(?:upar|zyada|jyada|zada)\s+(?:kuch\s+|kuchh\s+)?(?:nahi|nahin|nai|mat)\b",
        r"under \1",
    ),
    (
        r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:se|say)\s+(\d(?:[\d,.]*\d)?\s*k?)\s+(?:ke\s+)?(?:beech|bich|bech)"
        r"(?:\s+(?:mein|me|main))?\b",
        r"between \1 and \2",
    ),
    # "3-4k tak": between the two
    (r"(\d(?:[\d,.]*\d)?)\s*k?\s*-\s*(\d(?:[\d,.]*\d)?\s*k)\s+(?:ke\s+)?(?:andar|tak|tk)\b", r"\1-\2"),
    # "2k ke andar", "3k tak"; "uk 8 under 2k" is a size, then the price
    (
        r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:ke\s+)?(?:andar|andr|ander|tak|tk|under(?!\s*(?:rs\.?|₹|inr)?\s*\d))\b",
        r"under \1",
    ),
    (r"\b(\d{1,2})\s+(?:number|nambar|no)\b(?!\s*\d)", r"size \1"),  # "9 number": a shoe size
    (
        r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:(?:ke\s+)?(?:aas\s*-?\s*paas|aaspaas|lagbhag)|ke\s+(?:around|approx))\b",
        r"around \1",
    ),
    # "lagbhag 1500 ka" ("lagbhag dedh hazaar"): about that much
    (r"\b(?:lagbhag|lagbhg|takriban|taqreeban)\s+(?=\d)", "around "),
    (r"\bkitne\s+din(?:\s+(?:mein|me|main|tak))?\b", "how many days"),
    (r"\b(?:kaha|kahan|kidhar)\s+(?:hai|h|he)\b", "where is"),  # "aapka store kaha hai delhi me?"
    # "bada size mil jayega kya badle me?": an exchange for a bigger size
    (r"\b(?:badle|badli)\s+(?:me|mein|main)\b|\bexchange\s+(?:ho\s+)?(?:jayega|jaega|hoga)\b", "in exchange"),
    (r"\b(?:aapka|apka|aapki|apki|aapke|apke|tumhara|tumhari)\b", "your"),
    (r"\b(?:aake|aa\s+ke|aakar)\s+dekh\s+(?:lu|lun|loon|lenge|lunga|lungi)\b", "visit"),
    # "tag hata diya to bhi?" (after a return asked about): a return with the tag off
    (
        r"\btags?\s+(?:hata|nikal|kaat|kat)\s*(?:diya|di|diye|dia)\b(?:\s+(?:to|toh)\s+bhi)?",
        "can i return it without the tags",
    ),
    (r"\bexpress\s+(?:wala\s+|wali\s+)?(?:option|delivery)\b", "express delivery"),
    # "thoda kam price me dikhao": cheaper
    (
        r"\b(?:thoda\s+|thode\s+|thodi\s+)?kam\s+(?:price|daam|dam|rate|keemat|kimat|budget)(?:\s+(?:me|mein|main|wala|wale|wali))?\b",
        "cheaper",
    ),
    (r"\b(?:chashma|chasma|chashme|chashmah)\b", "sunglasses"),
    # "ye colours use pasand nai aayenge": other colours
    (
        r"\b(?:ye|yeh|in|inke)\s+(?:colou?rs?|rang)\s+(?:(?:use|usko|unko|mujhe|humko)\s+)?pasand\s+"
        r"(?:nahi|nahin|nai|nhi)\s+(?:aayenge|aayega|aayegi|aaye|aata|aati|aa rahe|hai|h)\b",
        "other colours",
    ),
    (r"\b(?:kuch|kuchh|koi)\s+(?:aur|dusre|doosre)\s+(?:rang|rangon)\b", "other colours"),  # "kuch aur rang dikhao"
    # "sweatshirt bhi chalega, hoodie type": that kind will do too
    (r"\b([a-z]+(?: [a-z]+)?)\s+bhi\s+(?:chalega|chalegi|chalenge|chal jayega|theek hai|thik hai)\b", r"\1 is fine"),
    # "pehle wale me se 2 nikaal do, 1 hi rakho": the first one down to one
    (
        r"\b(1st|2nd|3rd|[4-9]th|first|second|third|pehla|pehle|pehli|dusra|dusre|dusri|teesra|teesri)\s+"
        r"(?:wala\s+|wale\s+|wali\s+|one\s+)?(?:me|mein|main)\s+se\s+\d+\s+(?:nikaal|nikal|nikalo|hata|hatao|remove)"
        r"(?:\s*(?:do|de|dena|dijiye|it))?\s*,?\s*(?:bas\s+|only\s+)?(\d+)\s+(?:hi\s+)?(?:rakho|rakhna|rakh\s+do|rehne\s+do)\b",
        r"reduce the \1 one to \2",
    ),
    # "pehle wale me se 2 nikaal do": two units of the first one out
    (
        r"\b(1st|2nd|3rd|[4-9]th|first|second|third|pehla|pehle|pehli|dusra|dusre|dusri|teesra|teesri)\s+"
        r"(?:wala\s+|wale\s+|wali\s+|one\s+)?(?:me|mein|main)\s+se\s+(\d+)\s+(?:nikaal|nikal|nikalo|hata|hatao|remove)"
        r"(?:\s*(?:do|de|dena|dijiye|it))?\b",
        r"remove \2 of the \1 one",
    ),
    # "2nd wale bhi 2 pair": that one too, two of it
    (
        r"\b(1st|2nd|3rd|[4-9]th|first|second|third|pehla|pehle|pehli|dusra|dusre|dusri|teesra|teesri)\s+"
        r"(?:wala|wale|wali|one)\s+bhi\s+(\d+)(?:\s+(?:pairs?|piece|pieces|pcs))?\b",
        r"add \2 of the \1 one too",
    ),
    # "lucknow mein tuesday tak aa jayega?": will it arrive by then
    (r"\b(?:aa|a|pahunch|pahuch|pohonch)\s*(?:jayega|jaega|jayegi|jaegi|jaayega|jaaega)\b", "will it arrive"),
    # "machine mein dho sakte hai?": can it be washed in a machine
    (
        r"\b(?:machine\s+(?:mein|me|main)\s+)(?:dho|dhoo|dhul|dhula)\s*(?:sakte|sakti|sakta|skte|jayega|jayegi)?"
        r"(?:\s+(?:hai|hain|h|he))?\b",
        "wash in a washing machine",
    ),
    (r"\b(?:dho|dhoo|dhul)\s+(?:sakte|sakti|sakta|skte)(?:\s+(?:hai|hain|h|he))?\b", "can it be washed"),
    (r"\bcancel\s+(?:ho|kar)\s+(?:jayega|jaega|jayegi|sakta|sakte|sakti|payega)\b", "can I cancel"),
    (r"\breturn\s+(?:ho|kar)\s+(?:jayega|jaega|jayegi|sakta|sakte|sakti|payega|paunga)\b", "can I return it"),
    # "fit nahi hua toh ...": if it doesn't fit (said without "agar")
    (
        r"\b(fit|pasand|size)\s+(?:nahi|nahin|nai)\s+(?:hua|hui|hue|aaya|aayi|baitha|baithi)\s+(?:toh|to)\b",
        r"if it doesn't \1,",
    ),
    (r"\border\s+(?:kiya|kia|kari|kara)\s+(?:tha|thi|hai|h)\b", "placed the order"),
    (r"\b(?:galti|galati)\s+se\b", "by mistake"),
    (r"\b(?:galat|galt)\b", "wrong"),
    (r"\bagar\s+(\w+)\s+(?:nahi|nahin|nai)\s+(?:hua|hui|hue|aaya|aayi|baitha|baithi)\b", r"if it doesn't \1"),
    (r"\b(?:badal|badli|badalna|exchange)\s+(?:sakte|sakta|sakti|sakenge)\s*(?:hai|hain|h)?\b", "can change"),
    (r"\b(?:milte|milta|milti)\s+(?:hai|hain|h)\b", "do i get"),
    # "1500 ka budget hai", "3-4k ka budget": a budget, or a range of one
    (r"(\d(?:[\d,.]*\d)?\s*k?(?:\s*[-–]\s*\d(?:[\d,.]*\d)?\s*k?)?)\s+(?:ka|ki|ke)\s+budget\b", r"budget \1"),
    # "2k se 3k", "1500 se 2500 tak": from one amount to another
    (
        r"\b(\d(?:[\d,.]*\d)?\s*k?)\s+se\s+(\d(?:[\d,.]*\d)?\s*k?)\b(?:\s+(?:tak|ke beech|ke bich))?"
        r"(?!\s*(?:kam|zyada|jyada|upar|neeche|niche|kum|sasta|mehenga))",
        r"between \1 and \2",
    ),
    # "refund kab tak aayega": when will the refund come
    (
        r"\b(\w+)\s+kab\s+(?:tak\s+)?(?:aayega|ayega|aayegi|ayegi|milega|milegi|aaega|aega)\b",
        r"when will the \1 come",
    ),
    (r"\b(?:kar|ho|le|de)\s+(?:sakte|sakta|sakti|sakenge)\s*(?:hai|hain|h|he)?\b", "can"),
    # "exchange pe dobara delivery charge lagega?": is there a delivery charge again on an exchange
    (
        r"\b(\w+)\s+(?:pe|par|pr)\s+(?:dobara|dubara|phir se|fir se)\s+(.+?)\s+(?:lagega|lagegi|lagta)\b",
        r"do I pay \2 again for the \1",
    ),
    (
        r"\bkab\s+(?:tak\s+)?(?:mera\s+)?(?:paisa|paise|refund|money)\s+(?:wapas|vapas)\s+"
        r"(?:aayega|ayega|aaega|milega|aa jayega)\b",
        "when will I get my refund",
    ),
    # "kurtis chote aate hai kya": do they run small (in English, so no speller reads "chote")
    (r"\b(?:chhote|chote|chhota|chota)\b" + _RUNS, "small"),
    (r"\b(?:bade|bada|badey)\b" + _RUNS, "large"),
    (
        r"(?<!\d\s)\b(tight|loose|small|large|dheele)\s+(?:toh\s+)?(?:nahi\s+|nahin\s+)?(?:hote|hoti|hota|aate|aati)\b"
        r"(?!\s+(?:hai\s+)?(?:mujhe|muje|mere|hume))",
        r"run \1",
    ),
    (r"\b(?:dost|yaar)\s+(?:ki|ke|ka)\s+(shaadi|wedding|party|birthday)\b", r"friend's \1"),
    (
        r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:se|say)\s+(?:zyada|jyada|upar|oopar)(?:\s+(?:ka|ki|ke))?\s+(?:nahi|nahin|nai|mat)\b",
        r"under \1",
    ),
    (r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:ke|se)\s+(?:neeche|niche|andar)\b", r"under \1"),  # "2500 ke neeche"
    (r"(\d{3,}|\d+(?:\.\d+)?\s*k)\s+(?:mein|me|main)\b(?=\s*(?:$|[,.!?;]))", r"under \1"),  # "3k mein"
    (r"(\d(?:[\d,.]*\d)?\s*k?)\s+(?:se|say)\s+(?:zyada|jyada|upar|oopar)\b", r"over \1"),
    (r"\b(?:kitne|kitna|kitni)\s+(?:ka|ke|ki)\s+(?:pada|padega|padegi|hain|hai|h)\b", "how much is it"),
    (r"\b(?:ka|ki|ke)\s+(?:price|daam|rate)\s+(?:kya|kitna)\s+(?:hai|h|he|tha|thi)\b", " how much is it"),
    (r"\b(?:price|daam|rate)\s+(?:kya|kitna)\s+(?:hai|h|he|tha|thi)\b", "how much is it"),
    (r"\bkitne\s+ka\s+(?:hai|h|he)\b|\bkitne\s+ka\b|\bkitna\s+(?:hai|h|he)\b", "how much is it"),
    (r"\b(?:ka|ki|ke)\s+(?:price|daam|rate)\b", " price"),  # "teesri wali ka price?"
    (r"\bek\s+aur\s+(?:same|wahi|vahi|waisa|waisi)(?:\s+(?:wala|wali|wale))?\b", "one more of the same"),
    (r"\b([a-z]+)\s+(boring|bekar|bakwas)\s+(?:hai|h|he|hain|lag raha|lag rahi|lagta)\b", r"\1 is \2"),
    (r"\b(?:dono|donon)\s+(?:milake|mila ke|milakar|mila kar)\b", "both together"),
    # "sab mila ke 4k": 4k in total
    (
        r"\b(?:sab|sabhi|sab kuch|sabkuch)\s+(?:milake|mila ke|milakar|mila kar)\s+(\d(?:[\d,.]*\d)?\s*k?)\b",
        r"\1 in total",
    ),
    (r"\b(?:sab|sabhi|sab kuch|sabkuch)\s+(?:milake|mila ke|milakar|mila kar)\b", "in total"),
    (r"\b(?:baaki|baki|baaqi)\b", "the rest"),  # "saree chhod ke baaki dono": the other two
    (r"\b(?:dono|donon)\b", "both"),
    # order words and the list
    (r"\b(?:pura|poora|pure|poore|sab)\s+(?:ka\s+)?total\b", "the whole thing total"),
    # "pehle do add karo", "pehle teen dikhao": the first two, the first three
    (r"\b(?:pehle|pahle|pehli|pahli)\s+do\b(?=\s+(?:add|daal|dal|wale|wali|cart|bag|ko)\b)", "first two"),
    (r"\b(?:pehle|pahle|pehli|pahli)\s+teen\b(?=\s+(?:add|daal|dal|wale|wali|cart|bag|ko)\b)", "first three"),
    # "pehla aur teesra dono add kar do": the first and the third
    (r"\b(?:pehla|pehli|pehle|pahla|pahli)\b(?=\s+(?:one|wala|wali|wale|waala|waali|vala|vali|aur|ya|$))", "first"),
    # "shoes thik nahi lage, dusre dikhao", "earrings jach nahi rahe": that piece found wanting, others asked
    (
        r"\b(?:thik|theek|achhe|acche|ache|achha|accha)\s+(?:nahi|nahin)\s+(?:lage|lagi|laga|lag rahe|lag rahi)\b|"
        r"\b(?:jach|jam)\s+(?:nahi|nahin)\s+(?:rahe|rahi|raha)\b|\bpasand\s+(?:nahi|nahin)\s+(?:aaye|aayi|aaya)\b",
        "look meh",
    ),
    (r"\b(?:doosre|dusre|doosra|dusra)\s+(?:wale\s+)?(?:dikhao|dikha do|dikhado|dikhaiye)\b", "show other ones"),
    # "saree chhod ke baaki dono 2k ke andar": all but the saree
    (r"\b([a-z]+)\s+(?:chhod ke|chod ke|chhodke|chodke|chhod kar|chod kar)\b", r"except the \1"),
    (  # "usko hata ke teesra daal do": that one out of the cart, the third in
        r"\b(?:usko|isko|use|ise|unko|inko)?\s*(?:hata ke|hatake|hata kar|nikal ke|nikalke)\s+([a-z0-9]+)\s+"
        r"(?:wala\s+|wali\s+|wale\s+)?(?:daal|dal|add)\s*(?:do|de|dena|karo|kar do|kardo|it)?\b",
        r"remove it, add the \1 instead",
    ),
    (r"\b(?:usko|isko|use|ise|unko|inko)?\s*(?:hata ke|hatake|hata kar|nikal ke|nikalke)\b", "remove it and"),
    # "uske saath neeche kya pehnu": which bottoms go with it
    (
        r"\bneeche\s+(?:kya|kaunsa|konsa|kaunsi|konsi)\s+(?:pehnu|pehnoon|pehenu|pahnu|pehnun)\b",
        "which bottoms to go with it",
    ),
    (r"\b(?:doosra|doosri|dusra|dusri|doosre|dusre)\b(?!\s+(?:din|day|baar|time|hafte|week))", "second"),
    (r"\b(?:teesra|teesri|tisra|tisri|teesre|tisre)\b", "third"),
    (r"\b(?:chautha|chauthi|chouthi|chauthe)\b", "fourth"),
    (r"\b(?:paanchva|paanchvi|panchvi|paanchwa|paanchwi)\b", "fifth"),
    (
        r"\b(?:par|pe|pr)\s+(?:kya|kaun\s*sa|konsa)\s+(?:accha|acha|achha)\s+(?:lagega|lagegi|lagenge)\b",
        "what goes with it",
    ),
    (r"\b(?:cousin|cuzin|cuz)\s+(?:ki|ka|ke)\s+(\w+)", r"cousin's \1"),
    (r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|kal|parso)\s+ko\b", r"on \1"),
    (r"\b(?:pila|peela|pili|peeli)\b", "yellow"),
    (r"\b(?:lal|laal)\b(?!\s+qila)", "red"),
    (r"\b(?:neela|neeli|nila|nili)\b", "blue"),
    (r"\b(?:safed|safaid)\b", "white"),
    (r"\b(?:gulabi)\b", "pink"),
    (r"\btreadmill\s+(?:ke|k)\s+(?:liye|liya|lie)\b", "for running"),  # running shoes, no treadmill
    # "kuch ethnic chahiye jisme naach sakun": something to dance in
    (
        r"\b(?:jisme|jismein|jis\s+mein|jisme\s+main)\s+(?:naach|nach)\s+(?:sakun|sakoon|saku|sake|sakein|paun|paaun)\b",
        "to dance in",
    ),
    (r"\b(?:kala|kaala|kaali|kaale|kale)\b", "black"),  # "kala joota": black shoes
    (r"\b(?:hara|hari|hare)\b(?!\s+(?:ke|ka|ki|ne|se|ko|bhai|ji)\b)(?=\s+[a-z])", "green"),  # not Hari, a name
    (r"\b(?:bhura|bhuri|bhure)\b", "brown"),
    (r"\b(?:joota|joote|jootey|juta|jooti|jutey)\b", "shoes"),
    (r"\b(?:bhatija|bhatije|bhanja|bhanje)\b", "nephew"),
    (r"\b(?:bhatiji|bhanji)\b", "niece"),
    (r"\b(?:chhota bhai|chota bhai)\b", "little brother"),
    # "bhai ki shaadi", "didi ka birthday": a brother's or a sister's (not "bhai" said to the shopper)
    (
        r"\b(?:bhai|bhaiya)\s+(?:ki|ka|ke)\s+(?=shaadi|wedding|birthday|bday|sagai|engagement|party)",
        "my brother's ",
    ),
    # "mere aur chhote bhai ke liye": for the shopper and one other
    (
        r"\b(?:mere|apne)\s+aur\s+(?:mere\s+|meri\s+)?(?:(?:chhote|chote|bade|bde|chhoti|choti|badi)\s+)?"
        r"(?P<who>bhai|bhaiya|behen|bahen|didi|papa|mummy|wife|husband|pati|patni|beta|beti)\s+(?:ke|ki)\s+liye\b",
        lambda m: "for me and my " + _KIN.get(m.group("who").lower(), m.group("who")),
    ),
    # "main M pehenta hu aur woh L", "main XL woh M": the shopper's size (and who the shopper is), then the other's
    (
        rf"\bmain\s+(?P<size>{_SIZE})\s+(?P<verb>pehenta|pehnta|pahenta|pehenti|pehnti|pahenti)\s+(?:hu|hoon|hun|h)\b",
        lambda m: ("as a girl" if m.group("verb").lower().endswith("i") else "as a guy") + f" i'm {m.group('size')}",
    ),
    (rf"\bmain\s+(?P<size>{_SIZE})\b(?=\s*(?:,|aur\b|and\b|woh\b|wo\b|vo\b|voh\b))", r"i'm \g<size>"),
    (rf"\b(?:woh|wo|vo|voh)\s+(?P<size>{_SIZE})\b(?!\s*(?:saal|sal|years?|yrs?))", r"he's \g<size>"),
    # "ek chhota bag": a small one (not the cartoon brand "Chhota Bheem")
    # "mere bf ko red bohot pasand hai": my bf likes red
    (
        r"\b(mere|meri|mera) (bf|gf|husband|wife|boyfriend|girlfriend|pati|patni) ko ([a-z ]{1,20}?) "
        r"(?:(?:bahut|bohot|bohat|bhot|bht|kaafi|bada) )?pasand (?:hai|h|he)\b",
        r"my \2 likes \3",
    ),
    # "chhoti ki watch", "chhoti is 14": the younger sister, by the name she is called
    (r"\b(?:chhoti|choti)\b(?=\s+(?:ki|ka|ke|ko|ne|is|wants|loves|likes|needs|aur|and|n)\b|'s)", "little sister"),
    (r"\b(?:chhota|chota|chhoti|choti)\b(?!\s+(?:bheem|bhai|behen|bahen|beta|baccha|bachha))", "small"),
    # "1st wale top ke saath kaunsi jeans jayegi / achhi lagegi": which jeans go with it
    (
        r"\bke\s+(?:saath|sath)\s+(?:kaunsi|konsi|kaunsa|konsa|kaunse|konse|kya)\s+(.+?)\s+"
        r"(?:jayegi|jayega|jayenge|jaayegi|jaayenge|chalegi|chalenge|"
        r"chalega|jachega|jachegi|jachenge|(?:achhi|acchi|achha|accha|acha)\s+(?:lagegi|lagega|lagengi|lagenge))\b",
        r"which \1 go with it",
    ),
    (r"\bsa?bse\s+(?:achhe|acche|ache|achhi|acchi|badhiya)\s+(?:reviews?|ratings?)\b", "best rated"),
    (r"\b(?:kiske|kiska|kiski)(?:\s+(?:hai|hain|h))?\b", "which one"),
    (r"\b([a-z]+)\s+(?:ke|ki|ka)\s+(?:alawa|alava|siva|siwa|siwaay)\b", r"anything but \1"),  # "blue ke alawa"
    (r"\b(?:sa?bse\s+)?(?:sasta|saste|sasti)\s+(?:wala\s+|wale\s+)?(?:pehle|pahle|upar)\b", "cheapest first"),
    (r"\bsa?bse\s+(?:zyada|jyada|jada|achhi|acchi)\s+(?:rating|ratings|rated|reviews?)\b", "best rated"),
    # "uska price btao", "iska daam kya hai": the price of the one in hand
    (
        r"\b(?:uska|iska|isska|usska|uski|iski)\s+(?:price|daam|dam|rate|keemat|kimat)\s*"
        r"(?:kya\s+(?:hai|h|he)|btao|batao|bata\s+do|bta\s+do|bolo)?\b",
        "how much is it",
    ),
    # "sasta se mehenga kar do", "rating ke hisaab se sort karo", "sabse mehenge se start karo": an order
    (
        r"\b(?:sasta|saste|sasti)\s+se\s+(?:mehenga|mehnga|mehenge|mehnge|mehengi|mehngi|mehanga)\b",
        "price low to high",
    ),
    (
        r"\b(?:mehenga|mehnga|mehenge|mehnge|mehengi|mehngi|mehanga)\s+se\s+(?:sasta|saste|sasti)\b",
        "price high to low",
    ),
    (r"\b(rating|ratings|price|reviews?)\s+(?:ke\s+)?(?:hisaab|hisab|hisaabse)\s+se\b", r"by \1"),
    (
        r"\bsa?bse\s+(?:mehenge|mehnge|mehenga|mehnga|mehengi|mehngi)\s+(?:wale\s+|wali\s+)?se\s+"
        r"(?:start|shuru)(?:\s+(?:karo|kro|karna|kar do|kar de))?\b",
        "most expensive first",
    ),
    (
        r"\bsa?bse\s+(?:saste|sasta|sasti)\s+(?:wale\s+|wali\s+)?se\s+(?:start|shuru)"
        r"(?:\s+(?:karo|kro|karna|kar do|kar de))?\b",
        "cheapest first",
    ),
    (
        r"\bsa?bse\s+(?:achi|achhi|acchi|achchi|achhe|acche|ache)\s+(?:rating|ratings|rated|reviews?)\b",
        "best rated",
    ),
    (r"\bsa?bse\s+(?:sasta|saste|sasti)\b", "cheapest"),
    # "sabse mehenge wale pehle": the priciest first
    (
        r"\bsa?bse\s+(?:mehenga|mehnga|mehengi|mehngi|mehnge|mehenge)\s+(?:wale\s+|wala\s+|wali\s+)?(?:pehle|pahle|upar)\b",
        "most expensive first",
    ),
    (r"\bsa?bse\s+(?:mehenga|mehnga|mehengi|mehngi|mehnge|mehenge|mehangi|mehanga)\b", "most expensive"),
    (r"\b(?:thode|thoda|thodi|kuch)\s+(?:saste|sasta|sasti)\b", "cheaper"),  # "jhumke thode saste"
    # "kurta thoda dark chahiye", "thoda light colour": a bit darker, a bit lighter
    (r"\b(?:thode|thoda|thodi)\s+(?:dark|darker|gehra|gehre)\b", "a bit darker"),
    (r"\b(?:thode|thoda|thodi)\s+(?:light|lighter|halka|halke)\b", "a bit lighter"),
    (r"\bsa?bse\s+(?:accha|acha|achha|badhiya|best)\b", "best"),
    (r"\b(?:inme|inmein|in mein|inme se|isme|ismein)\b", "of these"),
    (r"\b(?:konsa|kaunsa|kaun sa|kon sa|konsi|kaunsi)\b", "which"),
    # "original hai na, first copy toh nahi?": is it genuine (a "first copy" is a counterfeit)
    (r"\bfirst copy\b", "fake copy"),
    (r"\b(?:original|asli|genuine)\s+(?:hai|he|h|hain)\s*(?:na|naa|kya|ki nahi)?\b", "is it original"),
    # "woh wala cart me daal do": that one (the one just answered about)
    # "brown wale bhi nhi": not brown either
    (r"\b([a-z]+)\s+(?:wale|wala|wali|waale|vale)\s+(?:bhi\s+)?(?=(?:nahi|nahin|nai|nhi|mat)\b)", r"\1 "),
    (r"\b(?:woh|wo|voh|vo|wahi|vahi)\s+(?:wala|wali|wale|vala|vali|waala|waali)\b", "that one"),
    (r"\b(?:ye|yeh|yah)\s+(?:wala|wali|wale|vala|vali|waala|waali)\b", "this one"),
    (r"\b(?:wala|wali|wale|vala|vali|waala|waali)\b", "one"),
    # taking back and turning down: "belt chhodo" is "forget the belt"
    (r"\b([a-z]+)\s+(?:chhodo|chodo|chhod do|chod do|rehne do|rehne de|cancel karo)\b", r"forget the \1"),
    (r"\b([a-z]+(?: [a-z]+)?)\s+(?:nahi|nahin|nai)\s+(?:chahiye|chahie|chaiye)\b", r"dont want \1"),
    # "silver wo pehenti nahi": she doesn't wear silver, none of it
    (
        r"\b([a-z]+)\s+(?:(?:wo|woh|vo|voh|ye|yeh|mai|main|mein|hum)\s+)?(?:kabhi\s+)?"
        r"(?:pehenti|pehenta|pehente|pehnti|pehnta|pehnte|pahenti|pahenta|pahente)\s+(?:hi\s+)?(?:nahi|nahin|nai)\b",
        r"no \1",
    ),
    # "3rd wala 2 kar do": make it two of the third
    # (not "size 9 kar do", "uk 8 kar do": a size)
    (
        r"(?<!size )(?<!uk )(?<!uk)(?<!no )(?<!number )\b([1-5]|one|two|three|four|five)\s+(?:hi\s+)?"
        r"(?:(?:kar|kr)\s+(?:do|de|dijiye|dena|dijie)|karo|kardo|karde)\b",
        r"make it \1",
    ),
    # "zyada flashy nahi": not too flashy (a tone, not a word left out)
    (r"\b(?:zyada|jyada|jada|bahut|itna)\s+([a-z]+)\s+(?:nahi|nahin|nai|mat)\b", r"not too \1"),
    (  # "kurta chahiye but printed nahi": no prints (not "no but printed")
        r"\b((?:but|and|aur|par|lekin|magar|bas|sirf)\s+)?"
        r"((?!(?:but|and|aur|par|lekin|magar|bas|sirf)\b)[a-z]+(?: [a-z]+)?)\s+"
        r"(?:nahi|nahin|nai|nhi|mat)\b(?=\s*(?:$|[,.!?;(]|pls|plz|please|yaar|bhai|na\b))",
        r"\1no \2",
    ),
    (  # "black dress mat dikhao": no dress in that colour (the dress still wanted)
        r"\b(black|white|red|blue|green|yellow|pink|grey|gray|brown|navy|maroon|purple|orange|beige|gold|silver)\s+"
        r"(?!mat\b|nahi\b)([a-z]+)\s+(?:mat|nahi|nahin|nai)\s+(?:dikhao|dikhana|dikhaiye|dikha|bhejo)\b",
        r"\2 not \1",
    ),
    (  # "white aur blue mat dikhao": neither
        r"\b([a-z]+)\s+(?:aur|ya|and|or|n)\s+([a-z]+)\s+(?:mat|nahi|nahin|nai)\s+(?:dikhao|dikhana|dikhaiye|dikha|bhejo)\b",
        r"no \1 and no \2",
    ),
    (  # "black mat dikhao": don't show black (a yoga mat is no negation)
        r"\b(?!yoga\b|exercise\b|gym\b|bath\b|door\b)([a-z]+)\s+(?:mat|nahi|nahin|nai)\s+"
        r"(?:dikhao|dikhana|dikhaiye|dikha|bhejo)\b",
        r"no \1",
    ),
    (r"\b(?:walk|chal)\s+(?:hi\s+)?(?:nahi|nahin)\s+(?:hota|hoti|pata|paati|sakti|sakta)\b", "cant walk"),
    # "colorbar ka hai koi?", "nike ke hain kya": any of that brand
    (r"\b([a-z][a-z0-9&'-]+)\s+(?:ka|ki|ke)\s+(?:(?:hai|hain|h)\s+)?(?:koi|kuch|kya)\b", r"any from \1"),
    # "kurta ke upar kuch chahiye": something to wear over the kurta (one in hand)
    (r"\b([a-z]+)\s+ke\s+(?:upar|oopar)\s+(?:kuch|koi)\b", r"something to wear over my \1,"),
    # who it is for: "ladka hu" (I'm a guy), "mere 8 saal ke bete ke liye"
    (r"\b(?:ladka|ladke)\s+(?:hu|hoon|hun|hoo)\b", "i'm a guy"),
    (r"\bladki\s+(?:hu|hoon|hun|hoo)\b", "i'm a girl"),
    (r"\b(?:ladke|ladka)\s+(?:ke|ka)\s+liye\b", "for men"),  # "aviator chahiye ..., ladke ke liye": a guy
    (r"\b(?:ladki)\s+(?:ke|ka)\s+liye\b", "for women"),
    # "roz subah daudta hoon": Hindi verbs say the speaker's gender ("-ta hoon" a man, "-ti hoon" a woman)
    (r"\b[a-z]{3,}ta\s+(?:hu|hoon|hun|hoo)\b", "for men"),
    (r"\b(?:raha|rha)\s+(?:hu|hoon|hun|hoo)\b", "for men"),  # "office join kar raha hoon"
    (r"\b(?:rahi|rhi)\s+(?:hu|hoon|hun|hoo)\b", "for women"),
    (r"\b[a-z]{3,}ti\s+(?:hu|hoon|hun|hoo)\b", "for women"),
    (r"\b(\d{1,2})\s+(?:saal|sal|years?)\s+(?:ka|ki|ke)\b", r"\1 years old"),
    (r"\b(?:bhai|bhaiya|bhaiyya|bhaisaab)\s+(?:ke|ki)\s+liye\b", "for my brother"),
    # "bhai ka bday hai": whose birthday it is, the gift theirs (a wedding's is no one to dress)
    (r"\b(?:bhai|bhaiya|bhaiyya)\s+(?:ka|ki|ke)\s+(?=bday|birthday|b'day)", "my brother's "),
    (r"\b(?:behen|behan|didi)\s+(?:ka|ki|ke)\s+(?=bday|birthday|b'day)", "my sister's "),
    (r"\b(?:mere|mera|meri|apne)\s+liye\b", "for me"),
    (r"\bjim\b(?=\s+(?:ke|ki|ka|me|mein|mai|jana|jaane|jata|jaata)\b)", "gym"),  # "jim ke liye": the gym
    (r"\s+(?:wagera|wagaira|wagairah|vagera|vagaira|vagairah)\b", ""),  # "necklace wagera": and such
    # "ek green saree li hai": bought already (a piece owned, to dress around)
    (r"\b(?:le\s+)?(?:li|liya|kharidi|kharida)\s+(?:hai|h|he|hain)\b", "already got"),
    (r"\b(?:mere|mera|meri|apne|apna)\s+(?:(?:chhote|chote|bade|bde)\s+)?(?:bhai|bhaiya)\b", "my brother"),
    (  # "pehle mummy ke liye kuch": something for mum first (Hindi puts "for" after the person)
        r"\b(?:(mere|meri|mera|apne|apni|apna)\s+)?(mummy|mumma|maa|papa|pappa|didi|behen|behan|bhabhi|dost|biwi|wife|husband|nani|dadi|nana|dada|"
        r"chacha|chachi|mausi|bua|sister|brother|friend|gf|bf|girlfriend|boyfriend|hubby|wifey|bestie|sis|bro)"
        r"\s+(?:ke|ki|ka)\s+liye\b",
        r"for \1 \2",
    ),
    (r"\b(?:bacchon|bachon|bacche|bachche|bachhon|bachho)\b", "kids"),
    (
        r"\b(?:hum|ham)\s+(\d+)\s+(?:ladke|ladkey|larke|dost)\b",
        r"we \1 guys",
    ),  # "hum 4 ladke goa ja rahe": grown men
    (r"\b(\d)\s+(?:ladke|larke)\b", r"\1 boys"),
    (r"\b(\d)\s+(?:ladkiyan|ladkiya|larkiyan)\b", r"\1 girls"),
    # "hello beta, ...", "beta mujhe ...": elders call the one they talk to "beta", no son
    # (a son spoken of stays one: "beta 7 saal ka hai", "Beta engineering ke liye hostel ja raha hai")
    (r"^\W*(?:(?:hello|hi|haan|arre|acha|ok)\W+)(?:bete|beta)\b[,!\s]*", ""),
    (
        r"^\W*(?:bete|beta)\s*(?:[,!]+\s*|(?=(?:mujhe|mujhko|main|mai|hum|humein|zara|please|pls|i|can|could)\b))",
        "",
    ),
    (r"\b(?:bete|beta)\b", "son"),
    (r"\b(?:beti|bitiya)\b", "daughter"),
    (r"\b(?:ghadi|ghadiyan|ghadiya|ghari)\b", "watch"),  # not "khadi", the nearest catalog word
    (r"\b(?:milti|milta|milte)\s+(?:hain|hai|h|he)\b", "do you have"),  # "zara ki dresses milti hain"
    (r"\b(?:yaha|yahan|idhar)\b", "here"),
    (r"\bpakka\b", "final"),  # "1st wala pakka": that one, decided
    # "kal jeans mangayi thi, chhoti aa gayi. exchange ho jayegi?": an order that came, a question of the store
    (r"\b(?:mangayi|mangaya|mangwaya|mangwayi|mangwai|mangai)\s+(?:thi|tha|the)\b", "i ordered"),
    (r"\b(?:aa|aayi|aaya|aai)\s+(?:gayi|gaya|gaye|gai)\b", "came"),
    (r"\b(?:ho\s+(?:jayegi|jayega|jaegi|jaega|sakti|sakta)(?:\s+(?:hai|h))?)\s*\?", "is it possible?"),
    (r"\b(?:mummy|mumma|maa|mummyji|amma|ammi)\b", "mother"),
    (r"\b(?:abbu|abba|abbajaan|abbu jaan)\b", "father"),
    (r"\b(?:unka|unki|unke|uska|uski|uske)\s+(?=size\b)", "their "),  # "unka size XL hai"
    (r"\b(?:pehenungi|pehnungi|pahenungi|pehnoongi|pehenna hai mujhe)\b", "will wear for women"),
    (r"\b(?:kya|kaise)\s+(?:pehnu|pehnoon|pehenu|pahnu|pehne|pehnein)\b", "what should i wear"),  # "kya pehnu?"
    (r"\b(?:papa|pappa|papaji|pitaji)\b", "father"),
    (r"\b(?:biwi|patni)\b", "wife"),
    (r"\b(?:pati|pati dev)\b", "husband"),
    (r"\b(?:didi|behen|behan)\b", "sister"),
    (r"\b(?:mere|meri|mera|apne|apni|apna)\b", "my"),
    (r"\bke\s+liye\b|\bki\s+liye\b|\bkeliye\b", "for"),
    # "black me milega?": does it come in black
    (r"\b([a-z]+)\s+(?:me|mein|main)\s+(?:milega|milegi|milenge|mil jayega|mil jayegi)\b", r"come in \1"),
    (r"\b(?:milega|milegi|milenge)\b", "do you have"),
    # postpositions after their noun: "green mein" is "in green", "same colour mein" "in the same colour"
    (r"\b(?:same|usi|wahi|wohi)\s+(colou?r|rang)\s+(?:mein|me|main)\b", r"in the same \1"),
    (r"\bsecret santa (?:mein|me|main)\b", "for secret santa"),
    # "9 mein daal", "M mein daal do": add it in that size
    (
        r"\b((?:uk\s*)?\d{1,2}|xxl|xl|xs|s|m|l)\s+(?:mein|me|main)\s+(?:daal|dal|daalo|dalo|add)"
        r"(?:\s+(?:do|de|dena|kar do|karo|kardo))?\b",
        r"add it in size \1",
    ),
    # "pehle 2 dono M mein": the first two
    (r"\b(?:pehle|pahle|pehli|pahli)\s+(?:2|do)\s+(?=(?:dono|donon|both)\b)", "first two "),
    (r"\b([a-z]+)\s+mein\b", r"in \1"),
    # "pehle wale ke saath kaunse earrings jachenge": which earrings go with the first one
    (
        r"\b((?:first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th)) one|[a-z]+)\s+ke\s+(?:saath|sath)\s+"
        r"(?:kaunse|kaun se|kon se|konse|kaunsa|konsa|kaunsi|konsi)\s+([a-z ]+?)\s+"
        r"(?:jachenge|jachega|jachegi|jamenge|jamega|jamegi|achhe lagenge|acche lagenge|suit karenge)\b",
        r"which \2 would go with the \1",
    ),
    # "1st wale ke saath": with the 1st one
    (
        r"\b((?:first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th)) one|(?<![a-z-])[a-z]+(?:-[a-z]+)?)"
        r"\s+ke\s+(?:saath|sath)\b",
        r"with the \1",
    ),
    (r"\b(?:kaunse|kaun se|kon se|konse|kaunsa|konsa|kaunsi|konsi)\b", "which"),
    (r"\b(?:jachenge|jachega|jachegi|jamenge|jamega|jamegi|suit karega|suit karegi|suit karenge)\b", "would go"),
    (r"\bkaise\s+(choose|select|pick|decide|measure)\s+(?:karun|karu|karoon|karein|karen|kare)\b", r"how do i \1"),
    (r"\b(?:kapde|kapda|kapdey|kapre|kapra)\b", "clothes"),
    # "farewell pe kuch dena hai", "kya du": something to give, a gift
    (r"\b(?:kya|kuch) (?:du|doon|dun|de sakta|de sakti|dena chahiye)\b", "what should i gift"),
    (r"\b(?:dena|deni|dene) (?:hai|h|he|tha)\b", "to gift"),
    (r"\b(?:halke|halka|halki)\b", "light"),
    (r"^\W*(?:aur|or|kuch aur)\s+(?:dikhao|dikhaiye|dikha do|dikhado|batao)\W*$", "show more"),
    (r"\b(?:yahi|yehi|yahi wala|yahi wali)\b", "this one"),
    (r"\b(?:naya|nayi|naye)\b", "new"),
    (r"(?<=\w)\s+ya\s+(?=\w)", " or "),  # "tee ya shirt"
    # verbs of wanting and showing
    (r"\b(?:my\s+)?(cart|basket)\s+(?:dikhao|dikha do|dikhado|dikhaiye|dikha)\b", r"show my \1"),  # "cart dikhao"
    (r"\b(?:dikhao|dikha do|dikhado|dikhaiye|dikhana)\b", "show"),
    (
        r"\bdikha(?:\s+(?:na|naa|de))?\b(?!\s+(?:rahe|raha|rahi|diya|diye|sakte|sakta))",
        "show",
    ),  # "black mein dikha na"
    (r"\b(?:usko|isko|unko|inko)\s+add to cart\b", "add it to cart"),  # "usko cart me dal do"
    (r"\b(?:usko|isko|unko|inko)\s+add\b", "add it"),
    (r"\b(?:lena|leni|lene|chahiye|chahie|chaiye|chahta|chahti)(?:\s*(?:hai|h|he|tha|thi))?\b", "want"),
    (r"\b([a-z]+)\s+(?:ka|ki|ke)\s+(?:kuch|kuchh)\b", r"something by \1"),  # "puma ka kuch": by puma
    # "kuch aur colours?", "koi aur colour": other colours
    (r"\b(?:kuch|kuchh|koi) (?:aur|or|dusre|doosre|dusra|doosra)\b", "other"),
    # "koi bhi colour chalega": any colour is fine (no thing asked)
    (
        r"\bkoi\s+(?:bhi\s+)?(colou?r|size|brand|design|print)\s+(?:chalega|chalegi|chalenge|chal jayega)\b",
        r"any \1 is fine",
    ),
    (r"\b(?:kuch|kuchh)\b", "something"),
    (r"\bbakwas\b", "bad"),
    (r"\b(?:sirf|bas)\b", "only"),
    (r"\b(?:aur|or bhi)\b", "and"),
    (r"\b(?:acha|accha|achha|theek hai|thik hai|ok ji)\b", "ok"),
    (r"\b(?:yaar|yar|bhai|bhaiya|ji|na|toh|to bhi|hi|bhi)\b(?!\s*\d)", " "),
    (r"\b(?:hai|hain|h)\b", " "),
    # "un dono me se jo sasta hai woh" (read so far "un both me se jo cheaper woh"): the cheaper of the two
    (
        r"\b(?:un|in|inn|unn)?\s*both\s+(?:me|mein|main|mai)\s+se\s+(?:jo\s+)?(?:sasta|saste|sasti|cheaper)"
        r"(?:\s+(?:woh|wo|vo|wala|wali))?\b",
        "the cheaper of the two",
    ),
    # "1st wala 3 pair daal do" (read so far "1st one 3 pair add it"): three of the first
    (
        r"\b(1st|2nd|3rd|[45]th|first|second|third|fourth|fifth)\s+(?:wala|wali|wale|vala|one)\s+"
        r"([2-9])\s+(pairs?|pieces?|pcs)\s+(?:add it|add|daal do|dal do|de do)\b",
        r"add \2 \3 of the \1 one",
    ),
]
_RULES: list[tuple[re.Pattern[str], _Replacement]] = [(re.compile(p, _I), r) for p, r in _RULE_TEXTS]
# Hindi words shoppers mix in: a message with none is left exactly as typed, and the
# spelling corrector never turns one into a catalog word ("kitne" is no "kitten").
HINDI_WORDS = frozenset(
    "dena deni dene doon dun badlo badal alag dusre doosre "
    "saath sath kaunse konse kaunsa jachenge jachega jachegi kapde kapda halke halka halki karun "
    "mein kya bhej bhejo bhejdo bhejna bhejiye bhejde thand thandi baarish barish shuru roz subah gayi "
    "wala wali wale vala vali waala daal dalo daalo karo kardo chahiye chahie chaiye nahi nahin kitna "
    "sakte sakta sakti din aas paas aaspaas lagbhag dost "
    "kitne kitni sabse konsa kaunsa konsi kaunsi inme inmein isme dikhao dikhado chhodo chodo saal bete beta beti "
    "mere meri mera liye keliye kuch kuchh sirf yaar hatao nikalo andar lena leni acha accha achha hua mujhe "
    "didi bhaiya bhai haan theek thik bhi aur sasta saste sasti mehenga mehnga batao jaisa jaisi tak hai "
    "abhi bakwas kaise karte karna kahan wapas paas leta leti hoon dekho dikha chalega bilkul thoda zyada "
    "bahut matlab shaadi iske uske saath sath sab sabhi hata milega milegi milenge pura poora teesri teesra "
    "dusri dusra doosri doosra chauthi paanchvi pehli pehla lagega bhatije bhatija bhanja bhatiji bhanji maine "
    "mene liya kharida jayegi jayega amma ammi kiske kiska kiski lagengi alawa alava jaana pehenne pehnna "
    "ladka ladki ladke rahi raha rahe pehle aaya aayi bada badi bade shaukeen shauk pehenta pehenti pehnta pehnti "
    "koi dusre samajh kaisa kaisi pasand lagta lagti hoga hogi jayenge karunga karungi chalo abbu abba unka unki "
    "pada padega neeche niche dono milake jachega jachegi yahi yehi naya nayi naye pehenungi pehnungi upar "
    "dikhana ya ne agar badal milte dobara dubara lagega paisa paise hote hoti hota beech bich andr ander nambar "
    "jata jaata jati jaati ganda gandi cuzin pila peela neela safed gulabi kala kaala kaali joota joote juta "
    "bhura jisme jismein naach nach sakun sakoon ko kiya kia galti galat gaya jayega "
    "jaega baad nikla nikli usko isko dena rahega rahegi shayad lu jaldi bacchon bachon bacche bachche ladkiyan "
    "ho ghar kadak ladke itna karu karoon unke unki unka inke inki inka mandir jaana jaise lag waale waali thode "
    "wahi wohi vahi "
    "thodi sabka sabki sabke alag hazaar hazar hajar hajaar dedh dhai dhaai sau uska uski uske btao sbse "
    "badle badli mangayi mangwayi baat nhi karta karti kaha aake baar kamar hamesha skta gaye kiye rang "
    "chashma chasma mehngi "
    "jyada nai hisaab hisab milti milta yaha yahan pakka ghadi ghari mangayi mangaya mangwaya mehenge mehnge".split()
)
_COLOUR_WORDS = "|".join(
    re.escape(c) for c in sorted((c for c in COLOURS if c.isascii() and " " not in c), key=len, reverse=True)
)
# Bengali and Tamil as typed in Latin letters ("amar jonno sobcheye sosta sneakers dekhao",
# "oru brown belt venum, 800 kulla"): their shopping words in English, the product words kept.
_BENGALI_TAMIL_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, _I), r)
    for p, r in [
        (r"\b(\d+(?:\.\d+)?\s*k?)\s+(?:er\s+)?(?:moddhe|modhe|bhitore|kulla|kulle|ulla|kulle)\b", r"under \1"),
        (r"\b(\d+(?:\.\d+)?\s*k?)\s+(?:er\s+)?(?:beshi|besi)\s+(?:na|noy)\b", r"not more than \1"),
        (
            r"\b(\d+(?:\.\d+)?\s*k?)\s+(?:er\s+)?(?:aashepaashe|ashepashe|aashpash|kachakachi|moto|kitta)\b",
            r"around \1",
        ),
        (rf"\b(?:kintu\s+)?({_COLOUR_WORDS})\s+(?:na|noy|chai\s+na|venam|vendam)\b", r"not \1"),
        (r"\blaptop\s+(?:dhukbe|dhorbe|dhuke\s+jabe|aatum|pogum|podum)\b", "laptop bag"),
        (r"\b(?:hole\s+bhalo\s+hoy|hole\s+bhalo|irundha\s+nalladhu)\b", " "),
        (r"(?<=\w)\s+(?:ba|othoba)\s+(?=\w)", " or "),
        (r"\bsobcheye\s+(?:sosta|shosta|kom\s+dami)\b", "cheapest"),
        (r"\bsobcheye\s+(?:dami|beshi\s+dami)\b", "most expensive"),
        (r"\brating\s+sobcheye\s+bhalo\b|\bsobcheye\s+bhalo\s+rating\b", "best rated"),
        (r"\b(?:ektu\s+)?kom\s+dame\b", "cheaper"),
        (
            r"\bcart\s+(?:e|la)\s+(?:add\s+)?(?:kore\s+)?(?:dao|daw|din|podunga|podu|podungo|pannunga|pannu)\b",
            "add to cart",
        ),
        (r"\b(?:bhai|bhaier|dada|dadar)\s*(?:er|r)?\s+jonno\b", "for my brother"),
        (r"\b(?:bon|boner|didi|didir)\s*(?:er|r)?\s+jonno\b", "for my sister"),
        (r"\b(?:baba|babar)\s*(?:er|r)?\s+jonno\b", "for my father"),
        (r"\b(?:ma|maa|mayer)\s*(?:er|r)?\s+jonno\b", "for my mother"),
        (r"\b(\w+)\s+e\s+niye\s+(?:jabe|jabo|jaabe|jaabo)\b", r"for \1"),
        (r"\bamar\s+(?:bon|didi|boudi)\b", "my sister"),
        (r"\bamar\s+(?:bhai|dada)\b", "my brother"),
        (r"\bfor\s+baba\b", "for my father"),
        (r"\bamar\s+baba\b", "my father"),
        (r"\bamar\s+(?:ma|maa)\b", "my mother"),
        (r"\bamar\s+jonno\b|\b(?:enakku|enaku)\b", "for me"),
        (r"\bamar\b", "my"),
        (r"\b(?:oitai|oita|seta|athu|adhu)\b", "that one"),
        (r"(?<=\w)\s+um\b", " and"),
        (r"\bami\s+(?:chhele|chele)\b", "i am a guy"),
        (r"\bami\s+(?:meye|maye)\b", "i am a girl"),
        (r"\b(?:anna|thambi)\s*ku\b", "for my brother"),
        (r"\b(?:akka|thangachi)\s*ku\b", "for my sister"),
        (r"\bamma\s*ku\b", "for my mother"),
        (r"\bappa\s*ku\b", "for my father"),
        (r"\bgents\s*ku\b", "for men"),
        (r"\bladies\s*ku\b", "for women"),
        (r"\b(first|second|third|1st|2nd|3rd)\s+ah\b", r"the \1 one"),
        (r"\b(?:dekhao|kaatunga|kaattu|kamichu)\b", "show me"),
        (r"\b(?:venum|vendum|lagbe)\b", "want"),
        (r"\bmattum\b", "only"),
        (r"\b(\d+)\s+number\s*(?:ta|ti)\b", r"number \1"),
        (r"\b(?:dam\s+)?koto\b", "how much"),
        (r"\b(?:oru|ekta)\b", "a"),
        (r"\brendu\b", "two"),
        (r"\b(?:kichu|edhavadhu)\b", "something"),
        (r"\b(?:ar|aar)\b", "and"),
        (r"\b(?:erokom|emon)\b", " "),
    ]
]
BENGALI_TAMIL_WORDS = frozenset(
    "moddhe modhe bhitore kulla kulle ulla sobcheye sosta shosta dami dame kore dao daw din podunga podu podungo "
    "pannunga pannu amar jonno enakku enaku ami chhele chele meye maye anna thambi akka thangachi ku ah dekhao "
    "kaatunga kaattu kamichu venum vendum lagbe mattum oru ekta rendu kichu edhavadhu podhum bhalo bon boudi baba "
    "oitai oita seta athu adhu koto beshi besi aashepaashe ashepashe kachakachi kintu dhukbe hole othoba niye jabe "
    "jabo erokom emon jonno".split()
)
_HINDI_MARKERS = re.compile(
    r"\b("
    + "|".join(sorted(HINDI_WORDS))
    + r"|se kam|dal do|kar do|kar de|jagah|laga do|hata do|hata ke|ke under|ke around)\b",
    _I,
)
_BENGALI_TAMIL_MARKERS = re.compile(r"\b(" + "|".join(sorted(BENGALI_TAMIL_WORDS - {"ku", "ah", "din"})) + r")\b", _I)


def to_english(message: str) -> str:
    """The message with its Hinglish, Bengali or Tamil shopping words in English; unchanged
    when it has none."""
    text, read = message, False
    # Bengali and Tamil first: Hindi drops "bhai" and "na" as fillers, where "bhai er jonno" is
    # "for my brother" and "black na" is "not black"
    for markers, rules in ((_BENGALI_TAMIL_MARKERS, _BENGALI_TAMIL_RULES), (_HINDI_MARKERS, _RULES)):
        if markers.search(text):
            read = True
            for pattern, replacement in rules:
                text = pattern.sub(replacement, text)
    return " ".join(text.split()) if read else message
