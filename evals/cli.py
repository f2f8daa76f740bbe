"""``atelier eval SUITE`` and ``atelier bench WHAT`` (registered through entry points)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent import AssistantStack

import json
import re
import shutil
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cli.errors import fail
from config import Settings
from retrieval import ProductSearch
from retrieval.stores import StoreError

eval_app = typer.Typer(help="Measure quality on the ingested catalog.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks: latency, throughput, memory (not tests).", no_args_is_help=True)
console = Console()


def _open_search() -> ProductSearch:
    try:
        return ProductSearch.from_settings(Settings())
    except StoreError as exc:
        fail(exc.code, exc.message)


def _open_stack(settings: Settings | None = None) -> AssistantStack:
    """Search + tools + assistant on the ingested catalog, model warmed; a clear error if absent."""
    from agent import AssistantStack

    try:
        stack = AssistantStack(settings or Settings())
    except StoreError as exc:
        fail(exc.code, exc.message)
    stack.search.embedder.warm()
    return stack


def _save_or_print(result: dict, as_json: bool, out: Path | None) -> bool:
    """Write the report to ``out`` when given, print it as one JSON object when asked;
    True when printed (then nothing else goes to stdout)."""
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    return as_json


def _emit(result: dict, as_json: bool, out: Path | None) -> None:
    if _save_or_print(result, as_json, out):
        return
    for section in ("systems", "ablations"):
        rows = result.get(section) or {}
        if not rows:
            continue
        metrics = sorted({m for values in rows.values() for m, v in values.items() if isinstance(v, int | float)})
        table = Table("system", *metrics, title=f"{result['suite']}: {section}")
        for name, values in rows.items():
            table.add_row(name, *(f"{values.get(m, float('nan')):.4g}" for m in metrics))
        console.print(table)
    rest = {k: v for k, v in result.items() if k not in ("systems", "ablations", "suite")}
    console.print_json(json.dumps(rest, ensure_ascii=False))


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Also write the JSON report here.")]


@eval_app.command("retrieval")
def eval_retrieval(
    as_json: JsonFlag = False,
    out: OutOption = None,
    queries: Annotated[int, typer.Option(min=10, help="Number of generated queries.")] = 240,
) -> None:
    """NDCG@10, Recall@50, MRR for bm25, dense, hybrid and hybrid+filters in one run."""
    from evals.retrieval import run_retrieval_eval

    with closing(_open_search()) as search:
        _emit(run_retrieval_eval(search, n_queries=queries), as_json, out)


@bench_app.command("search")
def bench_search(
    as_json: JsonFlag = False,
    out: OutOption = None,
    queries: Annotated[int, typer.Option(min=20, help="Distinct queries (none is repeated).")] = 1000,
) -> None:
    """Whole-search latency p50/p99 (uncached, never-repeating queries) against a bm25s
    baseline in the same run, the query encoders alone, and RSS."""
    from evals.bench_search import run_search_benchmark

    with closing(_open_search()) as search:
        _emit(run_search_benchmark(search, n_queries=queries), as_json, out)


@bench_app.command("scale")
def bench_scale(
    as_json: JsonFlag = False,
    out: Annotated[
        Path, typer.Option("--out", help="The JSON report; the PNG plot goes next to it (same name, .png).")
    ] = Path("docs/results/bench_scale.json"),
    sizes: Annotated[
        str, typer.Option(help="Catalog sizes, comma-separated; beyond the real catalog, products are synthetic.")
    ] = "10000,44446,200000,1000000",
    queries: Annotated[int, typer.Option(min=10, help="Never-repeating queries per size.")] = 300,
) -> None:
    """The cost curve: whole-search p50/p99, RSS, on-disk index and ingest time per catalog
    size (embedded store, or the Qdrant server at QDRANT_URL), as JSON and a PNG plot."""
    from evals.bench_scale import plot_curve, run_scale_benchmark

    try:
        wanted = sorted({int(s) for s in sizes.split(",") if s.strip()})
    except ValueError:
        raise typer.BadParameter(f"--sizes takes whole numbers separated by commas, got {sizes!r}") from None
    if not wanted or min(wanted) < 1:
        raise typer.BadParameter("--sizes needs at least one size >= 1")
    settings = Settings()
    progress = (lambda _: None) if as_json else (lambda line: console.print(line, style="dim"))
    try:
        result = run_scale_benchmark(settings, wanted, n_queries=queries, progress=progress)
    except StoreError as exc:
        fail(exc.code, exc.message)
    plot = out.with_suffix(".png")
    plot_curve(result, plot)
    result["plot"] = str(plot)
    if _save_or_print(result, as_json, out):
        return
    _print_scale_table(result)


def _print_scale_table(result: dict[str, Any]) -> None:
    table = Table(
        "products",
        "synthetic",
        "whole p50/p99 ms",
        "engine p50/p99 ms",
        "search RSS MB",
        "index MB",
        "ingest s",
        title=f"bench-scale: {result['store']}",
    )
    for r in result["sizes"]:
        whole, engine = r["whole_search"], r["engine_hybrid_query"]
        table.add_row(
            f"{r['size']:,}",
            f"{r['synthetic_products']:,}",
            f"{whole['p50_ms']:.1f} / {whole['p99_ms']:.1f}",
            f"{engine['p50_ms']:.1f} / {engine['p99_ms']:.1f}",
            f"{r['search_rss_mb']:.0f}",
            "server" if r["disk_index_mb"] is None else f"{r['disk_index_mb']:.0f}",
            f"{r['ingest_seconds']:.0f}",
        )
    console.print(table)
    console.print(f"first limit hit: {result['first_limit']}; report and plot: {result['plot']}")


@bench_app.command("ingest")
def bench_ingest(
    as_json: JsonFlag = False, out: OutOption = None, limit: Annotated[int | None, typer.Option(min=1)] = None
) -> None:
    """Time a from-scratch ingest into a temporary data dir, then a no-change re-ingest."""
    from catalog import CatalogDB
    from retrieval import ingest
    from retrieval.embedding import SparseEncoder, TextEmbedder
    from retrieval.stores import open_store

    tmp = Path(tempfile.mkdtemp(prefix="atelier-bench-ingest-"))
    settings = Settings(data_dir=tmp)
    try:
        embedder = TextEmbedder(settings.text_model, settings.torch_threads, settings.embed_batch_size)
        started = time.perf_counter()
        embedder.warm()
        load_s = time.perf_counter() - started
        runs = []
        for _ in range(2):
            db, store = CatalogDB(settings.sqlite_path), open_store(settings)
            summary = ingest(
                settings.catalog, db, store, embedder, SparseEncoder(), settings.commerce_seed, limit=limit
            )
            store.close()
            db.close()
            runs.append(summary)
        result = {
            "suite": "bench-ingest",
            "products": runs[0].ingested,
            "model_load_seconds": round(load_s, 1),
            "full_ingest_seconds": runs[0].seconds,
            "products_per_second": round(runs[0].ingested / runs[0].seconds, 1),
            "reingest_unchanged_seconds": runs[1].seconds,
            "reingest_embedded": runs[1].embedded,
        }
        _emit(result, as_json, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@eval_app.command("tools")
def eval_tools(
    as_json: JsonFlag = False, out: OutOption = None, requests: Annotated[int, typer.Option(min=10)] = 200
) -> None:
    """Outfit constraint satisfaction/coherence vs random outfits; pricing and forecast backtests."""
    from evals.tools_eval import run_tools_eval

    with _open_stack() as stack:
        result = run_tools_eval(stack.kit, requests)
    if as_json or out:
        _emit(result, as_json, out)
    if not as_json:
        for part in ("outfits", "pricing_backtest", "forecast_backtest"):
            _emit({"suite": f"tools/{part}", **result[part]}, False, None)


@bench_app.command("chat")
def bench_chat(
    as_json: JsonFlag = False, out: OutOption = None, rounds: Annotated[int, typer.Option(min=1)] = 3
) -> None:
    """Rule-planner turn latency p50/p99 over varied conversations; time to first streamed event."""
    from evals.bench_chat import run_chat_benchmark

    with _open_stack() as stack:
        _emit(run_chat_benchmark(stack.assistant, rounds), as_json, out)


@eval_app.command("grounded")
def eval_grounded(
    as_json: JsonFlag = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Run only the first N scenarios.")] = None,
    url: Annotated[str | None, typer.Option(help="Evaluate a live server instead of in-process.")] = None,
    out_dir: Annotated[Path, typer.Option(help="Where grounded.json and grounded.md go.")] = Path("docs/results"),
    baseline: Annotated[Path | None, typer.Option(help="A saved report to compare against.")] = Path(
        "evals/baselines/grounded.json"
    ),
    every: Annotated[
        int, typer.Option(min=1, help="Take every Nth scenario (a subset spread over all kinds, for slow planners).")
    ] = 1,
    llm_judge: Annotated[
        bool, typer.Option(help="With an LLM configured (OPENAI_BASE_URL), also score faithfulness with it as judge.")
    ] = True,
    judge_every: Annotated[
        int,
        typer.Option(
            min=1,
            help="Judge every Nth turn that shows products (a judged "
            "turn costs a model call: tens of seconds on a small local model).",
        ),
    ] = 1,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            help="Only scenarios of this kind (repeatable), e.g. refinement: re-measure what a change was about."
        ),
    ] = None,
) -> None:
    """Groundedness, constraints, refusals and latency over the scenario suite."""
    from catalog import CatalogDB
    from evals.grounded import (
        HttpClient,
        InProcessClient,
        build_suite,
        compare,
        gate,
        run_grounded_eval,
        save,
    )

    settings = Settings()
    db = CatalogDB.from_settings(settings)
    suite = build_suite(db)
    unknown = set(kind or []) - {s.kind for s in suite}
    if unknown:
        raise typer.BadParameter(f"no scenarios of kind {sorted(unknown)}; kinds: {sorted({s.kind for s in suite})}")
    scenarios = [s for s in suite if not kind or s.kind in kind][::every][:limit]
    judge = None
    if llm_judge and settings.llm_base_url:  # RAGAS-style faithfulness by the configured LLM
        from evals.judge import FaithfulnessJudge

        judge = FaithfulnessJudge(settings.llm_base_url, settings.llm_api_key, settings.llm_model)
    if url:
        report = run_grounded_eval(scenarios, HttpClient(url), db, judge, judge_every)
    else:
        with _open_stack() as stack:
            report = run_grounded_eval(scenarios, InProcessClient(stack.assistant), db, judge, judge_every)
    save(report, out_dir)
    regressions = compare(report, json.loads(baseline.read_text())) if baseline and baseline.exists() else []
    report["regressions"], report["threshold_failures"] = regressions, gate(report)
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        from evals.grounded import markdown

        console.print(markdown(report))
        for line in regressions:
            console.print(f"[red]regression[/red] {line}")
        for line in report["threshold_failures"]:
            console.print(f"[red]threshold[/red] {line}")
    if report["threshold_failures"]:
        raise typer.Exit(1)


@eval_app.command("language")
def eval_language(
    as_json: JsonFlag = False,
    out: OutOption = None,
    split: Annotated[str, typer.Option(help="dev (tune on it), test (only measure it) or all.")] = "all",
    category: Annotated[
        list[str] | None, typer.Option(help="Only conversations of this category (repeatable).")
    ] = None,
    validate: Annotated[
        bool, typer.Option(help="Only check that every expectation can be met by catalog products (no chat turns).")
    ] = False,
    ids: Annotated[
        str | None,
        typer.Option(help="Only conversations whose id matches this regular expression ('-p6$': a paraphrase round)."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(help="A folder of conversation files to run instead of the benchmark's own (a round unread)."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="Evaluate a live server instead of in-process.")] = None,
    every: Annotated[
        int,
        typer.Option(
            min=1, help="Take every Nth conversation (a subset spread over all categories, for slow readers)."
        ),
    ] = 1,
    planner: Annotated[
        str,
        typer.Option(
            help="Who reads the messages: rules (the fast layer), llm (the LLM every "
            "turn), unsure (the LLM when the fast layer is unsure), or both (all "
            "three, one after the other). The LLM ones need OPENAI_BASE_URL."
        ),
    ] = "rules",
) -> None:
    """Shoppers' own language: conversation success, constraints, references, refusals."""
    from catalog import CatalogDB
    from evals.grounded import HttpClient
    from evals.language import load_suite, run_language_eval, satisfiable

    if split not in ("dev", "test", "all"):
        raise typer.BadParameter("split must be dev, test or all")
    try:
        pattern = re.compile(ids) if ids else None
    except re.error as exc:
        raise typer.BadParameter(f"--ids is no regular expression: {exc}") from exc
    suite = [
        c
        for c in (load_suite(data) if data else load_suite())
        if (split == "all" or c.split == split)
        and (not category or c.category in category)
        and (pattern is None or pattern.search(c.id))
    ][::every]
    if validate:
        with closing(CatalogDB.from_settings(Settings())) as db:
            problems = satisfiable(suite, db)
        for line in problems:
            console.print(line)
        console.print(
            f"{len(suite)} conversations, {sum(len(c.turns) for c in suite)} turns, "
            f"{len(problems)} unsatisfiable expectations"
        )
        raise typer.Exit(1 if problems else 0)
    readers = {
        "rules": ["fast"],
        "llm": ["llm"],
        "unsure": ["llm_when_unsure"],
        "both": ["fast", "llm", "llm_when_unsure"],
    }.get(planner)
    if readers is None:
        raise typer.BadParameter("planner must be rules, llm, unsure or both")
    if url:
        with closing(CatalogDB.from_settings(Settings())) as db:
            report = run_language_eval(suite, HttpClient(url), db)
    else:
        reports = {reader: _language_run(suite, reader) for reader in readers}
        report = (
            reports[readers[0]]
            if len(readers) == 1
            else {"suite": "language", "systems": reports, "splits": reports[readers[0]]["splits"]}
        )
    if _save_or_print(report, as_json, out):
        return
    systems = report.get("systems") or {readers[0]: report}
    for reader, system in systems.items():
        _language_tables(system, reader)


