"""The CLI's photo parts: filling photo vectors during ``atelier ingest`` and
``atelier search --image``. Kept apart so ``cli/main.py`` only wires them in."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from catalog import CatalogDB
from config import ErrorCode, Settings
from retrieval import ProductSearch, SearchResponse
from retrieval.image_index import Progress as ProgressFn
from retrieval.stores import VectorStore
from retrieval.vision.decode import ImageError, read_image_file


def index_photos(settings: Settings, db: CatalogDB, store: VectorStore, progress: ProgressFn) -> str:
    """Embed missing or stale photo vectors (cached by photo hash); one summary line.
    A missing model file is not fatal: text search works without photo vectors."""
    from retrieval.image_index import ImageVectorCache, index_images, photo_cache_path
    from retrieval.vision import load_encoder

    if not settings.index_images or store.count() == 0:
        return "photo vectors: skipped"
    try:
        encoder = load_encoder(settings)
    except FileNotFoundError as exc:
        return f"photo vectors: skipped ({exc})"
    cache = ImageVectorCache(photo_cache_path(settings))
    try:
        summary = index_images(db, store, encoder, cache, progress=progress)
    finally:
        cache.close()
    store.finish_indexing()
    unreadable = f", {len(summary.unreadable)} unreadable photos" if summary.unreadable else ""
    return (
        f"photo vectors ({encoder.tag}): embedded {summary.embedded}, from cache {summary.from_cache}, "
        f"unchanged {summary.unchanged}{unreadable} in {summary.seconds:.1f}s"
    )


def load_photo(settings: Settings, image: Path) -> Image.Image:
    """The photo, checked before anything else is opened (a bad file fails fast).
    Decoded at no less than 224 px: enough for any CLIP input."""
    return read_image_file(image, settings.max_image_bytes, settings.max_image_pixels, (224, 224))


def search_by_photo(search: ProductSearch, photo: Image.Image, query: str | None, k: int | None) -> SearchResponse:
    """Raises ``ImageError`` when the model file is missing, ``QueryError``/``StoreError`` like text search."""
    try:
        search.clip  # noqa: B018 - load now, to turn a missing model file into a clear error
    except FileNotFoundError as exc:
        raise ImageError(ErrorCode.model_unavailable, str(exc)) from exc
    return search.search_image(photo, query, k)
