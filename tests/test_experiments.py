"""A/B experiments: declaration and refusal at load, deterministic split-respecting
assignment, a variant's setting reaching the response over real HTTP, exposures on both
state backends, the report's statistics on a hand-computable dataset (and its fixed
horizon), and one short end-to-end run of the SIMULATED shoppers through the real API."""

from __future__ import annotations

import json
import math
import uuid
from pathlib import Path

import httpx
import pytest
from scipy import stats

from catalog.state_database import PostgresDatabase, SQLiteDatabase
from config import Settings
from config.experiments import (
    Experiment,
    ExperimentConfigError,
    ExperimentPlan,
    per_request,
    read_experiments,
)
from evals.experiment_data import ExperimentData, SessionOutcome, load_experiment_data
from evals.experiment_stats import analyse, planned_sample_sizes
from tools.experiments import Experiments

BACKENDS = ["sqlite", "postgresql"]


def _experiment(**extra) -> Experiment:
    spec = {
        "name": "exp",
        "variants": [{"name": "A"}, {"name": "B", "settings": {"fusion": "dbsf"}}],
        "baseline_rate": 0.3,
        "minimum_detectable_lift": 1.0,
    }
    return Experiment.model_validate({**spec, **extra})


# --- declaration and assignment -------------------------------------------------------------


def test_assignment_is_deterministic_and_respects_the_split() -> None:
    experiment = _experiment(variants=[{"name": "A", "weight": 1}, {"name": "B", "weight": 3}])
    ids = [uuid.UUID(int=n * 7919 + 1).hex for n in range(20_000)]
    first = [experiment.assign(i) for i in ids]
    assert first == [experiment.assign(i) for i in ids]  # same unit, same variant, every time
    share_b = first.count("B") / len(first)
    assert stats.binomtest(first.count("B"), len(first), 0.75).pvalue > 0.001, share_b
    # another salt (another experiment) splits the same units independently of this one
    other = _experiment(name="other", variants=[{"name": "A", "weight": 1}, {"name": "B", "weight": 3}])
    both_b = sum(a == "B" and other.assign(i) == "B" for a, i in zip(first, ids))
    assert stats.binomtest(both_b, len(ids), 0.75 * 0.75).pvalue > 0.001


def test_settings_that_cannot_vary_per_request_are_refused_at_load(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'understanding', which cannot vary per request"):
        _experiment(variants=[{"name": "A"}, {"name": "B", "settings": {"understanding": "llm"}}])
    with pytest.raises(ExperimentConfigError, match="fusion"):  # a value the setting itself refuses
        bad_value = _experiment(variants=[{"name": "A"}, {"name": "B", "settings": {"fusion": "max"}}])
        ExperimentPlan([bad_value], Settings())
    with pytest.raises(ExperimentConfigError, match="both change 'fusion'"):
        ExperimentPlan([_experiment(), _experiment(name="exp2")], Settings())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"experiments": [{"name": "x", "variants": [{"name": "A"}]}]}))
    with pytest.raises(ExperimentConfigError, match="variants"):
        read_experiments(bad)
    toml = tmp_path / "ok.toml"
    toml.write_text(
        '[[experiments]]\nname = "t"\nbaseline_rate = 0.2\nminimum_detectable_lift = 0.1\n'
        '[[experiments.variants]]\nname = "A"\n[[experiments.variants]]\nname = "B"\n'
        "[experiments.variants.settings]\nrecommend_mmr_lambda = 0.5\n"
    )
    assert read_experiments(toml).experiments[0].variants[1].settings == {"recommend_mmr_lambda": 0.5}


def test_per_request_reads_the_assigned_variant_and_records_the_read() -> None:
    settings = Settings()
    plan = ExperimentPlan([_experiment()], settings)
    unit_b = next(u for u in (f"session-{n:04d}" for n in range(100)) if plan.experiments[0].assign(u) == "B")
    assert per_request(settings, "fusion") == "rrf"  # outside a request: the settings
    with plan.serving(unit_b) as serving:
        assert serving.shaped() == []  # assigned, but nothing read yet: no exposure
        assert per_request(settings, "fusion") == "dbsf"
        assert [a.variant for a in serving.shaped()] == ["B"]
    assert per_request(settings, "fusion") == "rrf"


# --- a variant reaches the response over HTTP ---------------------------------------------