@eval_app.command("language-brief")
def eval_language_brief(
    prefix: Annotated[str, typer.Option(help="The batch's id letters (FO: ids FO-001 ..).")],
    task: Annotated[str, typer.Option(help="What the batch is about (markdown), or @FILE to read it from a file.")],
    out: Annotated[Path, typer.Option(help="The conversations file the writer is to write (its folder is validated).")],
    brief: Annotated[Path, typer.Option(help="Where to write the brief.")],
    lang: Annotated[str, typer.Option(help="The batch's language, as told to the writer.")] = "English",
    seed: Annotated[int, typer.Option(help="Which dev conversations are drawn as examples.")] = 0,
) -> None:
    """A writer's brief for a new batch of the language benchmark: schema, store conventions,
    dev examples, help pages and the catalog summary (from the ingested catalog)."""
    import sys

    from catalog import CatalogDB
    from evals.language import load_suite
    from evals.language_brief import build_brief

    try:
        text = Path(task[1:]).read_text(encoding="utf-8") if task.startswith("@") else task
    except OSError as exc:
        raise typer.BadParameter(f"--task {task}: {exc.strerror}") from exc
    atelier = Path(sys.executable).parent / "atelier"
    with closing(CatalogDB.from_settings(Settings())) as db:
        try:
            written = build_brief(prefix, text, lang, out.resolve(), load_suite(), db, seed=seed, atelier=str(atelier))
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    brief.write_text(written, encoding="utf-8")
    console.print(f"{brief}: {len(written):,} characters")


