"""``atelier bench chat``: rule-planner turn latency over varied multi-turn
conversations on the ingested catalog, and time to the first streamed event."""

from __future__ import annotations

import random
import time

from agent import Assistant
from evals.metrics import percentile

CONVERSATIONS = [
    [
        "a navy casual shirt for men under 1500",
        "cheaper",
        "in white instead",
        "is the first one available in M?",
        "what goes with it?",
        "add it in M to my cart",
        "show my cart",
    ],
    ["black heels for women", "show more", "is the second one a good deal?", "similar to the first one"],
    ["200元以内的红色连衣裙", "男士黑色运动鞋", "女士手表 不超过3000元"],
    ["outfit for a wedding for women under 5000", "can I return sale items?", "how do your kurtas run?"],
    ["I'm a size L", "tshirts for men", "not that brand", "in grey instead", "add the third one to my cart"],
    ["running shoes for men size 9", "cheaper", "do you sell laptops?", "watch for my wife under 3000"],
    ["office look for men under 6000", "is delivery free?", "white sneakers for women", "is it available in UK6?"],
    ["kurti between 500 and 1000", "in blue instead", "what goes with the first one?", "hi"],
]


def run_chat_benchmark(assistant: Assistant, rounds: int = 3, seed: int = 3) -> dict:
    rng = random.Random(seed)
    assistant.chat("warm up")
    turns: list[float] = []
    first_event: list[float] = []
    by_intent: dict[str, list[float]] = {}
    cold: list[float] = []
    for round_no in range(rounds):
        conversations = CONVERSATIONS[:]
        rng.shuffle(conversations)
        for conversation in conversations:
            session = None
            for message in conversation:
                started = time.perf_counter()
                events = assistant.stream(message, session)
                first = next(events)
                first_event.append((time.perf_counter() - started) * 1e3)
                *_, done = events
                elapsed = (time.perf_counter() - started) * 1e3
                session = done.data.session_id
                turns.append(elapsed)
                if round_no == 0:
                    cold.append(elapsed)
                by_intent.setdefault(done.data.intent, []).append(elapsed)
                del first
    return {
        "suite": "bench-chat",
        "turns": len(turns),
        "planner": "rules",
        "systems": {
            "rule_planner_turn": {"p50_ms": round(percentile(turns, 50), 1), "p99_ms": round(percentile(turns, 99), 1)},
            "rule_planner_turn, first round only (no cached query embeddings)": {
                "p50_ms": round(percentile(cold, 50), 1),
                "p99_ms": round(percentile(cold, 99), 1),
            },
            "time_to_first_event": {
                "p50_ms": round(percentile(first_event, 50), 1),
                "p99_ms": round(percentile(first_event, 99), 1),
            },
        },
        "by_intent_p50_ms": {k: round(percentile(v, 50), 1) for k, v in sorted(by_intent.items())},
    }
