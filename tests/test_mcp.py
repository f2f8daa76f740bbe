"""The store's tools over MCP, through the official SDK's own client: streamable HTTP at
``/mcp`` on the real app, and ``atelier mcp`` over stdio as a subprocess (on a copy of the
test catalog's data: the embedded store admits one process). Listing tools, a search, a
cart kept per session id, and bad arguments refused with the validation message."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import anyio
import httpx
from mcp.client.client import Client
from mcp.client.stdio import StdioServerParameters

from config import Settings
from retrieval.stores.copying import copy_data_dir

EXPECTED = {
    "search_products",
    "search_by_photo",
    "get_product",
    "find_similar",
    "recommend",
    "check_stock",
    "price_info",
    "start_session",
    "add_to_cart",
    "remove_from_cart",
    "view_cart",
    "review_order",
    "build_outfit",
    "store_info",
}


async def _shop(server: object) -> dict:
    """What an agent does with the store: list tools, search, add to a cart, read it,
    and send one bad call."""
    async with Client(server) as client:  # type: ignore[arg-type]
        tools = {t.name: t for t in (await client.list_tools()).tools}
        found = await client.call_tool("search_products", {"query": "white tshirt for men", "k": 3})
        results = json.loads(found.content[0].text)["results"]
        product = results[0]
        unknown = await client.call_tool("view_cart", {"session_id": "mcp-cart-0001"})  # ids are the store's
        cart_id = json.loads((await client.call_tool("start_session", {})).content[0].text)["session_id"]
        asked = await client.call_tool("add_to_cart", {"session_id": cart_id, "product_id": product["id"]})
        added = await client.call_tool(
            "add_to_cart", {"session_id": cart_id, "product_id": product["id"], "size": product["sizes_in_stock"][0]}
        )
        cart = json.loads((await client.call_tool("view_cart", {"session_id": cart_id})).content[0].text)
        bad = await client.call_tool("search_products", {"query": "shirt", "k": 500})
        return {
            "tools": tools,
            "results": results,
            "asked": asked,
            "unknown": unknown,
            "added": added,
            "cart": cart,
            "bad": bad,
            "product": product,
        }


def _check(shop: dict) -> None:
    assert set(shop["tools"]) == EXPECTED  # checkout and cancel_order are the shopper's own to confirm
    schema = shop["tools"]["search_products"].input_schema
    assert schema["required"] == ["query"] and schema["properties"]["k"]["maximum"] == 20
    assert shop["results"] and all(r["gender"] == "Men" and r["article_type"] == "Tshirts" for r in shop["results"])
    assert shop["asked"].is_error and "size_required" in shop["asked"].content[0].text  # a question, not a crash
    assert shop["unknown"].is_error and "unknown_session" in shop["unknown"].content[0].text
    assert not shop["added"].is_error
    assert [line["product_id"] for line in shop["cart"]["items"]] == [shop["product"]["id"]]
    assert shop["bad"].is_error and "less than or equal to 20" in shop["bad"].content[0].text


def test_mcp_over_streamable_http(live_server) -> None:
    _check(anyio.run(_shop, f"{live_server.url}/mcp"))


def test_mcp_over_stdio(subset_index: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    copy_data_dir(subset_index.data_dir, data)
    env = {**os.environ, "ATELIER_DATA_DIR": str(data), "ATELIER_CATALOG": str(subset_index.catalog)}
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "cli.main", "mcp"], env=env, cwd=str(Path(__file__).resolve().parents[1])
    )
    _check(anyio.run(_shop, params))


def test_capabilities_as_an_mcp_resource(live_server) -> None:
    """The capabilities document is also an MCP resource, the same body as GET /v1/capabilities."""

    async def read() -> tuple[list[str], dict]:
        async with Client(f"{live_server.url}/mcp") as client:
            listed = [str(r.uri) for r in (await client.list_resources()).resources]
            return listed, json.loads((await client.read_resource("atelier://capabilities")).contents[0].text)

    listed, body = anyio.run(read)
    assert "atelier://capabilities" in listed
    assert body["catalog"]["products"] == 1500 and body["features"]["merchant_api"] is True
    assert body == httpx.get(f"{live_server.url}/v1/capabilities", timeout=30).json()
