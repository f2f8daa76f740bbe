"""``store_info``: answers to non-product questions ("can I return sale items?", "how do
your kurtas run?") from the demo store's own policy and help documents
(``tools/store_docs/*.md``), chunked by section and indexed in a second Qdrant
collection with the same hybrid retrieval as products. Answers quote the passage used."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel

from config import ErrorCode
from retrieval.embedding import SparseEncoder, TextEmbedder
from retrieval.stores import FilterSpec, IndexPoint, Leg, VectorStore
from tools.errors import ToolError

DOCS_DIR = Path(__file__).with_name("store_docs")


class Passage(BaseModel):
    doc: str
    section: str
    text: str
    score: float


class StoreAnswer(BaseModel):
    question: str
    answer: str
    passages: list[Passage]


def load_passages(docs_dir: Path = DOCS_DIR) -> list[dict]:
    """One passage per ``## section`` of every document, with its document title."""
    passages = []
    for path in sorted(docs_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M)
        doc = title.group(1).strip() if title else path.stem
        for block in re.split(r"^## ", text, flags=re.M)[1:]:
            heading, _, body = block.partition("\n")
            passages.append({"doc": doc, "section": heading.strip(), "text": " ".join(body.split())})
    return passages


def _point_id(passage: dict) -> int:
    return int.from_bytes(hashlib.sha256(f"{passage['doc']}/{passage['section']}".encode()).digest()[:7], "little")


class StoreInfo:
    def __init__(self, store: VectorStore, embedder: TextEmbedder, sparse: SparseEncoder | None = None) -> None:
        self.store = store
        self.embedder = embedder
        self.sparse = sparse or SparseEncoder()
        self._synced = False

    def index(self, docs_dir: Path = DOCS_DIR) -> int:
        """(Re)index the documents; only changed passages are re-embedded."""
        passages = load_passages(docs_dir)
        indexed = self.store.payload_hashes()
        todo = [p for p in passages if indexed.get(_point_id(p)) != _hash(p)]
        if todo:
            self.store.ensure_collection(self.embedder.dim)
            texts = [f"{p['doc']}: {p['section']}. {p['text']}" for p in todo]
            dense = self.embedder.embed_documents(texts)
            self.store.upsert(
                [
                    IndexPoint(
                        _point_id(p), dense[i].tolist(), self.sparse.document(texts[i]), {**p, "content_hash": _hash(p)}
                    )
                    for i, p in enumerate(todo)
                ]
            )
        stale = set(indexed) - {_point_id(p) for p in passages}
        self.store.delete(sorted(stale))
        return len(todo)

    def ask(self, question: str, k: int = 3) -> StoreAnswer:
        question = (question or "").strip()
        if not question or len(question) > 500:
            raise ToolError(ErrorCode.invalid_question, "Ask a question of 1 to 500 characters.")
        if not self._synced:  # once per process: pages edited since the last run are re-indexed
            self.index()
            self._synced = True
        searched = _in_english(question)
        hits = self.store.query(
            list(self.embedder.embed_query(searched)), self.sparse.query(searched), FilterSpec(), k, leg=Leg.hybrid
        )
        passages = [
            Passage(doc=h.payload["doc"], section=h.payload["section"], text=h.payload["text"], score=round(h.score, 4))
            for h in hits
        ]
        if not passages:
            raise ToolError(ErrorCode.no_answer, "I could not find that in the store's help pages.")
        used = [passages[0]] + [p for p in passages[1:2] if _completes(question, passages[0], p)]
        answer = " ".join(f'{p.text} (from "{p.doc} — {p.section}")' for p in used)
        return StoreAnswer(question=question, answer=answer, passages=passages)


# The store's help pages are English: a Chinese question's key words, in the pages' words.
_ZH_STORE_WORDS = {
    "退货": "return",
    "退款": "refund",
    "多久": "how long",
    "几天": "days",
    "发货": "ship",
    "快递": "delivery",
    "配送": "delivery",
    "运费": "delivery charge",
    "货到付款": "cash on delivery",
    "换货": "exchange",
    "换尺码": "size exchange",
    "尺码表": "size chart",
    "尺码": "size",
    "付款": "payment",
    "支付": "payment",
    "分期": "EMI",
    "洗": "wash care",
    "优惠券": "coupon",
}


def _in_english(question: str) -> str:
    """The question with the help pages' English words for its Chinese key words."""
    words = [english for zh, english in _ZH_STORE_WORDS.items() if zh in question]
    return f"{question} ({' '.join(words)})" if words else question


def _completes(question: str, best: Passage, other: Passage) -> bool:
    """Whether the runner-up passage belongs in the answer too: another section of the same
    document ("return policy" -> the window and how to return), or the one that holds a
    phrase of the question the best passage lacks ("cash on delivery")."""
    if other.doc == best.doc:
        return True
    words = re.findall(r"[a-z]+", question.lower())
    phrases = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return any(p in other.text.lower() and p not in best.text.lower() for p in phrases)


def _hash(passage: dict) -> str:
    return hashlib.sha256(passage["text"].encode()).hexdigest()[:32]
