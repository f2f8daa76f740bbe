"""``atelier bench llm-memory``: resident memory and prompt-cache hits of the local LLM
under interleaved conversations, llama-cpp-python's own ``LlamaRAMCache`` against the
server's ``BoundedStateCache`` at the same byte budget.

Two long prompt prefixes (as two conversations, or the agent and an LLM judge, would
send) alternate, each with a new short question, so every completion needs the other
prefix's saved state. Each variant runs in its own process (RSS is per process), with
the same model, settings and prompts; a completion that found its prefix in the cache
takes about a second, one that did not re-reads the whole prefix (tens of seconds)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

VARIANTS = ("stock", "bounded")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _prefixes() -> tuple[str, str]:
    from prompts import load_prompt

    system = load_prompt("understand")  # the prompt the LLM reader sends
    lines = system.splitlines()
    return (system + "\n" + system, "\n".join(reversed(lines)) + "\n" + system)


def measure(variant: str, model: Path, completions: int, budget_mb: int, threads: int) -> dict[str, Any]:
    """One variant in this process: seconds and RSS after every completion."""
    from llama_cpp import Llama, LlamaRAMCache

    from llm_server.state_cache import BoundedStateCache

    llama = Llama(
        model_path=str(model), n_ctx=4096, n_threads=threads, n_threads_batch=threads, n_batch=512, verbose=False
    )
    cache_type = BoundedStateCache if variant == "bounded" else LlamaRAMCache
    llama.set_cache(cache_type(capacity_bytes=budget_mb << 20))
    prefixes = _prefixes()
    rows = []
    for i in range(completions):
        prompt = f"{prefixes[i % 2]}\nQuestion {i}: which colour goes with navy #{i}?\nAnswer:"
        tokens = llama.tokenize(prompt.encode(), add_bos=False)
        started = time.perf_counter()
        llama.create_completion(tokens, max_tokens=4, temperature=0)
        cache = llama.cache
        assert isinstance(cache, LlamaRAMCache), cache
        rows.append(
            {
                "seconds": round(time.perf_counter() - started, 2),
                "rss_mb": round(_rss_mb()),
                "prompt_tokens": len(tokens),
                "cached_states": len(cache.cache_state),
                "cache_counted_mb": round(cache.cache_size / 2**20),
            }
        )
    warm = [r["seconds"] for r in rows[2:]]
    return {
        "variant": variant,
        "budget_mb": budget_mb,
        "completions": rows,
        "rss_first_mb": rows[0]["rss_mb"],
        "rss_last_mb": rows[-1]["rss_mb"],
        "rss_max_mb": max(r["rss_mb"] for r in rows),
        "warm_seconds_median": sorted(warm)[len(warm) // 2] if warm else None,
    }


def run_llm_memory(model: Path, completions: int = 24, budget_mb: int = 1024, threads: int = 2) -> dict[str, Any]:
    """Both variants, each in a fresh process, same inputs."""
    results = {}
    for variant in VARIANTS:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "evals.bench_llm_memory",
                variant,
                str(model),
                str(completions),
                str(budget_mb),
                str(threads),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parents[1],
        )
        if done.returncode != 0:
            raise RuntimeError(f"{variant} run failed:\n{done.stderr[-2000:]}")
        results[variant] = json.loads(done.stdout.strip().splitlines()[-1])
    stock, bounded = results["stock"], results["bounded"]
    return {
        "benchmark": "llm-memory",
        "model": model.name,
        "completions": completions,
        "budget_mb": budget_mb,
        "variants": results,
        "summary": {
            "rss_last_mb": {v: results[v]["rss_last_mb"] for v in VARIANTS},
            "rss_max_mb": {v: results[v]["rss_max_mb"] for v in VARIANTS},
            "rss_max_ratio_bounded_to_stock": round(bounded["rss_max_mb"] / stock["rss_max_mb"], 3),
            "warm_seconds_median": {v: results[v]["warm_seconds_median"] for v in VARIANTS},
        },
    }


if __name__ == "__main__":
    name, path, n, budget, threads = sys.argv[1:6]
    print(json.dumps(measure(name, Path(path), int(n), int(budget), int(threads))))
