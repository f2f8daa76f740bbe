"""The local LLM server's state cache stays within its byte budget (it once held ~5 GB
of uncounted logits copies under a 1 GB budget) and still finds the longest cached
prefix. Real ``LlamaState`` objects of the shape llama-cpp-python saves for Qwen2.5
(512 x 151,936 logits); no model is needed to check the bookkeeping."""

from __future__ import annotations

import numpy as np
import pytest

llama_cpp = pytest.importorskip("llama_cpp")

VOCAB = 151_936


def _state(tokens: list[int], kv_bytes: int) -> object:
    ids = np.zeros(4096, dtype=np.intc)
    ids[: len(tokens)] = tokens
    return llama_cpp.llama.LlamaState(
        input_ids=ids,
        scores=np.ones((512, VOCAB), dtype=np.single),
        n_tokens=len(tokens),
        llama_state=b"\0" * kv_bytes,
        llama_state_size=kv_bytes,
        seed=0,
    )


def test_saved_states_keep_one_logits_row_and_the_budget_counts_everything() -> None:
    from llm_server.state_cache import BoundedStateCache, state_bytes

    cache = BoundedStateCache(capacity_bytes=20 << 20)
    for i in range(8):  # 8 states of 4 MB + 0.6 MB: only 4 fit in 20 MB
        cache[[1, 2, 3, 100 + i]] = _state([1, 2, 3, 100 + i], 4 << 20)
        assert cache.cache_size <= 20 << 20
    assert len(cache.cache_state) == 4
    assert all(s.scores.shape == (1, VOCAB) for s in cache.cache_state.values())
    assert cache.cache_size == sum(state_bytes(s) for s in cache.cache_state.values())
    newest = cache[[1, 2, 3, 107, 9, 9]]  # longest prefix wins; the oldest were evicted first
    assert newest.input_ids[3] == 107
    with pytest.raises(KeyError):
        cache[[5, 5]]


def test_a_slimmed_state_loads_into_a_model_sized_logits_buffer() -> None:
    """``Llama.load_state`` assigns the saved rows into its (n_batch, vocab) buffer;
    one row broadcasts, so a slimmed state restores without error."""
    from llm_server.state_cache import BoundedStateCache

    cache = BoundedStateCache(capacity_bytes=64 << 20)
    cache[[1, 2, 3]] = _state([1, 2, 3], 1 << 20)
    restored = cache[[1, 2, 3]]
    buffer = np.zeros((512, VOCAB), dtype=np.single)
    buffer[: restored.n_tokens, :] = restored.scores.copy()  # what load_state does
    assert buffer[:3].min() == 1.0 and buffer[3:].max() == 0.0
