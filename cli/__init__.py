"""The ``atelier`` command line (typer)."""
