"""Ranking metrics with graded labels (gains 2^g - 1)."""

from __future__ import annotations

import math


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranked: list[int], all_grades: list[int], k: int) -> float:
    ideal = dcg(sorted(all_grades, reverse=True)[:k])
    return dcg(ranked[:k]) / ideal if ideal else 0.0


def recall_at(ranked_top: list[bool], n_relevant: int, k: int) -> float:
    """Share of the fully relevant items found in the top k, capped at k (so a query
    with 900 relevant items can still reach 1.0)."""
    denominator = min(n_relevant, k)
    return sum(ranked_top[:k]) / denominator if denominator else 0.0


def reciprocal_rank(ranked_top: list[bool]) -> float:
    return next((1.0 / (i + 1) for i, hit in enumerate(ranked_top) if hit), 0.0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[index]
