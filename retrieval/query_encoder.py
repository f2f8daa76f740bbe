"""The query encoder: the documents' MiniLM, run by ONNX Runtime with int8 weights on one
core.

Why: the torch MiniLM took ~80% of a search (9.6 ms of 11.6 ms). This is the same network
(exported from the same local weights by ``atelier build query-encoder``), so its vectors
live in the documents' vector space (cosine ~0.99 to torch's): the catalog is not
re-embedded, and the index's vectors stay those of ``Settings.text_model``. The file's
manifest names the model it was exported from; an encoder built from another model than
the one that embedded the documents is refused, not silently used."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel

from config import AtelierError, ErrorCode

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "models" / "query-encoder"
MODEL_FILE = "model-int8.onnx"
MANIFEST_FILE = "manifest.json"
MAX_TOKENS = 256  # MiniLM's max_seq_length (sentence-transformers truncates there too)


class QueryEncoderManifest(BaseModel):
    """What a built encoder file is: the model it was exported from and how."""

    text_model: str
    dim: int
    opset: int
    quantisation: str
    onnx_sha256: str
    mean_cosine_to_source: float
    min_cosine_to_source: float


class QueryEncoderError(AtelierError):
    """The configured query encoder cannot be used (missing, or made from another model)."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.model_unavailable, message)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path, text_model: str) -> QueryEncoderManifest:
    """The manifest of the encoder in ``folder``, checked against the documents' model."""
    manifest_path = folder / MANIFEST_FILE
    if not (folder / MODEL_FILE).is_file() or not manifest_path.is_file():
        raise QueryEncoderError(f"no query encoder in {folder}: run `atelier build query-encoder`")
    manifest = QueryEncoderManifest.model_validate_json(manifest_path.read_text())
    if manifest.text_model != text_model:
        raise QueryEncoderError(
            f"the query encoder in {folder} was exported from {manifest.text_model!r}, but the documents are "
            f"embedded with {text_model!r}: run `atelier build query-encoder`"
        )
    return manifest


class OnnxQueryEncoder:
    """Normalised MiniLM sentence vectors for short texts, one at a time, on ``threads``
    cores (mean pooling over tokens, as the sentence-transformers model does)."""

    def __init__(self, folder: Path, text_model: str, threads: int = 1) -> None:
        self.folder = folder
        self.text_model = text_model
        self.threads = threads
        self.manifest = read_manifest(folder, text_model)  # fail at start-up, not on the first query
        self._session: InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return self.manifest.dim

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from retrieval.model_files import resolve_model_path

        tokenizer = Tokenizer.from_file(str(Path(resolve_model_path(self.text_model)) / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(self.folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizer

    def _loaded(self) -> tuple[Tokenizer, InferenceSession]:
        """The tokenizer and the ONNX session, loaded on first use (~0.2 s)."""
        with self._lock:
            if self._session is None or self._tokenizer is None:
                self._load()
        assert self._tokenizer is not None and self._session is not None
        return self._tokenizer, self._session

    def count_tokens(self, text: str) -> int:
        return len(self._loaded()[0].encode(text, add_special_tokens=False).ids)

    def embed(self, text: str) -> np.ndarray:
        tokenizer, session = self._loaded()
        encoding = tokenizer.encode(text)
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        hidden = np.asarray(session.run(None, feeds)[0])[0]
        vector = hidden.mean(axis=0)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)
