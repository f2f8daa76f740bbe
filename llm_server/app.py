"""An OpenAI-compatible HTTP server for the local GGUF: ``/v1/chat/completions``
(tools, streaming) and ``/v1/models``, with llama-cpp-python doing the inference.

One model serves one request at a time (a lock: llama.cpp contexts are not re-entrant;
on 2 cores parallel decoding would not be faster anyway). Prompts share their long
prefix (system prompt + tool schemas), which llama-cpp-python re-uses from the previous
evaluation; a RAM cache of states keeps that true when conversations interleave.

The repeat-call guard: with the tools still bound after a tool result, the 1.5B model
tends to issue the very same call again. When every call in a reply repeats one the
conversation already made, the reply is regenerated from the prompt without the tool
schemas and with the ``<tool_call>`` token banned, so the model answers in text from the
result it has.

``tool_choice: "required"`` (or a named function) prefills the reply with the start of a
call, with a grammar of the tools' schemas as fallback; ``response_format`` (JSON object or
schema) is a grammar. A request whose client disconnects stops generating within a token."""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import threading
import time
import uuid
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path
from typing import Any, Literal, cast

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response, StreamingResponse
from jinja2 import TemplateError
from pydantic import BaseModel, ConfigDict, Field

from config import Settings
from llm_server.chat import (
    TOOL_CALL_OPEN,
    ChatTemplate,
    ToolCall,
    call_prefill,
    forced_call_schema,
    might_become_call,
    parse_reply,
    previous_calls,
    response_format_schema,
)

STOP = ["<|im_end|>", "<|endoftext|>"]
BANNED = -1e9


class ChatRequest(BaseModel):
    """The OpenAI request fields this server honours (others are accepted and ignored)."""

    model_config = ConfigDict(extra="ignore")

    model: str | None = None
    messages: list[dict[str, Any]] = Field(min_length=1)
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    response_format: dict[str, Any] | None = None
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    stream: bool = False


class Generation(BaseModel):
    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: Literal["stop", "length"]


log = logging.getLogger("atelier.llm_server")


class ContextOverflow(ValueError):
    pass


