"""Uploaded photos -> decoded images, with the API's error codes: a bad photo is a 4xx
with a message that says what to change, never a 500 or a hang."""

from __future__ import annotations

import base64
import binascii

from PIL import Image

from config import Settings
from retrieval import ProductSearch
from retrieval.vision import ImageError, decode_image
from server.errors import ApiError


def read_upload(data: bytes, settings: Settings, search: ProductSearch) -> Image.Image:
    """Check size, load the model (503 when it is missing), decode safely."""
    if len(data) > settings.max_image_bytes:
        raise ApiError(413, "image_too_large", f"The photo is over {settings.max_image_bytes / 1e6:.0f} MB.")
    try:
        clip = search.clip
    except FileNotFoundError as exc:
        raise ApiError(503, "model_unavailable", str(exc)) from exc
    try:
        return decode_image(data, settings.max_image_pixels, clip.input_size)
    except ImageError as exc:
        raise ApiError(413 if exc.code == "image_too_large" else 400, exc.code, exc.message) from exc


def decode_base64_image(text: str) -> bytes:
    """A chat message's ``image`` (base64, optionally a ``data:`` URL) -> bytes."""
    payload = text.split(",", 1)[1] if text.startswith("data:") else text
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ApiError(400, "invalid_image", "`image` must be base64 (or a data: URL) of a photo.") from exc
