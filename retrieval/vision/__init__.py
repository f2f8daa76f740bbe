"""The image side of search: safe photo decoding, the catalog-trained CLIP (an
open_clip ``CustomTextCLIP`` whose text tower is the frozen MiniLM and whose image
tower is a small CNN trained here), and the encoder that also loads real OpenCLIP
checkpoints.

Public API::

    from retrieval.vision import ClipEncoder, ImageError, decode_image
"""

from retrieval.vision.decode import ImageError, base64_bytes, decode_image, image_file_hash
from retrieval.vision.encoder import ClipEncoder, load_encoder

__all__ = ["ClipEncoder", "ImageError", "base64_bytes", "decode_image", "image_file_hash", "load_encoder"]