class LocalModel:
    """The loaded GGUF, its chat template, and serialised generation."""

    def __init__(self, path: Path, settings: Settings) -> None:
        from llama_cpp import Llama

        from llm_server.state_cache import BoundedStateCache

        self.name = settings.llm_model
        self.llama = Llama(
            model_path=str(path),
            n_ctx=settings.llm_context,
            n_threads=settings.llm_threads,
            n_threads_batch=settings.llm_threads,
            n_batch=512,
            verbose=False,
        )
        if settings.llm_state_cache_mb:  # states of earlier prompts: the shared prefix survives interleaving (a
            # state of ~50 MB per completion, far cheaper than re-reading 1.7k prompt tokens; bounded: state_cache.py)
            self.llama.set_cache(BoundedStateCache(capacity_bytes=settings.llm_state_cache_mb << 20))
        self.template = ChatTemplate(self.llama.metadata["tokenizer.chat_template"])
        self.max_answer_tokens = settings.llm_max_answer_tokens
        call_tokens = self.llama.tokenize(TOOL_CALL_OPEN.encode(), add_bos=False, special=True)
        self.call_token = call_tokens[0] if len(call_tokens) == 1 else None
        self.lock = threading.Lock()

    def tokens(self, prompt: str, max_tokens: int) -> list[int]:
        tokens = self.llama.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        if len(tokens) + max_tokens > self.llama.n_ctx():
            raise ContextOverflow(
                f"prompt of {len(tokens)} tokens + {max_tokens} to generate exceeds the "
                f"{self.llama.n_ctx()}-token context"
            )
        return tokens

    def _options(
        self, max_tokens: int, temperature: float, ban_calls: bool, schema: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        from llama_cpp import LlamaGrammar

        bias = {self.call_token: BANNED} if ban_calls and self.call_token is not None else None
        grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False) if schema else None
        return {
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stop": STOP,
            "logit_bias": bias,
            "grammar": grammar,
        }

    def _chunks(self, tokens: list[int], options: dict[str, Any]) -> Generator[dict[str, Any], None, None]:
        """A streamed completion's chunks (a generator: closing it frees the model at once)."""
        chunks = self.llama.create_completion(tokens, stream=True, **options)
        return cast("Generator[dict[str, Any], None, None]", chunks)

    def generate(
        self,
        tokens: list[int],
        max_tokens: int,
        temperature: float,
        ban_calls: bool,
        schema: dict[str, Any] | None = None,
        cancel: threading.Event | None = None,
    ) -> Generation:
        """One completion, streamed internally so that ``cancel`` (the client went away)
        stops it within a token: an abandoned request must not hold the model."""
        pieces, finish = [], "stop"
        chunks = self._chunks(tokens, self._options(max_tokens, temperature, ban_calls, schema))
        try:
            for chunk in chunks:
                choice = chunk["choices"][0]
                pieces.append(choice["text"])
                finish = "length" if choice.get("finish_reason") == "length" else finish
                if cancel is not None and cancel.is_set():
                    break
        finally:
            chunks.close()
        return Generation(
            text="".join(pieces), prompt_tokens=len(tokens), completion_tokens=len(pieces), finish_reason=finish
        )

    def stream(
        self,
        tokens: list[int],
        max_tokens: int,
        temperature: float,
        ban_calls: bool,
        schema: dict[str, Any] | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        chunks = self._chunks(tokens, self._options(max_tokens, temperature, ban_calls, schema))
        try:
            for chunk in chunks:
                yield chunk["choices"][0]["text"]
                if cancel is not None and cancel.is_set():
                    break
        finally:
            chunks.close()


class Turn:
    """One chat request resolved against the model: prompt, tool names, limits."""

    def __init__(self, model: LocalModel, request: ChatRequest) -> None:
        self.model, self.request = model, request
        tools = request.tools if request.tool_choice != "none" else None
        self.tool_names = {t.get("function", {}).get("name") for t in tools or []} - {None}
        self.max_tokens = request.max_completion_tokens or request.max_tokens or model.max_answer_tokens
        self.prompt = model.template.render_prompt(request.messages, tools)
        self.made = previous_calls(request.messages)
        # A required/named tool call: the reply is prefilled with the start of a call (and a
        # grammar of the tools' schemas is the fallback); a JSON response_format: a grammar.
        self.forced = forced_call_schema(tools, request.tool_choice) if tools else None
        self.prefill = call_prefill(request.tool_choice) if self.forced else ""
        self.schema = None if self.forced else response_format_schema(request.response_format)
        self.tokens = model.tokens(self.prompt + self.prefill, self.max_tokens)
        self.cancel = threading.Event()  # set when the client disconnects
        self.id = f"chatcmpl-{uuid.uuid4().hex[:16]}"
        self.created = int(time.time())

    def repeats(self, calls: list[ToolCall]) -> bool:
        """Every call repeats an earlier one (never applies when the client required a call)."""
        return self.forced is None and bool(calls) and all(c.key() in self.made for c in calls)

    def answer_tokens(self) -> list[int]:
        """The prompt without the tool schemas, for the repeat-call guard: with them, the
        model re-issues the call even with ``<tool_call>`` banned (as bare JSON)."""
        return self.model.tokens(self.model.template.render_prompt(self.request.messages, None), self.max_tokens)

    def constrained_call(self) -> tuple[Generation, list[ToolCall]]:
        """The required call under the tools' grammar (when the prefilled one did not parse)."""
        gen = self.model.generate(
            self.model.tokens(self.prompt, self.max_tokens),
            self.max_tokens,
            self.request.temperature,
            False,
            self.forced,
            self.cancel,
        )
        return gen, parse_reply(gen.text, self.tool_names)[1]

    def complete(self) -> dict[str, Any]:
        with self.model.lock:
            started, path = time.perf_counter(), ["prefilled call" if self.prefill else "reply"]
            gen = self.model.generate(
                self.tokens, self.max_tokens, self.request.temperature, not self.tool_names, self.schema, self.cancel
            )
            text = self.prefill + gen.text
            content, calls = parse_reply(text, self.tool_names) if self.tool_names else (text.strip(), [])
            if self.forced and not calls:
                gen, calls = self.constrained_call()
                content = None
                path.append("grammar call")
            if self.repeats(calls):
                gen = self.model.generate(
                    self.answer_tokens(), self.max_tokens, self.request.temperature, True, cancel=self.cancel
                )
                content, calls = gen.text.strip(), []
                path.append("repeat guard")
            # one line per request: where a slow turn's seconds went
            log.info(
                "%s %.2fs prompt=%d generated=%d path=%s calls=%s%s",
                self.id,
                time.perf_counter() - started,
                gen.prompt_tokens,
                gen.completion_tokens,
                "+".join(path),
                [c.name for c in calls],
                " cancelled" if self.cancel.is_set() else "",
            )
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if calls:
            message["tool_calls"] = [c.to_openai() for c in calls]
        finish = "tool_calls" if calls else gen.finish_reason
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model.name,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": gen.prompt_tokens,
                "completion_tokens": gen.completion_tokens,
                "total_tokens": gen.prompt_tokens + gen.completion_tokens,
            },
        }

    def chunk(self, delta: dict[str, Any], finish: str | None = None) -> str:
        body = {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model.name,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    def events(self) -> Generator[str, None, None]:
        """SSE chunks: text deltas as they are generated; a reply that is a tool call is
        held back until complete and sent as one ``tool_calls`` delta."""
        with self.model.lock:
            yield self.chunk({"role": "assistant", "content": ""})
            held, streaming_text = self.prefill, not self.tool_names
            for piece in self.model.stream(
                self.tokens, self.max_tokens, self.request.temperature, not self.tool_names, self.schema, self.cancel
            ):
                if streaming_text:
                    yield self.chunk({"content": piece})
                    continue
                held += piece
                if not might_become_call(held):
                    streaming_text = True
                    yield self.chunk({"content": held})
            if streaming_text:
                yield self.chunk({}, "stop")
            else:
                yield from self._held_reply(held)
        yield "data: [DONE]\n\n"

    def _held_reply(self, held: str) -> Iterator[str]:
        content, calls = parse_reply(held, self.tool_names)
        if self.forced and not calls:
            calls = self.constrained_call()[1]
        if self.repeats(calls):
            calls = []
            content = "".join(
                self.model.stream(
                    self.answer_tokens(), self.max_tokens, self.request.temperature, True, cancel=self.cancel
                )
            )
        if calls:
            yield self.chunk({"tool_calls": [c.to_openai(i) for i, c in enumerate(calls)]}, "tool_calls")
            return
        if content:
            yield self.chunk({"content": content.strip()})
        yield self.chunk({}, "stop")


async def _unless_abandoned(turn: Turn, request: Request, poll_s: float = 0.25) -> dict[str, Any]:
    """``turn.complete()`` in a worker thread, cancelled when the client disconnects.
    Why: a client that timed out (the agent's turn budget) used to leave its completion
    running to ``max_tokens`` while the next request waited for the model's lock, so one
    slow reply made every following turn time out too."""
    work = asyncio.ensure_future(run_in_threadpool(turn.complete))
    while not work.done():
        await asyncio.wait({work}, timeout=poll_s)
        if not work.done() and await request.is_disconnected():
            turn.cancel.set()
    return work.result()


async def _stream_unless_abandoned(turn: Turn) -> AsyncIterator[str]:
    """``turn.events()`` driven by a worker thread that owns it from start to close.

    Why: iterated by Starlette directly, an abandoned stream (a client that read the first
    token and hung up) left ``events`` suspended inside the model's lock until the garbage
    collector closed it; the model sat idle but locked for ~15 s and the agent's next turns
    timed out. Here the client going away cancels this generator at its ``await``, which
    sets ``turn.cancel``; the worker stops generating within a token and closes ``events``,
    releasing the lock at once."""
    chunks: queue.Queue[str | None] = queue.Queue()

    def produce() -> None:
        events = turn.events()
        try:
            for chunk in events:
                if turn.cancel.is_set():
                    break
                chunks.put(chunk)
        finally:
            events.close()
            chunks.put(None)

    threading.Thread(target=produce, name=f"stream-{turn.id}", daemon=True).start()
    try:
        while (chunk := await run_in_threadpool(chunks.get)) is not None:
            yield chunk
    finally:
        turn.cancel.set()


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error", "code": code}}, status)


def create_app(model: LocalModel) -> FastAPI:
    app = FastAPI(title="Atelier local LLM (OpenAI-compatible)")

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "model": model.name}

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": model.name, "object": "model", "owned_by": "atelier"}]}

    @app.post("/v1/chat/completions", response_model=None)
    async def chat_completions(body: ChatRequest, request: Request) -> dict[str, Any] | Response:
        try:
            turn = Turn(model, body)
        except ContextOverflow as exc:
            return _error(400, "context_length_exceeded", str(exc))
        except TemplateError as exc:
            return _error(400, "invalid_messages", f"the chat template rejected the messages: {exc}")
        if body.stream:
            return StreamingResponse(_stream_unless_abandoned(turn), media_type="text/event-stream")
        return await _unless_abandoned(turn, request)

    return app