def _language_tables(report: dict, reader: str) -> None:
    for name, part in report["splits"].items():
        table = Table(
            "category",
            "convs",
            "success",
            "turns ok",
            "constraints",
            "refs",
            "refusals",
            "sort",
            "errors",
            "p50 ms",
            title=f"language: {name} ({reader})",
        )
        rows = {**part["by_category"], "ALL": part["overall"]}
        for key, row in rows.items():
            table.add_row(
                key,
                str(row["conversations"]),
                *(
                    "-" if row[m] is None else f"{row[m]:.3f}"
                    for m in (
                        "conversation_success",
                        "turn_success",
                        "constraint_satisfaction",
                        "reference_accuracy",
                        "refusal_accuracy",
                        "sort_accuracy",
                    )
                ),
                str(row["errors"]),
                f"{row['latency_ms_p50'] or 0:.0f}",
            )
        console.print(table)


def _language_run(suite: list, reader: str) -> dict:
    """The suite through an in-process assistant whose messages ``reader`` reads."""
    from evals.grounded import InProcessClient
    from evals.language import run_language_eval
    from evals.scratch import scratch_data_dir

    settings = Settings().model_copy(update={"understanding": reader})
    if reader == "fast":
        settings = settings.model_copy(update={"llm_base_url": None})
    elif not settings.llm_base_url:
        fail("no_llm", f"--planner {reader} needs OPENAI_BASE_URL", usage=True)
    with scratch_data_dir(settings) as scratch, _open_stack(scratch) as stack:  # carts and orders left behind
        report = run_language_eval(suite, InProcessClient(stack.assistant), stack.search.db)
    report["reader"] = reader
    return report


