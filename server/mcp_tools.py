"""The store's tools over the Model Context Protocol (the official ``mcp`` SDK's
``MCPServer``), for agents built elsewhere: ``atelier mcp`` over stdio, and streamable HTTP
at ``/mcp`` on ``atelier serve``.

Every tool is the registry's (``tools/registry.py``): its name, description and argument
model become the MCP tool, its arguments are validated by that model, and a ``ToolError``
("which size?", an unknown product) comes back as an MCP tool error with the message.
``checkout`` and ``cancel_order`` are left out: an order is the shopper's to confirm, not
another agent's. Carts belong to sessions the store issued (``start_session``)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError as McpToolError

from server.capabilities import capabilities
from tools import ToolError, Toolkit
from tools.registry import ToolSpec, tool_specs

CAPABILITIES_URI = "atelier://capabilities"
NOT_FOR_OTHER_AGENTS = {"checkout", "cancel_order"}
INSTRUCTIONS = (
    "Atelier, a fashion store. Search its catalog (prices in INR), look at products, find similar ones "
    "or ones that look like a photo, build outfits, keep a cart in a session the store issues "
    "(start_session, then pass its session_id to the cart tools), and ask its policies (returns, "
    "delivery, sizes)."
)


def mcp_server(kit: Callable[[], Toolkit]) -> MCPServer:
    """The MCP server; ``kit`` gives the toolkit of the running app (opened after this is built)."""
    server = MCPServer(name="atelier", title="Atelier fashion store", instructions=INSTRUCTIONS)
    for spec in tool_specs():
        if spec.name not in NOT_FOR_OTHER_AGENTS:
            server.add_tool(_function(spec, kit), name=spec.name, description=spec.description)

    @server.resource(
        CAPABILITIES_URI,
        name="capabilities",
        mime_type="application/json",
        description="What the store sells (filter values, price range, sizes) and which features "
        "answer: the body of GET /v1/capabilities.",
    )
    def read_capabilities() -> str:
        return capabilities(kit()).model_dump_json()

    return server


def _function(spec: ToolSpec, kit: Callable[[], Toolkit]) -> Callable[..., Any]:
    """A function whose signature is the tool's argument model (the SDK builds the MCP
    input schema from it), running the tool through the registry."""

    def call(**arguments: Any) -> Any:
        try:
            result = spec.run(kit(), arguments)
        except ToolError as exc:
            raise McpToolError(f"{exc.code}: {exc.message}") from exc
        return result if isinstance(result, dict) else {"result": result}

    parameters = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[field.annotation, field],
            default=inspect.Parameter.empty if field.is_required() else field.get_default(),
        )
        for name, field in spec.args.model_fields.items()
    ]
    call.__signature__ = inspect.Signature(parameters, return_annotation=dict[str, Any])  # type: ignore[attr-defined]
    call.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": dict[str, Any]}
    call.__name__ = spec.name
    return call
