"""Uploaded photos -> decoded images, with the API's error codes: a bad photo is a 4xx
with a message that says what to change, never a 500 or a hang. Decoding is bounded: per
photo by its memory (``max_image_decoded_bytes``, from the header, in
``retrieval.vision.decode``), and per process by a pool of decode slots, so a burst of big
photos queues briefly and then gets 503 instead of taking the machine's memory."""

from __future__ import annotations

import threading
from functools import cache

from PIL import Image

from retrieval import ProductSearch
from retrieval.vision import ImageError, base64_bytes
from server.errors import ApiError
from server.middleware import charge_photo, slot_or_503


@cache
def decode_slots(size: int) -> threading.BoundedSemaphore:
    """The process's decode slots (one pool per configured size): what a decode holds is
    this process's memory, whichever app or request asked for it."""
    return threading.BoundedSemaphore(size)


def read_upload(data: bytes, search: ProductSearch) -> Image.Image:
    """The photo counted against its client's photo limit (429), then checked and decoded
    (``ProductSearch.read_photo``) in one of ``image_decode_concurrency`` slots (503
    ``overloaded`` when none frees up within ``image_decode_wait_s``), its problem as the
    API's status: 413 too large, 503 no image model, 400 anything else. Runs in a worker thread."""
    charge_photo()
    settings = search.settings
    with slot_or_503(
        decode_slots(settings.image_decode_concurrency),
        settings.image_decode_wait_s,
        "Too many photos are being read right now; please try again in a moment.",
        settings.overload_retry_after_s,
        "decode_pool",
    ):
        return search.read_photo(data)


def decode_base64_image(text: str) -> bytes:
    """A chat message's ``image`` (base64, optionally a ``data:`` URL) -> bytes."""
    try:
        return base64_bytes(text)
    except ImageError as exc:
        raise ApiError(exc.code, "`image` must be base64 (or a data: URL) of a photo.") from exc