@eval_app.command("all")
def eval_all(as_json: JsonFlag = False) -> None:
    """Every suite this build has (retrieval, tools, grounded, rank, images), in one report."""
    from evals.grounded import InProcessClient, build_suite, run_grounded_eval
    from evals.images import run_images_eval
    from evals.rank import run_rank_eval
    from evals.retrieval import run_retrieval_eval
    from evals.tools_eval import run_tools_eval

    with _open_stack() as stack:
        db = stack.search.db
        result: dict[str, Any] = {
            "suite": "all",
            "suites": {
                "retrieval": run_retrieval_eval(stack.search),
                "tools": run_tools_eval(stack.kit),
                "grounded": run_grounded_eval(build_suite(db), InProcessClient(stack.assistant), db),
                "rank": run_rank_eval(
                    stack.settings.interactions_dir,
                    stack.settings.rank_models_dir,
                    stack.search.embedder.embed_documents,
                    stack.settings.rank_cache_dir,
                    stack.settings.text_model,
                ),
                "images": run_images_eval(stack.settings),
            },
            "unavailable": {},
        }
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    for name, suite in result["suites"].items():
        console.print(f"[bold]{name}[/bold]")
        console.print_json(json.dumps(suite.get("systems", suite), ensure_ascii=False))
    console.print(f"unavailable: {result['unavailable']}")


