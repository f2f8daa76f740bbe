"""``atelier eval ...`` and ``atelier bench ...`` commands."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Measure quality: retrieval, ...", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks (latency, throughput, memory).", no_args_is_help=True)
