"""A RAM cache of model states that stays within its byte budget.

Why not llama-cpp-python's ``LlamaRAMCache`` as it is: every saved state carries a copy
of the logits buffer (``scores``: n_batch x vocabulary floats, 512 x 151,936 x 4 bytes =
311 MB for Qwen2.5), which the cache neither counts nor needs (sampling runs inside
llama.cpp's sampler; those rows are only read for ``logprobs``, which this server does
not offer). States of the agent's ~1.8k-token prompts are ~50 MB, so a 1 GB budget held
~20 states and ~6 GB of uncounted logits copies: the server's resident memory grew to
~10 GB over a long evaluation (`atelier bench llm-memory`: +264 MB per completion with the
stock cache, +12 MB with this one, same prompts).
Here each state keeps one logits row (``load_state`` broadcasts it), and the budget
counts everything a state holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_cpp import LlamaRAMCache


def state_bytes(state: Any) -> int:
    """What one saved state occupies: the llama.cpp state plus its numpy arrays."""
    return int(state.llama_state_size) + int(state.scores.nbytes) + int(state.input_ids.nbytes)


class BoundedStateCache(LlamaRAMCache):
    """``LlamaRAMCache`` (longest-prefix lookup, least recently used out first) whose
    entries are slimmed on insert and whose size is their true size."""

    @property
    def cache_size(self) -> int:
        return sum(state_bytes(s) for s in self.cache_state.values())

    def __setitem__(self, key: Sequence[int], value: Any) -> None:
        if value.scores.ndim == 2 and value.scores.shape[0] > 1:
            value.scores = value.scores[-1:].copy()  # a fresh small array: the 311 MB copy is freed
        super().__setitem__(key, value)