@bench_app.command("soak")
def bench_soak(
    url: Annotated[str, typer.Option(help="A running `atelier serve`.")] = "http://127.0.0.1:8000",
    pid: Annotated[int | None, typer.Option(help="The server's process id, to sample its RSS.")] = None,
    minutes: Annotated[float, typer.Option(min=0.1, max=120)] = 10,
    rate: Annotated[float, typer.Option(min=0.1, max=500, help="Requests started per second.")] = 15,
    as_json: JsonFlag = False,
    out: OutOption = None,
) -> None:
    """Mixed search/chat/photo/cart load at a fixed rate: errors, p99 per minute, RSS growth."""
    from evals.soak import run_soak

    photo = next((Settings().catalog / "images").glob("*.jpg"))
    _emit(run_soak(url, pid, minutes, rate, photo), as_json, out)


@bench_app.command("overload")
def bench_overload(
    products: Annotated[int, typer.Option(min=50, help="Catalog subset served (first N products).")] = 600,
    chats: Annotated[int, typer.Option(min=1, max=1000, help="Chat shoppers at once.")] = 200,
    photos: Annotated[int, typer.Option(min=0, max=1000, help="Photo-search shoppers at once.")] = 50,
    seconds: Annotated[float, typer.Option(min=1, max=600, help="How long shed shoppers keep retrying.")] = 30,
    server_env: Annotated[
        list[str] | None,
        typer.Option(
            "--server-env",
            help="One run per value, in the order given, the server started with these settings "
            "(KEY=VALUE, comma-separated; repeat, e.g. ATELIER_REQUESTS_AT_WORK=8 then ATELIER_REQUESTS_AT_WORK=2).",
        ),
    ] = None,
    as_json: JsonFlag = False,
    out: OutOption = None,
) -> None:
    """Chat and photo shoppers far beyond capacity against `atelier serve` on loopback while
    /healthz is probed: its p50/p99, status counts, every accepted request answered."""
    from evals.bench_overload import run_overload

    catalog = Settings().catalog
    if not (catalog / "styles.csv").is_file():
        fail("no_catalog", f"no styles.csv in {catalog} (set ATELIER_CATALOG)", usage=True)
    progress = (lambda _: None) if as_json else console.print
    if not server_env:
        _emit(run_overload(catalog, products, chats, photos, seconds, on_progress=progress), as_json, out)
        return
    runs = []
    for variant in server_env:
        pairs = [pair.split("=", 1) for pair in variant.split(",") if pair.strip()]
        if any(len(pair) != 2 or not pair[0].startswith("ATELIER_") for pair in pairs):
            fail("bad_server_env", f"--server-env takes ATELIER_KEY=VALUE pairs, not {variant!r}", usage=True)
        progress(variant)
        env = {key.strip(): value.strip() for key, value in pairs}
        runs.append(run_overload(catalog, products, chats, photos, seconds, env, progress))
    _emit({"bench": "overload", "runs": runs}, as_json, out)


