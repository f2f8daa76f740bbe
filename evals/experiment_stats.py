"""The statistics of an experiment's readout, fixed horizon.

Method (stated in every report): the sample size per variant is planned before the
experiment from a power calculation (statsmodels ``NormalIndPower`` on Cohen's h for the
primary metric's ``baseline_rate`` and ``minimum_detectable_lift``, two-sided, alpha split
over the treatment arms by Bonferroni). No difference is tested and no winner is called
before every arm has its planned sessions; then exactly the first planned sessions of
each arm (by first exposure) are analysed, so waiting for a lucky streak changes nothing.
A sample-ratio mismatch (chi-square of sessions per arm against the declared split,
p < 0.001) voids the decision.

Per arm: sessions; CTR (clicks / impressions, a ratio of per-session sums: delta-method
standard error, sessions as the unit); add-to-cart rate and conversion (share of sessions
with a cart add / an order: Wilson intervals); revenue per session (t interval); p95
latency of exposed responses (bootstrap interval). Against control: the difference with
its interval and p-value (unpooled Wald z for proportions, delta-method z for CTR, Welch t
for revenue, a bootstrap interval and permutation p-value for the p95)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field
from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    test_proportions_2indep,
)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from config.experiments import Experiment
from evals.experiment_data import ExperimentData, SessionOutcome

SRM_ALPHA = 0.001
METRICS = ("ctr", "add_to_cart_rate", "conversion", "revenue_per_session", "p95_latency_ms")
METHOD = (
    "fixed horizon: sample size per arm from a power calculation (NormalIndPower, Cohen's h, two-sided, "
    "Bonferroni over treatment arms); no test and no winner before every arm reaches it, then the first "
    "planned sessions of each arm are analysed; SRM by chi-square (p < 0.001 voids the decision)"
)
BOOTSTRAP_RESAMPLES = 2000


class Estimate(BaseModel):
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None


class Difference(BaseModel):
    """Treatment minus control, with its interval and the two-sided p-value."""

    absolute: float | None
    relative: float | None = Field(default=None, description="absolute / control's value")
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None


class VariantReadout(BaseModel):
    name: str
    sessions: int
    analysed_sessions: int
    planned_sessions: int
    metrics: dict[str, Estimate]
    vs_control: dict[str, Difference] | None = Field(
        default=None, description="Only once the planned sample size is reached (fixed horizon)."
    )


class SampleRatioCheck(BaseModel):
    observed: dict[str, int]
    expected: dict[str, float]
    chi2: float | None
    p_value: float | None
    ok: bool


class ExperimentReport(BaseModel):
    experiment: str
    method: str = METHOD
    primary_metric: str
    alpha: float
    alpha_per_comparison: float
    control: str
    status: str = Field(description="collecting | complete | invalid")
    decision: dict[str, str] | None = Field(default=None, description="Per treatment arm, on the primary metric.")
    message: str
    sample_ratio: SampleRatioCheck
    variants: list[VariantReadout]
    mixed_sessions: int = 0


def planned_sample_sizes(experiment: Experiment) -> dict[str, int]:
    """Sessions each arm needs to detect the declared lift with the declared power."""
    control = experiment.variant(experiment.control_name)
    baseline = experiment.baseline_rate
    treated = min(baseline * (1 + experiment.minimum_detectable_lift), 0.999)
    effect = abs(proportion_effectsize(treated, baseline))
    alpha = comparison_alpha(experiment)
    planned = {control.name: 0}
    for variant in experiment.variants:
        if variant.name == control.name:
            continue
        ratio = variant.weight / control.weight
        n_control = NormalIndPower().solve_power(
            effect_size=effect, alpha=alpha, power=experiment.power, ratio=ratio, alternative="two-sided"
        )
        planned[variant.name] = math.ceil(n_control * ratio)
        planned[control.name] = max(planned[control.name], math.ceil(n_control))
    return planned


def comparison_alpha(experiment: Experiment) -> float:
    return experiment.alpha / (len(experiment.variants) - 1)


def sample_ratio_check(experiment: Experiment, counts: dict[str, int]) -> SampleRatioCheck:
    total_weight = sum(v.weight for v in experiment.variants)
    n = sum(counts.values())
    expected = {v.name: n * v.weight / total_weight for v in experiment.variants}
    if n == 0:
        return SampleRatioCheck(observed=counts, expected=expected, chi2=None, p_value=None, ok=True)
    result = stats.chisquare([counts[v] for v in expected], [expected[v] for v in expected])
    p = float(result.pvalue)
    return SampleRatioCheck(
        observed=counts, expected=expected, chi2=float(result.statistic), p_value=p, ok=p >= SRM_ALPHA
    )


def analyse(experiment: Experiment, data: ExperimentData) -> ExperimentReport:
    """The report: per-arm metrics always; differences and a decision only at the horizon."""
    by_variant: dict[str, list[SessionOutcome]] = {v.name: [] for v in experiment.variants}
    for outcome in data.sessions:
        if outcome.variant in by_variant:
            by_variant[outcome.variant].append(outcome)
    planned = planned_sample_sizes(experiment)
    counts = {name: len(rows) for name, rows in by_variant.items()}
    srm = sample_ratio_check(experiment, counts)
    complete = all(counts[name] >= planned[name] for name in by_variant)
    # at the horizon, exactly the planned sessions (the earliest exposed) are analysed
    analysed = {name: rows[: planned[name]] if complete else rows for name, rows in by_variant.items()}
    control = experiment.control_name
    alpha = comparison_alpha(experiment)
    readouts = []
    for variant in experiment.variants:
        rows = analysed[variant.name]
        readout = VariantReadout(
            name=variant.name,
            sessions=counts[variant.name],
            analysed_sessions=len(rows),
            planned_sessions=planned[variant.name],
            metrics=arm_metrics(rows, experiment.alpha),
        )
        if complete and variant.name != control:
            readout.vs_control = compare_arms(rows, analysed[control], alpha)
        readouts.append(readout)
    status, decision, message = _decide(experiment, readouts, srm, complete, counts, planned, alpha)
    return ExperimentReport(
        experiment=experiment.name,
        primary_metric=experiment.primary_metric,
        alpha=experiment.alpha,
        alpha_per_comparison=alpha,
        control=control,
        status=status,
        decision=decision,
        message=message,
        sample_ratio=srm,
        variants=readouts,
        mixed_sessions=data.mixed_sessions,
    )


def _decide(
    experiment: Experiment,
    readouts: list[VariantReadout],
    srm: SampleRatioCheck,
    complete: bool,
    counts: dict[str, int],
    planned: dict[str, int],
    alpha: float,
) -> tuple[str, dict[str, str] | None, str]:
    if not srm.ok:
        return (
            "invalid",
            None,
            f"sample ratio mismatch (chi-square p = {srm.p_value:.2g} < {SRM_ALPHA}): assignment or exposure "
            "logging is broken; no decision can be made from these data",
        )
    if not complete:
        progress = ", ".join(f"{n} {counts[n]}/{planned[n]}" for n in planned)
        return (
            "collecting",
            None,
            f"fixed horizon not reached ({progress} sessions): no difference is tested and no winner called "
            "before every arm has its planned sample",
        )
    decision = {}
    for readout in readouts:
        if readout.vs_control is None:
            continue
        diff = readout.vs_control[experiment.primary_metric]
        if diff.p_value is not None and diff.p_value < alpha and diff.absolute is not None:
            decision[readout.name] = "better than control" if diff.absolute > 0 else "worse than control"
        else:
            decision[readout.name] = "no significant difference from control"
    summary = "; ".join(f"{name}: {verdict}" for name, verdict in decision.items())
    return "complete", decision, f"{experiment.primary_metric} at alpha {alpha:g} per comparison: {summary}"


def arm_metrics(rows: Sequence[SessionOutcome], alpha: float) -> dict[str, Estimate]:
    n = len(rows)
    carts = sum(r.add_to_cart for r in rows)
    orders = sum(r.ordered for r in rows)
    return {
        "ctr": ratio_estimate([r.clicks for r in rows], [r.impressions for r in rows], alpha),
        "add_to_cart_rate": proportion_estimate(carts, n, alpha),
        "conversion": proportion_estimate(orders, n, alpha),
        "revenue_per_session": mean_estimate([r.revenue for r in rows], alpha),
        "p95_latency_ms": p95_estimate([x for r in rows for x in r.latencies_ms], alpha),
    }


def compare_arms(treated: Sequence[SessionOutcome], control: Sequence[SessionOutcome], alpha: float) -> dict:
    return {
        "ctr": ratio_difference(
            ([r.clicks for r in treated], [r.impressions for r in treated]),
            ([r.clicks for r in control], [r.impressions for r in control]),
            alpha,
        ),
        "add_to_cart_rate": proportion_difference(
            sum(r.add_to_cart for r in treated), len(treated), sum(r.add_to_cart for r in control), len(control), alpha
        ),
        "conversion": proportion_difference(
            sum(r.ordered for r in treated), len(treated), sum(r.ordered for r in control), len(control), alpha
        ),
        "revenue_per_session": mean_difference([r.revenue for r in treated], [r.revenue for r in control], alpha),
        "p95_latency_ms": p95_difference(
            [x for r in treated for x in r.latencies_ms], [x for r in control for x in r.latencies_ms], alpha
        ),
    }


def proportion_estimate(count: int, n: int, alpha: float) -> Estimate:
    if n == 0:
        return Estimate(value=None)
    low, high = proportion_confint(count, n, alpha=alpha, method="wilson")
    return Estimate(value=count / n, ci_low=float(low), ci_high=float(high))


def proportion_difference(count_t: int, n_t: int, count_c: int, n_c: int, alpha: float) -> Difference:
    if n_t == 0 or n_c == 0:
        return Difference(absolute=None)
    p_t, p_c = count_t / n_t, count_c / n_c
    if p_t in (0.0, 1.0) and p_c in (0.0, 1.0):  # no variance: nothing to test
        return Difference(absolute=p_t - p_c, relative=_relative(p_t - p_c, p_c))
    low, high = confint_proportions_2indep(count_t, n_t, count_c, n_c, method="wald", compare="diff", alpha=alpha)
    test = test_proportions_2indep(count_t, n_t, count_c, n_c, method="wald", compare="diff")
    return Difference(
        absolute=p_t - p_c,
        relative=_relative(p_t - p_c, p_c),
        ci_low=float(low),
        ci_high=float(high),
        p_value=float(test.pvalue),
    )


def _ratio_and_variance(numerators: Sequence[float], denominators: Sequence[float]) -> tuple[float, float] | None:
    """Sum(num) / sum(den) and its delta-method variance with sessions as the unit:
    var = var(num_i - R den_i) / (n mean(den)^2)."""
    num, den = np.asarray(numerators, float), np.asarray(denominators, float)
    n = len(num)
    if n < 2 or den.sum() == 0:
        return None
    ratio = num.sum() / den.sum()
    residual = num - ratio * den
    return float(ratio), float(residual.var(ddof=1) / (n * den.mean() ** 2))


def ratio_estimate(numerators: Sequence[float], denominators: Sequence[float], alpha: float) -> Estimate:
    found = _ratio_and_variance(numerators, denominators)
    if found is None:
        total = sum(denominators)
        return Estimate(value=sum(numerators) / total if total else None)
    ratio, variance = found
    half = stats.norm.ppf(1 - alpha / 2) * math.sqrt(variance)
    return Estimate(value=ratio, ci_low=ratio - half, ci_high=ratio + half)


def ratio_difference(
    treated: tuple[Sequence[float], Sequence[float]], control: tuple[Sequence[float], Sequence[float]], alpha: float
) -> Difference:
    t, c = _ratio_and_variance(*treated), _ratio_and_variance(*control)
    if t is None or c is None:
        return Difference(absolute=None)
    diff, se = t[0] - c[0], math.sqrt(t[1] + c[1])
    if se == 0:
        return Difference(absolute=diff, relative=_relative(diff, c[0]))
    half = stats.norm.ppf(1 - alpha / 2) * se
    p = 2 * stats.norm.sf(abs(diff) / se)
    return Difference(
        absolute=diff,
        relative=_relative(diff, c[0]),
        ci_low=diff - half,
        ci_high=diff + half,
        p_value=float(p),
    )


def mean_estimate(values: Sequence[float], alpha: float) -> Estimate:
    if len(values) < 2:
        return Estimate(value=float(np.mean(values)) if values else None)
    described = DescrStatsW(np.asarray(values, float))
    if described.std == 0:
        return Estimate(value=float(described.mean), ci_low=float(described.mean), ci_high=float(described.mean))
    low, high = described.tconfint_mean(alpha=alpha)
    return Estimate(value=float(described.mean), ci_low=float(low), ci_high=float(high))


def mean_difference(treated: Sequence[float], control: Sequence[float], alpha: float) -> Difference:
    """Welch's t (unequal variances): revenue is skewed and its spread differs by arm."""
    if len(treated) < 2 or len(control) < 2:
        return Difference(absolute=None)
    t, c = DescrStatsW(np.asarray(treated, float)), DescrStatsW(np.asarray(control, float))
    diff = float(t.mean - c.mean)
    if t.std == 0 and c.std == 0:
        return Difference(absolute=diff, relative=_relative(diff, float(c.mean)))
    compare = CompareMeans(t, c)
    low, high = compare.tconfint_diff(alpha=alpha, usevar="unequal")
    _, p, _ = compare.ttest_ind(usevar="unequal")
    return Difference(
        absolute=diff,
        relative=_relative(diff, float(c.mean)),
        ci_low=float(low),
        ci_high=float(high),
        p_value=float(p),
    )


