"""The web widget in a real browser (Playwright driving Debian's chromium) against the
real app over HTTP: open, ask, streamed answer and cards with loaded photos, refine,
upload a photo, add to cart with a size, view the cart, "For you"; the shopper's views,
clicks and cart adds reach the server as events. Screenshots are saved to tests/artifacts/
for a person to look at."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from retrieval import ProductSearch
from tools import Toolkit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (scripts/test.sh installs it)"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


def _stored_events(search: ProductSearch, session_id: str, want: set[str], timeout_s: float = 10) -> list:
    """The session's events once ``want`` types have all arrived (the widget batches them)."""
    kit = Toolkit(search)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            events = kit.events.recent(session_id)
            if want <= {e.type for e in events} or time.monotonic() > deadline:
                return events
            time.sleep(0.2)
    finally:
        kit.close()


def test_shopper_journey_in_the_widget(
    browser, live_server, photo_vectors, catalog_dir: Path, search: ProductSearch
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 375, "height": 760})
    remote_requests = []
    local = (live_server.url, "blob:" + live_server.url, "data:")
    page.on("request", lambda r: remote_requests.append(r.url) if not r.url.startswith(local) else None)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # the bubble is reachable by keyboard
    page.keyboard.press("Enter")
    assert page.is_visible(".atl-panel")
    page.fill(".atl-form input[type=text]", "white tshirt for men")
    page.keyboard.press("Enter")
    page.wait_for_selector(".atl-card img", timeout=30_000)
    page.wait_for_function(
        "[...document.querySelectorAll('.atl-card img')].every(i => i.complete && i.naturalWidth > 0)", timeout=30_000
    )
    answer = page.locator(".atl-bot").last.inner_text()
    assert "Here are" in answer and "₹" in answer
    cards = page.locator(".atl-card")
    assert cards.count() >= 1 and "₹" in cards.first.inner_text()
    page.locator(".atl-cite").first.hover()  # a cited product name highlights its card
    assert page.locator(".atl-card.atl-hl").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "1-search.png"))
    page.locator(".atl-card img").first.click()  # a click on a card's photo is a click event
    session_id = page.evaluate("localStorage.getItem('atelier-session')")
    events = _stored_events(search, session_id, {"impression", "view", "click"})
    first_card = page.locator(".atl-card").first.get_attribute("data-id")
    assert any(e.type == "click" and e.product_id == first_card and e.position == 1 for e in events)
    assert any(e.type == "view" and e.source == "chat" for e in events)
    assert any(e.type == "impression" and e.source == "chat" for e in events)  # recorded by the server

    bots_before = page.locator(".atl-bot").count()
    page.get_by_role("button", name="Cheaper").click()
    page.wait_for_function(
        f"document.querySelectorAll('.atl-bot').length > {bots_before} && "
        "!document.querySelector('.atl-bot[aria-busy]')",
        timeout=30_000,
    )
    page.screenshot(path=str(ARTIFACTS / "2-refined.png"))

    photo = next((catalog_dir / "images").glob("15970.jpg"))
    cards_before = cards.count()
    page.set_input_files("#atl-file", str(photo))
    page.wait_for_selector(".atl-preview:not([hidden])")
    page.wait_for_function(
        "document.querySelector('.atl-log').innerText.includes('look like your photo')", timeout=30_000
    )
    page.wait_for_function(f"document.querySelectorAll('.atl-card').length > {cards_before}", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "2b-photo.png"))

    card = page.locator(".atl-card").filter(has=page.locator("select")).first
    size = card.locator("select option").first.get_attribute("value")
    card.locator("select").select_option(size)
    card.get_by_role("button", name="Add to cart").click()
    page.wait_for_function("document.querySelector('.atl-log').innerText.includes('to your cart')", timeout=30_000)
    page.get_by_role("button", name="Cart", exact=True).click()
    page.wait_for_function("document.querySelector('.atl-log').innerText.includes('Your cart:')", timeout=30_000)
    assert f"size {size}" in page.locator(".atl-bot").last.inner_text()
    page.screenshot(path=str(ARTIFACTS / "3-cart.png"), full_page=True)
    added = _stored_events(search, session_id, {"add_to_cart"})
    position = int(card.get_attribute("data-position") or 0)
    carted = (card.get_attribute("data-id"), card.get_attribute("data-source"), position)
    assert any((e.product_id, e.source, e.position) == carted for e in added if e.type == "add_to_cart")

    page.get_by_role("button", name="For you", exact=True).click()
    page.wait_for_function(
        "document.querySelector('.atl-log').innerText.includes('Recommended for you')", timeout=30_000
    )
    page.wait_for_selector(".atl-card[data-source=recommendation]", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "4-for-you.png"), full_page=True)
    assert remote_requests == []  # no fonts, CDNs or other remote assets
    page.keyboard.press("Escape")
    assert not page.is_visible(".atl-panel")