@bench_app.command("serving")
def bench_serving(
    workers: Annotated[
        list[int] | None, typer.Option("--workers", min=1, max=16, help="Worker counts; repeat (default 1 and 2).")
    ] = None,
    seconds: Annotated[int, typer.Option(min=1, max=600, help="Per endpoint and worker count.")] = 20,
    connections: Annotated[int, typer.Option(min=1, max=1000, help="Open connections (wrk -c).")] = 8,
    queries: Annotated[int, typer.Option(min=100, help="Distinct search queries (none repeated in a run).")] = 8000,
    as_json: JsonFlag = False,
    out: OutOption = None,
) -> None:
    """`atelier serve` with 1 and N workers on the ingested catalog under wrk: /healthz
    (baseline, same run) and /v1/search with never-repeating queries; req/s, p50/p99, ratios."""
    from evals.bench_serving import run_serving_benchmark

    if shutil.which("wrk") is None:
        fail("missing_tool", "wrk is not installed (Debian/Ubuntu: apt-get install wrk)", usage=True)
    settings = Settings()
    if not settings.sqlite_path.is_file():
        fail("store_unavailable", f"no catalog at {settings.sqlite_path}: run `atelier ingest` first")
    result = run_serving_benchmark(
        settings,
        workers or [1, 2],
        seconds,
        connections,
        n_queries=queries,
        on_progress=(lambda _: None) if as_json else console.print,
    )
    _emit(result, as_json, out)


@bench_app.command("llm-memory")
def bench_llm_memory(
    completions: Annotated[int, typer.Option(min=4, max=200, help="Completions per variant.")] = 24,
    budget_mb: Annotated[int, typer.Option(min=64, help="State-cache budget of both variants.")] = 1024,
    as_json: JsonFlag = False,
    out: OutOption = None,
) -> None:
    """Local-LLM resident memory under interleaved prompts: stock vs bounded state cache."""
    from evals.bench_llm_memory import run_llm_memory
    from llm_server.artifacts import model_path

    settings = Settings()
    path = model_path(settings)
    if not path.is_file():
        raise typer.BadParameter(f"no local model at {path}: run `atelier llm fetch` first")
    _emit(run_llm_memory(path, completions, budget_mb, settings.llm_threads), as_json, out)


@bench_app.command("carts")
def bench_carts(
    database_url: Annotated[
        str | None,
        typer.Option(help="A scratch PostgreSQL database to compare with (its tables are created and written)."),
    ] = None,
    threads: Annotated[
        list[int] | None, typer.Option("--threads", help="Shopper threads; repeat for several runs (default 1 and 4).")
    ] = None,
    seconds: Annotated[float, typer.Option(min=1, max=600, help="Per run.")] = 20,
    processes: Annotated[
        int,
        typer.Option(
            min=0, max=32, help="Also a run with this many worker processes (one shopper each); 0 or 1 = none."
        ),
    ] = 4,
    as_json: JsonFlag = False,
    out: OutOption = None,
) -> None:
    """Cart add + checkout throughput and latency: SQLite vs PostgreSQL, on copies of the catalog."""
    from evals.bench_carts import run_cart_bench

    _emit(run_cart_bench(Settings().sqlite_path, database_url, threads or [1, 4], seconds, processes), as_json, out)


@bench_app.command("recommend")
def bench_recommend(
    as_json: JsonFlag = False, out: OutOption = None, sessions: Annotated[int, typer.Option(min=10)] = 300
) -> None:
    """recommend() latency p50/p99 for 10-item sessions over the whole catalog, vs the content-based fallback."""
    from evals.bench_recommend import run_recommend_benchmark
    from tools import Toolkit

    with closing(_open_search()) as search:
        search.embedder.warm()
        kit = Toolkit(search)
        try:
            _emit(run_recommend_benchmark(kit, sessions), as_json, out)
        finally:
            kit.close()


