"""``atelier build query-encoder``: export the local MiniLM to ONNX and quantise its weights
to int8, offline, into ``models/query-encoder/``.

Why per-channel int8 (dynamic: activations quantised at run time): it halves the fp32
ONNX model's time on one core and keeps the vectors at cosine ~0.99 to torch's, where
per-tensor int8 drops to ~0.92-0.97 on some queries (measured, docs/journal.md)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np

from retrieval.embedding import TextEmbedder
from retrieval.model_files import resolve_model_path
from retrieval.query_encoder import (
    MANIFEST_FILE,
    MODEL_FILE,
    OnnxQueryEncoder,
    QueryEncoderManifest,
    file_sha256,
)

OPSET = 17
# Shoppers' phrasings the built file is checked on against torch's vectors.
CHECK_QUERIES = [
    "navy shirt for men under 1500",
    "red dress not black",
    "something for a beach holiday",
    "formal shoes size 9 under 3000",
    "women's casual white sneakers with laces",
    "watch",
    "kurta for a wedding",
    "200元以内的红色连衣裙",
    "sports bra",
    "Puma Men Black Running Shoes",
]


def _export_fp32(text_model: str, out: Path) -> None:
    """The transformer (token states out); pooling and normalising stay in numpy."""
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(resolve_model_path(text_model)).eval()

    class TokenStates(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    ids = torch.ones(1, 8, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(
        TokenStates(),
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(out),
        input_names=names,
        output_names=["last_hidden_state"],
        dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]},
        opset_version=OPSET,
        dynamo=False,
    )


def build_query_encoder(text_model: str, out_dir: Path) -> QueryEncoderManifest:
    """Export, quantise, check against torch, and write the model file and its manifest."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="atelier-query-encoder-") as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        _export_fp32(text_model, fp32)
        quantize_dynamic(
            str(fp32),
            str(out_dir / MODEL_FILE),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": 1},  # FLOAT, for outputs shape inference leaves untyped
        )
    reference = TextEmbedder(text_model).embed_documents(CHECK_QUERIES)
    provisional = QueryEncoderManifest(
        text_model=text_model,
        dim=int(reference.shape[1]),
        opset=OPSET,
        quantisation="int8 weights per channel, dynamic activations (onnxruntime quantize_dynamic)",
        onnx_sha256=file_sha256(out_dir / MODEL_FILE),
        mean_cosine_to_source=0.0,
        min_cosine_to_source=0.0,
    )
    (out_dir / MANIFEST_FILE).write_text(provisional.model_dump_json(indent=1))
    encoder = OnnxQueryEncoder(out_dir, text_model)
    cosines = np.array([float(encoder.embed(q) @ reference[i]) for i, q in enumerate(CHECK_QUERIES)])
    manifest = provisional.model_copy(
        update={
            "mean_cosine_to_source": round(float(cosines.mean()), 4),
            "min_cosine_to_source": round(float(cosines.min()), 4),
        }
    )
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest.model_dump(), indent=1) + "\n")
    return manifest
