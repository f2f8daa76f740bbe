"""Qwen's tool-call format in and OpenAI's out. Why our own handler: none of
llama-cpp-python's built-in chat formats yields usable OpenAI ``tool_calls`` for Qwen
(``chatml-function-calling`` drops the tools when ``tool_choice`` is omitted, as LangChain
does, and then can never answer in text; the default template never parses the reply),
and the stock server rejects the ``content: null`` assistant messages LangChain sends.

``render_prompt`` fills the GGUF's own Jinja chat template (Qwen2.5 puts the tools' JSON
schemas in the system turn and asks for ``<tool_call>{json}</tool_call>`` replies);
``parse_reply`` turns such replies (or a bare JSON call) into OpenAI tool calls."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, Field

TOOL_CALL_OPEN = "<tool_call>"
_TOOL_CALL = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)


class ToolCall(BaseModel):
    """One parsed call, in OpenAI's wire shape by ``to_openai``."""

    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    id: str = Field(default_factory=lambda: f"call_{uuid.uuid4().hex[:12]}")

    def key(self) -> str:
        return json.dumps([self.name, self.arguments], sort_keys=True, default=str)

    def to_openai(self, index: int | None = None) -> dict[str, Any]:
        call = {
            "id": self.id,
            "type": "function",
            "function": {"name": self.name, "arguments": json.dumps(self.arguments, ensure_ascii=False)},
        }
        return call if index is None else {"index": index, **call}


class ChatTemplate:
    """The GGUF's chat template, rendered the way Hugging Face's tokenizers do."""

    def __init__(self, source: str) -> None:
        # This GGUF's template shows the call format as `{{"name": ...}}` (doubled braces
        # inside a Jinja string literal stay doubled), and the model copies them, without
        # the <tool_call> tags. The upstream Qwen2.5 template has single braces.
        source = source.replace(
            '{{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}}',
            '{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}',
        )
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
        env.filters["tojson"] = _tojson  # jinja's own escapes <, >, & as HTML entities
        env.globals["raise_exception"] = _raise
        self.template = env.from_string(source)

    def render_prompt(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None) -> str:
        return self.template.render(
            messages=[_normalise(m) for m in messages], tools=tools or None, add_generation_prompt=True
        )


