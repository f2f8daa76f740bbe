"""Eval harness and benchmarks. Imports anything; nothing imports it (the CLI finds
its commands through the ``atelier.commands`` entry points)."""
