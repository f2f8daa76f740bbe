"""LangChain ``StructuredTool`` wrappers around ``Toolkit`` methods.

Each tool validates its arguments with the pydantic schema, calls the same plain
function the API uses, and returns JSON-ready data; a ``ToolError`` comes back as
``{"error": {"code", "message"}}`` so the LLM can relay it (e.g. ask for a size)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from langchain_core.tools import StructuredTool

from tools.errors import ToolError
from tools.registry import ToolSpec, tool_specs

if TYPE_CHECKING:
    from tools.toolkit import Toolkit


def _runner(spec: ToolSpec, kit: Toolkit) -> Callable[..., Any]:
    def call(**kwargs: Any) -> Any:
        try:
            return spec.run(kit, kwargs)
        except ToolError as exc:
            return {"error": exc.to_dict()}

    return call


def _tool(spec: ToolSpec, kit: Toolkit) -> StructuredTool:
    return StructuredTool.from_function(
        func=_runner(spec, kit), name=spec.name, description=spec.description, args_schema=spec.args
    )


def langchain_tools(kit: Toolkit, merchant: bool = False) -> list[StructuredTool]:
    """The registry's shopper-facing tools over ``kit`` (plus the pricing and forecast tools
    for merchants), as LangChain tools."""
    return [_tool(spec, kit) for spec in tool_specs(merchant)]