def _tojson(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def _raise(message: str) -> None:
    raise TemplateError(message)


def _normalise(message: dict[str, Any]) -> dict[str, Any]:
    """``content: null`` -> "", content parts -> text, tool-call arguments as objects
    (the template serialises them itself)."""
    out = dict(message)
    content = out.get("content")
    if content is None:
        out["content"] = ""
    elif isinstance(content, list):
        out["content"] = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if out.get("tool_calls"):
        out["tool_calls"] = [_call_with_object_arguments(c) for c in out["tool_calls"]]
    return out


def _call_with_object_arguments(call: dict[str, Any]) -> dict[str, Any]:
    function = dict(call.get("function") or call)
    arguments = function.get("arguments")
    if isinstance(arguments, str):
        try:
            function["arguments"] = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError:
            function["arguments"] = {}
    return {**call, "function": function}


def previous_calls(messages: list[dict[str, Any]]) -> set[str]:
    """Keys of the calls the assistant already made in this conversation."""
    keys = set()
    for message in messages:
        for call in message.get("tool_calls") or []:
            function = _call_with_object_arguments(call)["function"]
            keys.add(ToolCall(name=function.get("name", ""), arguments=function.get("arguments") or {}).key())
    return keys


def _load_json(text: str) -> Any:
    """JSON, with the small repairs a 1.5B model needs (trailing text, missing braces)."""
    text = text.strip().removeprefix("```json").removeprefix("```").removesuffix("```").strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    try:  # the first complete object, ignoring what follows
        return json.JSONDecoder().raw_decode(text)[0]
    except json.JSONDecodeError:
        pass
    for extra in ("}", "}}", '"}', '"}}'):
        try:
            return json.loads(text + extra)
        except json.JSONDecodeError:
            continue
    return None


def _as_call(payload: Any, tool_names: set[str]) -> ToolCall | None:
    if not isinstance(payload, dict) or payload.get("name") not in tool_names:
        return None
    arguments = payload.get("arguments", payload.get("parameters", {}))
    if isinstance(arguments, str):
        arguments = _load_json(arguments)
    return ToolCall(name=payload["name"], arguments=arguments if isinstance(arguments, dict) else {})


def parse_reply(text: str, tool_names: set[str]) -> tuple[str | None, list[ToolCall]]:
    """(text content or None, tool calls). Calls to unknown tools stay text: the
    client's validation then sees a plain answer, never a call it cannot run."""
    if TOOL_CALL_OPEN in text:
        calls = [c for body in _TOOL_CALL.findall(text) if (c := _as_call(_load_json(body), tool_names))]
        if calls:
            before = text.split(TOOL_CALL_OPEN, 1)[0].strip()
            return before or None, calls
    stripped = text.strip()
    if stripped.startswith(("{", "```")):  # bare, fenced or {{doubled}} JSON calls, one per line
        calls = [c for line in stripped.splitlines() if (c := _as_call(_load_json(_undouble(line)), tool_names))]
        if not calls and (call := _as_call(_load_json(stripped), tool_names)):
            calls = [call]
        if calls:
            return None, calls
    return text.strip(), []


def _undouble(line: str) -> str:
    line = line.strip()
    return line[1:-1] if line.startswith("{{") and line.endswith("}}") else line


def might_become_call(text: str) -> bool:
    """While streaming: could this reply still turn out to be a tool call?"""
    stripped = text.lstrip()
    return stripped.startswith((TOOL_CALL_OPEN, "{", "```")) or any(
        m.startswith(stripped) for m in (TOOL_CALL_OPEN, "```")
    )


def forced_call_schema(tools: list[dict[str, Any]], tool_choice: str | dict[str, Any] | None) -> dict[str, Any] | None:
    """The JSON schema a reply must follow when the client requires a tool call
    (``tool_choice: "required"`` or a named function), else None.

    Why: the 1.5B model, left free, answers most shopping requests in prose instead of
    calling a tool; constrained decoding (a llama.cpp grammar from this schema) makes the
    reply one call to one of the offered tools with arguments of that tool's schema, so
    the model only chooses the tool and fills its arguments."""
    if isinstance(tool_choice, dict):
        wanted = {(tool_choice.get("function") or {}).get("name")}
    elif tool_choice == "required":
        wanted = None
    else:
        return None
    options = []
    for tool in tools:
        function = tool.get("function") or {}
        if function.get("name") and (wanted is None or function["name"] in wanted):
            parameters = function.get("parameters") or {"type": "object"}
            options.append(
                {
                    "type": "object",
                    "properties": {"name": {"const": function["name"]}, "arguments": parameters},
                    "required": ["name", "arguments"],
                    "additionalProperties": False,
                }
            )
    if not options:
        return None
    return options[0] if len(options) == 1 else {"anyOf": options}


def response_format_schema(response_format: dict[str, Any] | None) -> dict[str, Any] | None:
    """The schema of OpenAI's ``response_format`` (``json_schema``: its schema;
    ``json_object``: any object); None for text."""
    if not isinstance(response_format, dict):
        return None
    if response_format.get("type") == "json_object":
        return {"type": "object"}
    if response_format.get("type") == "json_schema":
        return (response_format.get("json_schema") or {}).get("schema") or {"type": "object"}
    return None


def call_prefill(tool_choice: str | dict[str, Any] | None) -> str:
    """The start of the assistant's reply written into the prompt when a call is required:
    the model continues a ``<tool_call>`` it cannot leave, naming the tool (or, for a named
    tool, writing only its arguments).

    Why not only the grammar: llama.cpp checks a grammar against all 151k vocabulary
    entries per generated token, which made a 26-token call take 5-6 s on 2 cores; a
    prefilled call costs nothing extra. The grammar stays as the fallback when the
    continuation does not parse."""
    if isinstance(tool_choice, dict):
        name = (tool_choice.get("function") or {}).get("name", "")
        return f'{TOOL_CALL_OPEN}\n{{"name": {json.dumps(name)}, "arguments": '
    return f'{TOOL_CALL_OPEN}\n{{"name": "'
