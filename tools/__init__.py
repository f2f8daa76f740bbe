"""Tools: search, pricing, stock, cart and outfits as plain typed functions on a
``Toolkit``, and the same functions as LangChain tools (``tools.langchain.langchain_tools``)."""

from tools.errors import ToolError
from tools.outfit import Outfit, OutfitRequest, OutfitResult
from tools.toolkit import Toolkit

__all__ = ["Outfit", "OutfitRequest", "OutfitResult", "ToolError", "Toolkit"]
