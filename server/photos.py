"""Uploaded photos -> decoded images, with the API's error codes: a bad photo is a 4xx
with a message that says what to change, never a 500 or a hang."""

from __future__ import annotations

from PIL import Image

from retrieval import ProductSearch
from retrieval.vision import ImageError, base64_bytes
from server.errors import ApiError

_STATUS = {"image_too_large": 413, "model_unavailable": 503}


def read_upload(data: bytes, search: ProductSearch) -> Image.Image:
    """The photo checked and decoded (``ProductSearch.read_photo``), its problem as the
    API's status: 413 too large, 503 no image model, 400 anything else."""
    try:
        return search.read_photo(data)
    except ImageError as exc:
        raise ApiError(_STATUS.get(exc.code, 400), exc.code, exc.message) from exc


def decode_base64_image(text: str) -> bytes:
    """A chat message's ``image`` (base64, optionally a ``data:`` URL) -> bytes."""
    try:
        return base64_bytes(text)
    except ImageError as exc:
        raise ApiError(400, exc.code, "`image` must be base64 (or a data: URL) of a photo.") from exc