@pytest.fixture(scope="module")
def experiment_server(subset_index: Settings, search, tmp_path_factory: pytest.TempPathFactory):
    """The real app with an experiments file: `shortlist` serves 3 results by default in B."""
    from server import create_app
    from tests.server_helpers import LiveServer

    path = tmp_path_factory.mktemp("experiments") / "experiments.yaml"
    path.write_text(
        "experiments:\n"
        "  - name: shortlist\n"
        "    variants:\n"
        "      - {name: A}\n"
        "      - {name: B, settings: {default_k: 3}}\n"
        "    baseline_rate: 0.5\n"
        "    minimum_detectable_lift: 0.5\n"
        "  - name: sim-planted\n"
        "    variants:\n"
        "      - {name: A}\n"
        "      - {name: B, settings: {rrf_k: 60}}\n"
        "    baseline_rate: 0.5\n"
        "    minimum_detectable_lift: 0.5\n"
    )
    settings = subset_index.model_copy(
        update={"experiments_file": path, "rate_limit": "100000/minute", "chat_rate_limit": "100000/minute"}
    )
    with LiveServer(create_app(settings, search=search)) as server:
        yield server, settings


def test_a_declared_experiment_changes_the_response_for_the_assigned_variant(experiment_server) -> None:
    server, settings = experiment_server
    shortlist = ExperimentPlan.from_settings(settings).get("shortlist")
    assert shortlist is not None
    with httpx.Client(base_url=server.url, timeout=60) as http:
        seen: dict[str, str] = {}
        while len(seen) < 2:
            session_id = http.post("/v1/sessions").json()["session_id"]
            seen.setdefault(shortlist.assign(session_id), session_id)
        for variant, session_id in seen.items():
            found = http.post("/v1/search", json={"query": "black shirt for men", "session_id": session_id})
            assert found.status_code == 200
            assert len(found.json()["results"]) == (3 if variant == "B" else 10)
            assert f"shortlist={variant}" in found.headers["x-atelier-experiments"]
        anonymous = http.post("/v1/search", json={"query": "black shirt for men"})
        assert len(anonymous.json()["results"]) == 10 and "x-atelier-experiments" not in anonymous.headers
        # chat searches too (rrf_k: `sim-planted`), answered whole or streamed
        chat_session = seen["A"]
        planted = ExperimentPlan.from_settings(settings).get("sim-planted")
        assert planted is not None
        expected = f"sim-planted={planted.assign(chat_session)}"
        answer = http.post("/v1/chat", json={"message": "black shirts for men", "session_id": chat_session})
        assert answer.status_code == 200 and expected in answer.headers["x-atelier-experiments"]
        streamed = http.post(
            "/v1/chat", json={"message": "in blue", "session_id": chat_session, "stream": True}, timeout=60
        )
        assert streamed.status_code == 200 and expected in streamed.headers["x-atelier-experiments"]
        assert "event: done" in streamed.text
    database = SQLiteDatabase(settings.sqlite_path)
    try:
        rows = database.fetchall(
            "SELECT session_id, variant, surface, latency_ms FROM experiment_exposures WHERE experiment='shortlist'"
        )
    finally:
        database.close()
    logged = {(s, v) for s, v, surface, latency in rows if surface == "search" and latency > 0}
    assert {(s, v) for v, s in seen.items()} <= logged
    database = SQLiteDatabase(settings.sqlite_path)
    try:
        chats = database.fetchall(
            "SELECT COUNT(*) FROM experiment_exposures WHERE experiment='sim-planted' AND surface='chat' "
            "AND session_id=?",
            (chat_session,),
        )
    finally:
        database.close()
    assert chats == [(2,)]  # one per answer, the streamed one logged when its stream ended


# --- exposures on both state backends -------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_exposures_are_logged_on_both_backends(backend: str, request, tmp_path: Path) -> None:
    if backend == "postgresql":
        database = PostgresDatabase(request.getfixturevalue("postgres").create_database())
    else:
        database = SQLiteDatabase(tmp_path / "state.sqlite3")
    settings = Settings()
    experiments = Experiments(ExperimentPlan([_experiment()], settings), database)
    try:
        with experiments.serving("session-read", "search"):
            per_request(settings, "fusion")
        with experiments.serving("session-not-read", "recommendations"):
            per_request(settings, "recommend_mmr_lambda")  # not what this experiment varies
        with pytest.raises(RuntimeError), experiments.serving("session-failed", "search"):
            per_request(settings, "fusion")
            raise RuntimeError("the request failed: nothing was shown")
        rows = experiments.exposures.rows("exp")
        assert [(s, v) for s, v, _, _ in rows] == [("session-read", _experiment().assign("session-read"))]
        data = load_experiment_data(database, "exp")  # the report's reader joins events and orders
        assert [o.session_id for o in data.sessions] == ["session-read"]
    finally:
        experiments.close()
        database.close()


