"""``atelier``: ingest, search, and the commands other packages contribute.

Commands from packages the core must not import (``evals``) arrive through the
``atelier.commands`` entry-point group, so the import graph stays one-way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent import Assistant
    from retrieval import SearchResponse

import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from catalog import CatalogDB, IssueKind
from cli.build import build_app, ensure_query_encoder
from cli.errors import err, reports_errors
from cli.photos import index_photos, load_photo, search_by_photo
from cli.train import train_app
from cli.train_clip import train_clip_command
from config import ErrorCode, Settings
from retrieval import ProductSearch, ingest, validate_query
from retrieval.embedding import SparseEncoder, text_embedder
from retrieval.stores import open_store

app = typer.Typer(help="Atelier: a conversational shopping assistant for a fashion store.", no_args_is_help=True)
console = Console()


def _settings(catalog: Path | None = None) -> Settings:
    return Settings(catalog=catalog) if catalog else Settings()


@app.command("ingest")
@reports_errors
def ingest_command(
    catalog: Annotated[Path | None, typer.Option(help="Catalog directory (styles.csv + images/).")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Index only the first N valid products.")] = None,
) -> None:
    """Load, validate and index the catalog (incremental: unchanged products are not re-embedded)."""
    settings = _settings(catalog)
    db = CatalogDB.from_settings(settings)
    store = open_store(settings)
    ensure_query_encoder(settings)  # search needs it; built offline from the local weights
    embedder = text_embedder(settings)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{stage:9s}", total=total or 1)
            bar.update(tasks[stage], completed=done if total else 1)
            if not err.is_terminal:  # logs and pipes get a plain line per batch instead of a live bar
                print(f"{stage} {done}/{total}", file=sys.stderr, flush=True)

        try:
            summary = ingest(
                settings.catalog,
                db,
                store,
                embedder,
                SparseEncoder(),
                settings.commerce_seed,
                limit=limit,
                progress=progress,
            )
            photos = index_photos(settings, db, store, progress)
        finally:
            store.close()
    report_path = settings.data_dir / "ingest-report.json"
    report_path.write_text(summary.model_dump_json(indent=1))
    _print_issues(summary.issues)
    console.print(
        f"embedded {summary.embedded}, unchanged {summary.unchanged}, removed {summary.deleted}, "
        f"repaired {summary.repaired} rows in {summary.seconds:.1f}s; full report: {report_path}"
    )
    console.print(photos)
    console.print(summary.line())
    for issue in summary.issues:
        if issue.kind is IssueKind.rejected:
            console.print(f"  rejected line {issue.line} (id {issue.product_id}): {issue.reason}")


def _print_issues(issues: list) -> None:
    repaired = [i for i in issues if i.kind is IssueKind.repaired]
    warnings = [i for i in issues if i.kind is IssueKind.warning]
    if repaired:
        table = Table("line", "id", "repair", title=f"{len(repaired)} repaired rows")
        for issue in repaired:
            table.add_row(str(issue.line), str(issue.product_id), issue.reason)
        console.print(table)
    if warnings:
        reasons = sorted({i.reason for i in warnings})
        console.print(
            f"{len(warnings)} warnings ({'; '.join(reasons)}), e.g. lines "
            + ", ".join(str(i.line) for i in warnings[:8])
            + (" ..." if len(warnings) > 8 else "")
        )


@app.command("search")
@reports_errors
def search_command(
    query: Annotated[
        str, typer.Argument(help="What the shopper wants, in English or Chinese (optional with --image).")
    ] = "",
    k: Annotated[int | None, typer.Option("--k", "-k", help="Number of results.")] = None,
    image: Annotated[
        Path | None, typer.Option(help='Photo to search by; QUERY then adds filters ("in black").')
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract's JSON.")] = False,
) -> None:
    """Hybrid product search (dense + BM25 fused in Qdrant, parsed filters pushed into the query)."""
    settings = _settings()
    photo = load_photo(settings, image) if image else None
    if photo is None or query:
        validate_query(query, settings.max_query_chars)
    search = ProductSearch.from_settings(settings)
    try:
        search.embedder.warm()
        response = search_by_photo(search, photo, query, k) if photo else search.search(query, k=k)
    finally:
        search.close()
    if as_json:
        print(response.model_dump_json(exclude={"results": {"__all__": {"stock"}}}))
        return
    _print_results(response)


def _print_results(response: SearchResponse) -> None:
    console.print(f"filters: {response.filters or '{}'}   ({response.timings_ms['total']:.1f} ms)")
    if response.relaxation:
        console.print(f"[yellow]{response.relaxation.message}[/yellow]")
    table = Table("id", "title", "price", "colour", "sizes in stock", "score")
    for r in response.results:
        price = f"₹{r.price:.0f}" + (f" (-{r.discount_pct}%)" if r.discount_pct else "")
        table.add_row(r.id, r.title, price, r.colour or "", ", ".join(r.sizes_in_stock) or "sold out", f"{r.score:.3f}")
    console.print(table)


@app.command("chat")
@reports_errors
def chat_command(
    message: Annotated[str | None, typer.Argument(help="One message; omit for an interactive session.")] = None,
    session: Annotated[str | None, typer.Option("--session", help="Continue this session id.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract's chat JSON.")] = False,
) -> None:
    """Talk to the assistant: one turn with MESSAGE, or an interactive session without it."""
    from agent import AssistantStack

    with AssistantStack(_settings()) as stack:
        stack.search.embedder.warm()
        if message is None:
            _interactive(stack.assistant, session)
            return
        response = stack.assistant.chat(message, session)
        if as_json:
            print(response.model_dump_json(exclude={"products": {"__all__": {"stock"}}}))
        else:
            console.print(response.answer)
            err.print(f"[dim]session {response.session_id}[/dim]")


def _interactive(assistant: Assistant, session: str | None) -> None:
    from agent import MessageError
    from tools import ToolError

    console.print("[bold]Atelier[/bold] — ask for anything in the store (Ctrl-D or 'quit' to leave).")
    while True:
        try:
            text = console.input("[bold cyan]you>[/bold cyan] ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if text.strip().lower() in ("quit", "exit", "bye"):
            return
        try:
            *_, done = assistant.stream(text, session)
        except (MessageError, ToolError) as exc:  # an empty message; a --session this store never issued
            console.print(f"[red]{exc.message}[/red]")
            session = None if exc.code is ErrorCode.unknown_session else session
            continue
        session = done.data.session_id
        console.print(f"[bold magenta]atelier>[/bold magenta] {done.data.answer}")


@app.command("serve")
@reports_errors
def serve_command(
    host: Annotated[str | None, typer.Option(help="Interface (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="API processes on the port, sharing the embedded store (default 1).")
    ] = 1,
) -> None:
    """The HTTP API and the web widget (GET / is a demo store page embedding it)."""
    import uvicorn

    from server import create_app

    settings = _settings()
    CatalogDB.from_settings(settings).close()  # fail fast if PostgreSQL (ATELIER_DATABASE_URL) is unreachable
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    if workers > 1:
        from server.workers import serve_workers

        serve_workers(settings, workers)  # fails fast, with the fix, if the store is missing or held
        return
    open_store(settings).close()  # fail fast, with the fix, if the store is missing or locked
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


@app.command("mcp")
@reports_errors
def mcp_command() -> None:
    """The store's tools over MCP on stdin/stdout (for a desktop assistant or another agent);
    `atelier serve` also offers them over streamable HTTP at /mcp."""
    import anyio

    from agent import AssistantStack
    from server.mcp_tools import mcp_server

    with AssistantStack(_settings()) as stack:
        anyio.run(mcp_server(lambda: stack.kit).run_stdio_async)


pricing_app = typer.Typer(help="Merchant pricing and stock tools.", no_args_is_help=True)
app.add_typer(pricing_app, name="pricing")
app.add_typer(train_app, name="train")
app.add_typer(build_app, name="build")
train_app.command("clip")(train_clip_command)


@pricing_app.command("suggest")
@reports_errors
def pricing_suggest(
    product: Annotated[str, typer.Option("--product", help="Product id.")],
    objective: Annotated[str, typer.Option(help="revenue or margin")] = "revenue",
    horizon: Annotated[int, typer.Option(help="Days the price should hold.")] = 30,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Suggest a price from the demand model fitted per article type (reports the fit's quality)."""
    from tools.pricing import suggest_price

    settings = _settings()
    db = CatalogDB.from_settings(settings)
    try:
        result = suggest_price(db, product, objective, horizon, settings.commerce_seed)
    finally:
        db.close()
    if as_json:
        print(result.model_dump_json())
        return
    fit = result.fit
    console.print(
        f"product {result.product_id}: current ₹{result.current_price:.0f} -> suggested "
        f"₹{result.suggested_price:.0f} ({result.objective}, {result.horizon_days} days)"
    )
    console.print(
        f"expected {result.expected_units:.1f} units (stock {result.stock_units}), revenue "
        f"₹{result.expected_revenue:.0f}, margin ₹{result.expected_margin:.0f}"
    )
    console.print(
        f"demand model for {fit.article_type}: elasticity {fit.elasticity} (simulation's true value "
        f"{fit.simulated_true_elasticity}), pseudo-R² {fit.r2}, {fit.observations} product-days "
        f"from {fit.products} products"
    )


def _register_plugins() -> None:
    for ep in entry_points(group="atelier.commands"):
        try:
            app.add_typer(ep.load(), name=ep.name)
        except ImportError as exc:  # an optional part not installed: the rest still works
            print(f"atelier: command {ep.name!r} unavailable: {exc}", file=sys.stderr)


_register_plugins()

__all__ = ["app"]

if __name__ == "__main__":  # `python -m cli.main` (what the tests run when `atelier` is not on PATH)
    app()