@bench_app.command("interest")
def bench_interest(
    as_json: JsonFlag = False, out: OutOption = None, sessions: Annotated[int, typer.Option(min=10)] = 100
) -> None:
    """Simulated sessions: share of recommendations of a clicked article type (new session,
    after 3 clicks, recommender alone) and freshness (click -> next recommendation)."""
    from evals.bench_interest import run_interest_benchmark
    from tools import Toolkit

    with closing(_open_search()) as search:
        search.embedder.warm()
        kit = Toolkit(search)
        try:
            _emit(run_interest_benchmark(kit, sessions), as_json, out)
        finally:
            kit.close()


def _unavailable(suite: str, needs: str, as_json: bool) -> None:
    message = f"the {suite} suite needs {needs}, which this build does not include yet"
    fail("suite_unavailable", message, as_json)


@eval_app.command("images")
def eval_images(
    as_json: JsonFlag = False,
    out: OutOption = None,
    limit: Annotated[int | None, typer.Option(min=100, help="First N catalog products only.")] = None,
    exact_products: Annotated[
        int, typer.Option(min=10, help="Held-out products queried by shopper photos (exact-product benchmark).")
    ] = 2000,
    exact_only: Annotated[
        bool, typer.Option("--exact-only", help="Only the exact-product and title->photo benchmarks.")
    ] = False,
) -> None:
    """Held-out text->image and image->image P@10 and zero-shot colour accuracy: the
    configured CLIP, a random-init tower and a colour histogram, in one run; "like this"
    for held-out photos against the whole catalog, as the product answers it; shopper
    photos of held-out products finding that very product (exact_top1/top3, per
    transformation); and held-out titles finding their photos (the KAGL protocol)."""
    from evals.images import run_images_eval

    try:
        result = run_images_eval(Settings(), limit=limit, exact_products=exact_products, exact_only=exact_only)
    except FileNotFoundError as exc:
        _unavailable("images", f"a CLIP model file ({exc})", as_json)
    _emit(result, as_json, out)


@bench_app.command("images")
def bench_images(
    as_json: JsonFlag = False,
    out: OutOption = None,
    photos: Annotated[int, typer.Option(min=16)] = 1024,
    queries: Annotated[int, typer.Option(min=10)] = 200,
) -> None:
    """Photo embedding throughput, photo-search latency p50/p99 (decode + preprocess + search)."""
    from evals.images import run_images_bench

    with closing(_open_search()) as search:
        _emit(run_images_bench(search, photos, queries), as_json, out)


@eval_app.command("rank")
def eval_rank(
    as_json: JsonFlag = False,
    out: OutOption = None,
    interactions: Annotated[Path | None, typer.Option(help="Folder with interactions.csv and items.csv.")] = None,
    models: Annotated[
        Path | None, typer.Option(help="Two-tower/ranker artifacts (default: ATELIER_RANK_MODELS_DIR).")
    ] = None,
    users: Annotated[int, typer.Option(min=100, help="Test users sampled (seeded).")] = 5000,
) -> None:
    """Recall@10/50, NDCG@10 (overall and cold start): random, popularity, co-occurrence, two-tower, + ranker."""
    from evals.rank import run_rank_eval
    from retrieval.embedding import TextEmbedder

    settings = Settings()
    folder = interactions or settings.interactions_dir
    if not (folder / "interactions.csv").is_file():
        fail("no_interactions", f"no interactions.csv in {folder} (use --interactions)", usage=True)
    embedder = TextEmbedder(settings.text_model, settings.torch_threads, settings.embed_batch_size)
    result = run_rank_eval(
        folder,
        models or settings.rank_models_dir,
        embedder.embed_documents,
        settings.rank_cache_dir,
        settings.text_model,
        users,
        settings.rank_seed,
        on_progress=None if as_json else lambda step: console.print(f"evaluating: {step}"),
    )
    _emit(result, as_json, out)
    if not as_json:
        cold = {name: values["cold_start"] for name, values in result["systems"].items()}
        _emit({"suite": "rank (cold-start test items)", "systems": cold}, False, None)
