"""``atelier experiments report | simulate | power`` (registered through entry points).

``report`` reads the experiments declared in ``ATELIER_EXPERIMENTS_FILE`` and their
exposures, events and orders from the state database (the SQLite file, or PostgreSQL with
``ATELIER_DATABASE_URL``). ``simulate`` and ``power`` are SIMULATED: synthetic shoppers,
never real ones, and every output they write says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from catalog.state_database import SQLiteDatabase, open_state_database
from cli.errors import reports_errors
from config import Settings
from config.experiments import Experiment, ExperimentConfigError, ExperimentPlan
from evals.experiment_data import load_experiment_data
from evals.experiment_power import error_rate
from evals.experiment_stats import METRICS, ExperimentReport, analyse
from evals.simulator import SIMULATED, ShopperSimulator, SimulatedSession, SimulationConfig, summarise

experiments_app = typer.Typer(
    help="A/B experiments: the readout, and SIMULATED shoppers to check it.", no_args_is_help=True
)
console = Console()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _experiments(settings: Settings, name: str | None) -> list[Experiment]:
    plan = ExperimentPlan.from_settings(settings)
    if settings.experiments_file is None:
        raise ExperimentConfigError(
            "no experiments are declared: set ATELIER_EXPERIMENTS_FILE to a YAML/JSON/TOML file"
        )
    if name is None:
        return plan.experiments
    found = plan.get(name)
    if found is None:
        raise ExperimentConfigError(f"no running experiment named {name!r} in {settings.experiments_file}")
    return [found]


def build_reports(settings: Settings, name: str | None = None) -> list[ExperimentReport]:
    """Every (or the named) declared experiment's report from the state database."""
    experiments = _experiments(settings, name)
    database = open_state_database(settings) or SQLiteDatabase(settings.sqlite_path)
    try:
        return [analyse(e, load_experiment_data(database, e.name)) for e in experiments]
    finally:
        database.close()


@experiments_app.command("report")
@reports_errors
def report(
    experiment: Annotated[str | None, typer.Option("--experiment", "-e", help="Only this experiment.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Per variant: sessions, CTR, add-to-cart rate, conversion, revenue per session, p95
    latency with confidence intervals; the difference vs control with CI and p-value once
    the fixed horizon is reached; a sample-ratio-mismatch check."""
    reports = build_reports(Settings(), experiment)
    if as_json:
        print(json.dumps({"experiments": [r.model_dump(mode="json") for r in reports]}, ensure_ascii=False))
        return
    for r in reports:
        _print_report(r)


def _fmt(value: float | None, digits: int = 4) -> str:
    return "-" if value is None else f"{value:.{digits}g}"


def _print_report(r: ExperimentReport) -> None:
    table = Table("variant", "sessions", *METRICS, title=f"experiment {r.experiment} ({r.status})")
    for v in r.variants:
        cells = [
            f"{_fmt(m.value)} [{_fmt(m.ci_low)}, {_fmt(m.ci_high)}]" for m in (v.metrics[name] for name in METRICS)
        ]
        table.add_row(v.name, f"{v.analysed_sessions}/{v.planned_sessions} ({v.sessions})", *cells)
        if v.vs_control is not None:
            diffs = [
                f"{_fmt(d.absolute)} [{_fmt(d.ci_low)}, {_fmt(d.ci_high)}] p={_fmt(d.p_value, 3)}"
                for d in (v.vs_control[name] for name in METRICS)
            ]
            table.add_row(f"  {v.name} - {r.control}", "", *diffs)
    console.print(table)
    srm = r.sample_ratio
    console.print(
        f"sample ratio: observed {srm.observed}, p = {_fmt(srm.p_value, 3)} ({'ok' if srm.ok else 'MISMATCH'})"
    )
    console.print(f"method: {r.method}")
    console.print(f"[bold]{r.message}[/bold]")


@experiments_app.command("simulate")
@reports_errors
def simulate(
    url: Annotated[str, typer.Option("--url", help="A running `atelier serve`, e.g. http://127.0.0.1:8000")],
    experiment: Annotated[str, typer.Option("--experiment", "-e", help="The experiment to read variants of.")],
    sessions: Annotated[int, typer.Option("--sessions", "-n", min=1)] = 200,
    planted_variant: Annotated[
        str | None, typer.Option("--planted-variant", help="This variant's SIMULATED shoppers cart more.")
    ] = None,
    lift: Annotated[float, typer.Option("--lift", min=0, help="Relative lift of the planted variant's carts.")] = 0.1,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=32)] = 4,
    out: Annotated[Path | None, typer.Option("--out", help="Write every SIMULATED session here (JSON).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """SIMULATED shoppers: synthetic sessions with hidden preferences browse, click, cart and
    buy through the HTTP API at URL (no real shopper is involved)."""
    config = SimulationConfig(
        sessions=sessions,
        seed=seed,
        experiment=experiment,
        planted_variant=planted_variant,
        planted_lift=lift if planted_variant else 0.0,
        concurrency=concurrency,
    )
    results = ShopperSimulator(url, config).run()
    summary = {**summarise(results), "config": config.model_dump()}
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({**summary, "sessions": [s.model_dump() for s in results]}, ensure_ascii=False))
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        console.print_json(json.dumps(summary, ensure_ascii=False))


@experiments_app.command("power")
@reports_errors
def power(
    experiment: Annotated[str, typer.Option("--experiment", "-e", help="A declared experiment (its plan and split).")],
    sessions_file: Annotated[
        Path, typer.Option("--sessions-file", help="`experiments simulate --out` of a SIMULATED HTTP run.")
    ],
    replicates: Annotated[int, typer.Option("--replicates", min=1)] = 200,
    lift: Annotated[float, typer.Option("--lift", min=0, help="Planted lift; 0 = A/A (false positives).")] = 0.0,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """SIMULATED replicate experiments at the statistics level: the report's false-positive
    rate (lift 0) or power (lift > 0) at its planned sample size."""
    found = _experiments(Settings(), experiment)[0]
    try:
        recorded = json.loads(sessions_file.read_text())
        simulated = [SimulatedSession(**s) for s in recorded["sessions"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ExperimentConfigError(f"{sessions_file} is not a `simulate --out` file: {exc}") from exc
    exposed = [s.base_cart_probability for s in simulated if s.variant is not None]  # before any planted lift
    if not exposed:
        raise ExperimentConfigError(f"{sessions_file} holds no exposed sessions")
    result = error_rate(found, exposed, replicates, lift, seed)
    payload = {"label": SIMULATED, **result.model_dump()}
    if as_json:
        print(json.dumps(payload))
    else:
        console.print_json(json.dumps(payload))


if __name__ == "__main__":  # `python -m evals.experiments_cli` before the entry point is installed
    experiments_app()