# --- the report's statistics ----------------------------------------------------------------


def _outcomes(variant: str, n: int, carted: int, revenue: list[float], start: float = 0.0) -> list[SessionOutcome]:
    return [
        SessionOutcome(
            session_id=f"{variant}{i}",
            variant=variant,
            first_exposed=start + i,
            impressions=10,
            clicks=2 + (i % 2),  # 2, 3, 2, 3, ...
            add_to_cart=i < carted,
            ordered=i < len(revenue),
            revenue=revenue[i] if i < len(revenue) else 0.0,
            latencies_ms=[100.0 + i],
        )
        for i in range(n)
    ]


def _normal_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def test_report_statistics_match_hand_computation() -> None:
    experiment = _experiment()  # baseline 0.3, lift +100%: h = 2 asin(sqrt .6) - 2 asin(sqrt .3)
    h = 2 * math.asin(math.sqrt(0.6)) - 2 * math.asin(math.sqrt(0.3))
    z_alpha, z_power = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    n = math.ceil(2 * (z_alpha + z_power) ** 2 / h**2)  # the textbook two-sample size, normal approximation
    assert planned_sample_sizes(experiment) == {"A": n, "B": n}
    a = _outcomes("A", n, carted=n // 4, revenue=[100.0, 300.0])
    b = _outcomes("B", n, carted=n // 2, revenue=[200.0, 400.0, 600.0])
    late = _outcomes("B", 30, carted=0, revenue=[], start=10_000.0)  # after the horizon: never analysed
    for i, row in enumerate(late):
        row.session_id = f"late{i}"
    report = analyse(experiment, ExperimentData(sessions=a + b + late))
    assert report.status == "complete"
    arm_b = next(v for v in report.variants if v.name == "B")
    assert (arm_b.sessions, arm_b.analysed_sessions) == (n + 30, n)
    # SRM on all exposed sessions: chi-square with 1 df
    expected = (2 * n + 30) / 2
    chi2 = 2 * (15**2) / expected
    assert report.sample_ratio.chi2 == pytest.approx(chi2)
    assert report.sample_ratio.p_value == pytest.approx(math.erfc(math.sqrt(chi2 / 2)))
    # add-to-cart: Wilson interval, and the unpooled Wald difference
    p_a, p_b = (n // 4) / n, (n // 2) / n
    centre = (p_b + z_alpha**2 / (2 * n)) / (1 + z_alpha**2 / n)
    half = z_alpha / (1 + z_alpha**2 / n) * math.sqrt(p_b * (1 - p_b) / n + z_alpha**2 / (4 * n * n))
    cart_b = arm_b.metrics["add_to_cart_rate"]
    assert (cart_b.value, cart_b.ci_low, cart_b.ci_high) == pytest.approx((p_b, centre - half, centre + half))
    se = math.sqrt(p_a * (1 - p_a) / n + p_b * (1 - p_b) / n)
    diff = arm_b.vs_control["add_to_cart_rate"]
    assert diff.absolute == pytest.approx(p_b - p_a)
    assert (diff.ci_low, diff.ci_high) == pytest.approx((p_b - p_a - z_alpha * se, p_b - p_a + z_alpha * se))
    assert diff.p_value == pytest.approx(_normal_p((p_b - p_a) / se))
    assert diff.p_value < 0.05 and report.decision == {"B": "better than control"}
    # CTR: sum clicks / sum impressions; the same in both arms here, so the difference is 0
    clicks = sum(2 + (i % 2) for i in range(n))
    assert arm_b.metrics["ctr"].value == pytest.approx(clicks / (10 * n))
    assert arm_b.vs_control["ctr"].absolute == pytest.approx(0.0)
    assert arm_b.vs_control["ctr"].p_value == pytest.approx(1.0)
    # revenue per session: means, and Welch's t
    rev_a = [100.0, 300.0] + [0.0] * (n - 2)
    rev_b = [200.0, 400.0, 600.0] + [0.0] * (n - 3)
    mean_a, mean_b = sum(rev_a) / n, sum(rev_b) / n
    var_a = sum((x - mean_a) ** 2 for x in rev_a) / (n - 1)
    var_b = sum((x - mean_b) ** 2 for x in rev_b) / (n - 1)
    t = (mean_b - mean_a) / math.sqrt(var_a / n + var_b / n)
    df = (var_a / n + var_b / n) ** 2 / ((var_a / n) ** 2 / (n - 1) + (var_b / n) ** 2 / (n - 1))
    revenue = arm_b.vs_control["revenue_per_session"]
    assert arm_b.metrics["revenue_per_session"].value == pytest.approx(mean_b)
    assert revenue.absolute == pytest.approx(mean_b - mean_a)
    assert revenue.p_value == pytest.approx(2 * stats.t.sf(abs(t), df))
    # conversion: 3 of n orders in B
    assert arm_b.metrics["conversion"].value == pytest.approx(3 / n)
    # p95 of B's analysed latencies 100..100+n-1
    latencies = sorted(100.0 + i for i in range(n))
    rank = 0.95 * (n - 1)
    low = latencies[int(rank)]
    p95 = low + (rank - int(rank)) * (latencies[int(rank) + 1] - low)
    assert arm_b.metrics["p95_latency_ms"].value == pytest.approx(p95)


def test_report_refuses_a_verdict_before_the_horizon_and_on_a_sample_ratio_mismatch() -> None:
    experiment = _experiment()
    n = planned_sample_sizes(experiment)["A"]
    early = analyse(experiment, ExperimentData(sessions=_outcomes("A", n - 1, 0, []) + _outcomes("B", n, n, [])))
    assert early.status == "collecting" and early.decision is None
    assert all(v.vs_control is None for v in early.variants)
    assert "fixed horizon not reached" in early.message
    skewed = analyse(experiment, ExperimentData(sessions=_outcomes("A", n, 0, []) + _outcomes("B", 3 * n, n, [])))
    assert skewed.status == "invalid" and skewed.decision is None and not skewed.sample_ratio.ok


# --- the SIMULATED shoppers, end to end ---------------------------------------------------------


def test_simulated_shoppers_run_end_to_end_through_the_api_and_the_report(experiment_server) -> None:
    from evals.experiments_cli import build_reports
    from evals.simulator import ShopperSimulator, SimulationConfig

    server, settings = experiment_server
    config = SimulationConfig(
        sessions=24, seed=3, experiment="sim-planted", planted_variant="B", planted_lift=0.5, concurrency=2
    )
    sessions = ShopperSimulator(server.url, config).run()
    # the only refusals a simulated shopper may meet are the store's stock conflicts (409)
    assert all(error.endswith(": 409") for s in sessions for error in s.errors)
    planted = ExperimentPlan.from_settings(settings).get("sim-planted")
    assert planted is not None
    # the API applied the hashed assignment the declaration implies, for every simulated shopper
    assert all(s.variant == planted.assign(s.session_id) for s in sessions)
    treated = [s for s in sessions if s.variant == "B" and s.base_cart_probability > 0]
    assert all(s.cart_probability == pytest.approx(min(0.99, 1.5 * s.base_cart_probability)) for s in treated)
    (report,) = build_reports(settings, "sim-planted")
    database = SQLiteDatabase(settings.sqlite_path)
    try:
        data = {o.session_id: o for o in load_experiment_data(database, "sim-planted").sessions}
    finally:
        database.close()
    # every simulated session is in the report's data, in its variant, with what it did
    # (other tests' sessions on this server searched too: they are exposed as well)
    for s in sessions:
        outcome = data[s.session_id]
        assert (outcome.variant, outcome.add_to_cart, outcome.ordered) == (s.variant, s.carted, s.ordered)
        assert outcome.clicks == s.clicks and outcome.impressions >= s.shown
    by_name = {v.name: v for v in report.variants}
    assert {n: v.sessions for n, v in by_name.items()} == {
        n: sum(o.variant == n for o in data.values()) for n in ("A", "B")
    }
    assert all(v.metrics["ctr"].value > 0 for v in by_name.values())
    # 24 sessions: far from the horizon, so no decision. The split is hashed from random session
    # ids, so about one run in a thousand meets a sample ratio mismatch (p < 0.001) by chance
    # (22 of 26 in B, seen once in CI); the report then says invalid, as it must.
    assert report.decision is None
    assert report.status == ("collecting" if report.sample_ratio.ok else "invalid"), report.message