def _p95(sample: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.percentile(sample, 95, axis=axis)


def p95_estimate(latencies: Sequence[float], alpha: float) -> Estimate:
    values = np.asarray(latencies, float)
    if len(values) < 2:
        return Estimate(value=float(values[0]) if len(values) else None)
    boot = stats.bootstrap(
        (values,),
        _p95,
        confidence_level=1 - alpha,
        n_resamples=BOOTSTRAP_RESAMPLES,
        method="percentile",
        rng=0,
    )
    return Estimate(
        value=float(_p95(values)),
        ci_low=float(boot.confidence_interval.low),
        ci_high=float(boot.confidence_interval.high),
    )


def _p95_gap(treated: np.ndarray, control: np.ndarray, axis: int = -1) -> np.ndarray:
    return _p95(treated, axis) - _p95(control, axis)


def p95_difference(treated: Sequence[float], control: Sequence[float], alpha: float) -> Difference:
    """Responses as the unit (a session's latencies are close to independent: each is one
    request's own work)."""
    t, c = np.asarray(treated, float), np.asarray(control, float)
    if len(t) < 2 or len(c) < 2:
        return Difference(absolute=None)
    diff = float(_p95_gap(t, c))
    boot = stats.bootstrap(
        (t, c),
        _p95_gap,
        confidence_level=1 - alpha,
        n_resamples=BOOTSTRAP_RESAMPLES,
        method="percentile",
        rng=0,
    )
    permuted = stats.permutation_test(
        (t, c), _p95_gap, permutation_type="independent", n_resamples=BOOTSTRAP_RESAMPLES, rng=0
    )
    return Difference(
        absolute=diff,
        relative=_relative(diff, float(_p95(c))),
        ci_low=float(boot.confidence_interval.low),
        ci_high=float(boot.confidence_interval.high),
        p_value=float(permuted.pvalue),
    )


def _relative(diff: float, base: float) -> float | None:
    return diff / base if base else None
