"""The assistant: one turn = load the session, read the message and run it (``agent.rules``,
the one turn pipeline, whoever reads the message), check the answer's grounding against
the catalog (repairing violations), save the session, and emit typed events (products,
text deltas, done) for streaming clients."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from agent.chinese_frames import in_chinese, wrote_in_chinese
from agent.grounding import GroundingChecker
from agent.models import ChatEvent, ChatResponse, Citation
from agent.rules import RulePlanner
from agent.state import Profile, SessionState, SessionStore
from agent.transcript import Exchange, listed_products, summary_code
from config import AtelierError, ErrorCode, Settings
from retrieval import ProductSearch
from tools import Toolkit
from tools.events import EventSource

MAX_MESSAGE_CHARS = 2000


class MessageError(AtelierError, ValueError):
    """A chat message that cannot be answered as sent (empty, too long)."""


class Assistant:
    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit
        self.sessions = SessionStore(kit.search.db.commerce or kit.settings.sqlite_path)
        self.rules = RulePlanner(kit)
        self.checker = GroundingChecker(kit.search.db)

    def close(self) -> None:
        self.sessions.close()

    def chat(self, message: str, session_id: str | None = None, photo: Any = None) -> ChatResponse:
        *_, done = self.stream(message, session_id, photo)
        return done.data

    def stream(
        self, message: str, session_id: str | None = None, photo: Any = None, state: SessionState | None = None
    ) -> Iterator[ChatEvent]:
        """Events in order: ``products`` (once), ``delta`` (answer pieces), ``done``.
        ``photo`` (a decoded ``PIL.Image``): a photo search, the message adding filters.
        ``state``: the caller's own session state (a conversation sent whole, see
        ``replayed``), used instead of the stored session and not saved."""
        started = time.perf_counter()
        message = _validate(message) if photo is None or (message or "").strip() else ""
        stored = state is None
        if state is None:  # a session this server issued (unknown_session otherwise), or a new one
            state = self.load_state(session_id) if session_id else self.sessions.load(self.kit.sessions.issue())
        state.turn += 1
        if photo is not None:
            turn, planner, fallback = self.rules.plan_photo(photo, message, state), "rules", None
        else:
            turn = self.rules.plan(message, state)
            reading = turn.understood.implementation if turn.understood else "fast"
            planner, fallback = ("llm" if reading == "llm" else "rules"), turn.fallback
        planned = time.perf_counter()
        totals = [o.total_price for o in turn.outfits] + turn.amounts
        report = self.checker.check(turn.answer, turn.products + turn.named, totals)
        answer = report.repaired_answer if report.violations else turn.answer
        if wrote_in_chinese(message):  # asked in Chinese: the answer's frames in Chinese too
            answer = in_chinese(answer)
        response = ChatResponse(
            session_id=state.session_id,
            answer=answer,
            products=turn.products,
            outfits=turn.outfits,
            citations=[Citation(product_id=pid, fields=fields) for pid, fields in turn.cited_fields.items()],
            planner=planner,
            fallback=fallback,
            intent=turn.intent.value,
            understood=turn.understood,
            tool_calls=turn.tool_calls,
            grounding={"claims_checked": report.claims_checked, "violations_repaired": len(report.violations)},
        )
        yield ChatEvent(
            type="products",
            data={
                "products": [p.model_dump(mode="json") for p in turn.products],
                "outfits": [o.model_dump() for o in turn.outfits],
            },
        )
        for piece in re.findall(r"[^\n]*\n|[^\n]+$", answer):
            yield ChatEvent(type="delta", data=piece)
        if stored:
            self.sessions.save(state, message, answer)
            customer = self.kit.customers.customer_of(state.session_id)
            if customer is not None:  # what the shopper said about themselves starts their next visit
                self.kit.customers.save_profile(customer, state.profile.model_dump(mode="json"))
            self.kit.record_shown(state.session_id, [p.id for p in turn.products], EventSource.chat)
        response.timings_ms = {
            "plan": round((planned - started) * 1e3, 2),
            "total": round((time.perf_counter() - started) * 1e3, 2),
        }
        yield ChatEvent(type="done", data=response)

    def load_state(self, session_id: str) -> SessionState:
        """The stored state of a session this server issued (``unknown_session`` otherwise);
        a session not yet spoken in, started by an identified customer, begins with the
        profile their earlier sessions built."""
        state = self.sessions.load(self.kit.sessions.require(session_id))
        customer = self.kit.customers.customer_of(session_id) if state.turn == 0 else None
        saved = self.kit.customers.profile(customer) if customer else None
        if saved:
            state.profile = Profile.model_validate(saved)
        return state

    def replayed(self, earlier: list[Exchange], session_id: str | None = None) -> SessionState:
        """The session state a live session would have after ``earlier`` (a conversation
        sent whole): each user message run again without side effects, and what each
        answer listed taken as what was shown. ``session_id`` (one this server issued)
        names the cart the last message may change; without one a new session is issued."""
        sessions = self.kit.sessions
        state = SessionState(session_id=sessions.require(session_id) if session_id else sessions.issue())
        for exchange in earlier:
            state.turn += 1
            self.rules.plan(_validate(exchange.user), state, replay=True)
            shown = listed_products(exchange.assistant, self.kit.search.db)
            if shown:
                state.shown, state.focus = shown, shown[0]
                state.listed = shown if len(shown) >= 2 else state.listed
            state.pending_order = summary_code(exchange.assistant)  # a yes next is a yes to that summary
        return state


def _validate(message: str) -> str:
    if message is None or not message.strip():
        raise MessageError(ErrorCode.empty_message, "The message is empty.")
    if len(message) > MAX_MESSAGE_CHARS:
        raise MessageError(ErrorCode.message_too_long, f"Messages are limited to {MAX_MESSAGE_CHARS} characters.")
    return message.strip()


class AssistantStack:
    """The search service, the tools over it and the assistant over those, opened and
    closed together (CLI, HTTP server, evals). A ``search`` passed in is shared: its
    owner closes it."""

    def __init__(self, settings: Settings, search: ProductSearch | None = None) -> None:
        self.settings = settings
        self._owns_search = search is None
        self.search = search or ProductSearch.from_settings(settings)
        self.kit = Toolkit(self.search, settings=settings)
        self.assistant = Assistant(self.kit)

    def close(self) -> None:
        self.assistant.close()
        self.kit.close()
        if self._owns_search:
            self.search.close()

    def __enter__(self) -> AssistantStack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
