"""The report's error rates, checked on SIMULATED experiments at the statistics level:
many replicate experiments whose sessions follow the simulated shoppers' own cart model
(``evals/simulator.py``), each read by the real analysis (``evals/experiment_stats.py``).

Why not 200 full HTTP runs: one run at the planned sample size is about a thousand HTTP
sessions (minutes on two cores); 200 of them would take hours. Each replicate here
resamples sessions from a real simulated HTTP run (their cart probability ``q``, which
already contains the search results, clicks and prices the API served), assigns them with
the real hash assignment of fresh session ids, and draws each cart decision as the
simulator does: Bernoulli(q), times ``1 + lift`` in the planted arm. The false-positive
rate (A/A, lift 0) and the power (planted lift) are the shares of replicates whose report
calls a difference on the primary metric, with Wilson intervals."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence

from pydantic import BaseModel
from statsmodels.stats.proportion import proportion_confint

from config.experiments import Experiment
from evals.experiment_data import ExperimentData, SessionOutcome
from evals.experiment_stats import analyse, planned_sample_sizes

LABEL = "simulated (statistics level: cart decisions from the simulator's model, no HTTP)"


class ErrorRate(BaseModel):
    label: str = LABEL
    replicates: int
    lift: float
    sessions_per_replicate: int
    planned_per_variant: dict[str, int]
    significant: int
    rate: float
    ci_low: float
    ci_high: float


def replicate(
    experiment: Experiment, cart_probabilities: Sequence[float], lift: float, treated: str | None, rng: random.Random
) -> ExperimentData:
    """One simulated experiment with exactly enough sessions for every arm to reach its
    planned size (assignment by the real hash, so the arms' sizes vary as they would)."""
    planned = planned_sample_sizes(experiment)
    counts = dict.fromkeys(planned, 0)
    sessions: list[SessionOutcome] = []
    n = 0
    while any(counts[v] < planned[v] for v in planned):
        session_id = uuid.UUID(int=rng.getrandbits(128)).hex
        variant = experiment.assign(session_id)
        counts[variant] += 1
        q = rng.choice(cart_probabilities)
        if variant == treated:
            q = min(0.99, q * (1 + lift))
        carted = rng.random() < q
        sessions.append(
            SessionOutcome(
                session_id=session_id, variant=variant, first_exposed=float(n), impressions=20, add_to_cart=carted
            )
        )
        n += 1
    return ExperimentData(sessions=sessions)


def error_rate(
    experiment: Experiment,
    cart_probabilities: Sequence[float],
    replicates: int,
    lift: float = 0.0,
    seed: int = 0,
) -> ErrorRate:
    """Share of replicates in which the report calls the treatment different from control
    (a false positive when ``lift`` is 0, the power otherwise)."""
    rng = random.Random(seed)
    treated = next(v.name for v in experiment.variants if v.name != experiment.control_name)
    significant, sizes = 0, []
    for _ in range(replicates):
        data = replicate(experiment, cart_probabilities, lift, treated, rng)
        sizes.append(len(data.sessions))
        report = analyse(experiment, data)
        verdict = (report.decision or {}).get(treated, "")
        significant += verdict != "" and not verdict.startswith("no significant")
    low, high = proportion_confint(significant, replicates, alpha=0.05, method="wilson")
    return ErrorRate(
        replicates=replicates,
        lift=lift,
        sessions_per_replicate=round(sum(sizes) / len(sizes)),
        planned_per_variant=planned_sample_sizes(experiment),
        significant=significant,
        rate=significant / replicates,
        ci_low=float(low),
        ci_high=float(high),
    )
