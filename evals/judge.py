"""An LLM judge of faithfulness in the RAGAS sense: the judge model reads the facts the
turn's tools returned (the shown products' current catalog records) and the answer,
splits the answer into factual claims and says which the facts support. Score = supported
claims / claims. It complements the structured claim checks (exact prices, sizes,
colours) with whatever they do not parse (e.g. "a breathable cotton shirt"), and it is
only as good as the judge model: with the local 1.5B model it is a noisy signal, which
is why the gate thresholds stay on the structured metric."""

from __future__ import annotations

import json
import re
from typing import Any

from catalog import ProductRecord

_JUDGE_PROMPT = """You check a shop assistant's answer against the catalog facts.
List every factual claim the answer makes about products, prices, discounts, colours, sizes or stock,
and for each say whether the FACTS support it. Reply with JSON only:
{"claims": [{"claim": "...", "supported": true}]}
If the answer makes no factual claim, reply {"claims": []}.

FACTS:
{facts}

ANSWER:
{answer}"""

_FACT_FIELDS = ("title", "price", "list_price", "discount_pct", "colour", "gender", "article_type", "sizes_in_stock")


def _facts(products: list[ProductRecord]) -> str:
    return (
        "\n".join(json.dumps({k: getattr(p, k) for k in _FACT_FIELDS}, ensure_ascii=False) for p in products[:5])
        or "(no products)"
    )


def _claims(text: str) -> list[dict[str, Any]] | None:
    match = re.search(r"\{.*\}", text, re.DOTALL)
    if not match:
        return None
    try:
        claims = json.loads(match.group(0)).get("claims")
    except (json.JSONDecodeError, AttributeError):
        return None
    return [c for c in claims if isinstance(c, dict) and "supported" in c] if isinstance(claims, list) else None


# The reply's shape, sent as OpenAI's ``response_format`` (json_schema): servers that
# support it (``atelier llm serve`` turns it into a llama.cpp grammar) can only produce a
# parsable verdict; a small model left free wrote prose or truncated JSON instead.
VERDICT_SCHEMA = {
    "type": "object",
    "properties": {
        "claims": {
            "type": "array",
            "maxItems": 10,
            "items": {
                "type": "object",
                "properties": {"claim": {"type": "string", "maxLength": 160}, "supported": {"type": "boolean"}},
                "required": ["claim", "supported"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["claims"],
    "additionalProperties": False,
}


class FaithfulnessJudge:
    """Asks an OpenAI-compatible model (LangChain ``ChatOpenAI``) to judge one answer."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout_s: float = 300) -> None:
        from langchain_openai import ChatOpenAI

        self.model = ChatOpenAI(
            base_url=base_url,
            api_key=api_key,
            model=model,
            temperature=0,
            max_retries=1,
            timeout=timeout_s,
            max_tokens=600,
        ).bind(
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "verdict", "schema": VERDICT_SCHEMA, "strict": True},
            }
        )
        self.unparsed = 0

    def judge(self, answer: str, products: list[ProductRecord]) -> tuple[int, int] | None:
        """(supported, total) claims, or None when the judge's reply was not usable JSON."""
        prompt = _JUDGE_PROMPT.replace("{facts}", _facts(products)).replace("{answer}", answer[:1500])
        try:
            claims = _claims(str(self.model.invoke(prompt).content))
        except Exception:  # noqa: BLE001 - a judge that errs or times out scores nothing, the eval goes on
            claims = None
        if claims is None:
            self.unparsed += 1
            return None
        return sum(bool(c["supported"]) for c in claims), len(claims)
