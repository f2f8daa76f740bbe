"""Decoding untrusted photos without crashing or hanging.

Why a module of its own: uploads reach PIL from the HTTP API, the CLI and chat. PIL
decodes lazily, so the pixel count is checked from the header before any pixel is
decoded (a 50-megapixel or decompression-bomb image is refused in microseconds), JPEGs
are decoded at a reduced scale (``draft``) since the towers want a few dozen pixels, and
every mode (alpha, grayscale, palette, CMYK) is normalised to RGB on white."""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from config import AtelierError, ErrorCode

DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MAX_DECODED_BYTES = 64_000_000  # a 16 MP photo with alpha, 21 MP without


class ImageError(AtelierError, ValueError):
    """A photo that cannot be used; ``code`` says why (and so the API's status)."""


def base64_bytes(text: str) -> bytes:
    """A photo sent as text (base64, optionally a ``data:`` URL) -> its bytes."""
    payload = text.split(",", 1)[1] if text.startswith("data:") else text
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImageError(ErrorCode.invalid_image, "The photo must be base64 (or a data: URL) of an image.") from exc


def _open(data: bytes) -> Image.Image:
    if not data:
        raise ImageError(ErrorCode.empty_image, "The photo is empty (0 bytes).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise ImageError(
                ErrorCode.not_an_image, "The file is not an image PIL can read (JPEG, PNG, WebP, GIF, BMP, ...)."
            ) from exc
        raise ImageError(ErrorCode.image_too_large, f"The photo is too large to decode safely: {exc}") from exc


def _to_rgb(image: Image.Image) -> Image.Image:
    """RGB on a white background (catalog photos are on white, so transparency is white)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def decoded_bytes(image: Image.Image) -> int:
    """Memory the decode of an opened (not yet loaded) image takes: width x height x bands,
    the bands being the photo's own or those of the RGB/RGBA it is converted to, whichever
    is more. Read from the header: a tiny file can declare a huge image."""
    bands = len(image.getbands())
    if image.mode in ("PA", "LA", "RGBA") or (image.mode == "P" and "transparency" in image.info):
        bands = max(bands, 4)
    return image.width * image.height * max(bands, 3)


def decode_image(
    data: bytes,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    target: tuple[int, int] | None = None,
    max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES,
) -> Image.Image:
    """Bytes -> an RGB ``PIL.Image``, or ``ImageError`` with a clear message.

    ``target`` (width, height) lets JPEG decoding skip most of the work for big photos;
    ``max_decoded_bytes`` bounds the memory of the decode (checked after that reduction,
    before any pixel is decoded: a ~100 KB PNG can declare 40 MP with alpha, 160 MB)."""
    image = _open(data)
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageError(ErrorCode.not_an_image, "The image has no pixels.")
    if width * height > max_pixels:
        raise ImageError(
            ErrorCode.image_too_large,
            f"The photo has {width}x{height} = {width * height / 1e6:.1f} megapixels; "
            f"the limit is {max_pixels / 1e6:.0f} megapixels. Send a smaller photo.",
        )
    if target is not None and image.format == "JPEG":
        image.draft("RGB", (target[0] * 2, target[1] * 2))
    needed = decoded_bytes(image)
    if needed > max_decoded_bytes:
        raise ImageError(
            ErrorCode.image_too_large,
            f"The photo would take {needed / 1e6:.0f} MB to decode ({image.width}x"
            f"{image.height}, {image.mode}); the limit is {max_decoded_bytes / 1e6:.0f} "
            "MB. Send a smaller photo.",
        )
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
        return _to_rgb(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(
            ErrorCode.corrupt_image, f"The photo could not be decoded (corrupt or truncated): {exc}"
        ) from exc


def read_image_file(
    path: Path, max_bytes: int, max_pixels: int = DEFAULT_MAX_PIXELS, target: tuple[int, int] | None = None
) -> Image.Image:
    """A photo from disk with the same checks as an upload (the CLI's ``--image``)."""
    path = Path(path)
    if not path.is_file():
        raise ImageError(ErrorCode.not_found, f"No such image file: {path}")
    size = path.stat().st_size
    if size > max_bytes:
        raise ImageError(
            ErrorCode.image_too_large, f"{path} is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB."
        )
    return decode_image(path.read_bytes(), max_pixels, target)


def image_file_hash(path: str | Path) -> str:
    """Content hash of a photo file: the key of the image-vector cache."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]
