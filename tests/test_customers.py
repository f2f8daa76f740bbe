"""Shoppers the store identifies keep their profile across visits; anonymous sessions stay
anonymous; a token that is not the store's is refused before any session exists."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing

import httpx
import jwt
import pytest

from agent import Assistant, AssistantStack
from config import Settings
from retrieval import ProductSearch
from tests.server_helpers import expect_error
from tools import ToolError

SECRET = "the-store-and-atelier-share-this"


def token(customer: str, secret: str = SECRET, expires_in: float = 600) -> str:
    return jwt.encode({"sub": customer, "exp": int(time.time() + expires_in)}, secret, algorithm="HS256")


@pytest.fixture
def identified(search: ProductSearch) -> Iterator[AssistantStack]:
    settings = search.settings.model_copy(update={"customer_token_secret": SECRET})
    with AssistantStack(settings, search) as stack:
        yield stack


def _new_session(assistant: Assistant, customer_token: str | None) -> str:
    return assistant.kit.start_session(customer_token).session_id


def test_a_customers_profile_starts_their_next_visit(identified: AssistantStack) -> None:
    assistant = identified.assistant
    first = _new_session(assistant, token("cust-42"))
    assistant.chat("I wear size M, show me black t-shirts for men under 1500", first)
    told = assistant.load_state(first).profile
    assert told.apparel_size == "M" and told.budget_max == 1500

    later = assistant.kit.start_session(token("cust-42"))
    assert later.identified and later.session_id != first
    carried = assistant.load_state(later.session_id).profile
    assert carried.apparel_size == "M" and carried.budget_max == 1500 and carried.gender == "Men"
    answer = assistant.chat("show me some shirts", later.session_id)  # the size is used without being said again
    assert answer.products and all("M" in p.sizes_in_stock for p in answer.products)

    stranger = assistant.kit.start_session(token("cust-7"))
    assert assistant.load_state(stranger.session_id).profile.apparel_size is None
    anonymous = assistant.kit.start_session()
    assert not anonymous.identified
    assert assistant.load_state(anonymous.session_id).profile.apparel_size is None


@pytest.mark.parametrize(
    "bad",
    [
        token("cust-42", secret="someone-else's-secret"),
        token("cust-42", expires_in=-60),
        jwt.encode({"sub": "cust-42"}, SECRET, algorithm="HS256"),  # no expiry
        "not a token",
    ],
    ids=["wrong signature", "expired", "no expiry", "garbage"],
)
def test_a_token_that_is_not_the_stores_is_refused(identified: AssistantStack, bad: str) -> None:
    def issued() -> int:
        with closing(sqlite3.connect(identified.settings.sqlite_path)) as db:
            return int(db.execute("SELECT COUNT(*) FROM issued_sessions").fetchone()[0])

    before = issued()
    with pytest.raises(ToolError) as refused:
        identified.kit.start_session(bad)
    assert refused.value.code == "invalid_customer_token" and refused.value.code.status == 401
    assert issued() == before  # refused before any session exists


def test_over_http_without_a_configured_secret_tokens_are_refused(http: httpx.Client) -> None:
    assert Settings().customer_token_secret is None
    expect_error(http.post("/v1/sessions", json={"customer_token": token("cust-42")}), 401, "invalid_customer_token")
    anonymous = http.post("/v1/sessions")
    assert anonymous.status_code == 201 and anonymous.json()["identified"] is False
    assert http.post("/v1/sessions", json={}).json()["identified"] is False
