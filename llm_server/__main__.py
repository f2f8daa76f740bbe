"""``python -m llm_server --port P``: the server process itself (what ``atelier llm
serve`` execs once the wheel and model are in place). Kept free of the project's heavy
imports: torch, imported by the CLI, starts the OpenMP runtime that llama.cpp shares,
and the runtime reads ``OMP_WAIT_POLICY`` only once, when it starts."""

from __future__ import annotations

import os

# Idle OpenMP threads sleep instead of spinning. On the busy 2-core machine, spinning made
# decoding ~6x slower (threads waiting at each layer's barrier burn the other's core).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import logging

import uvicorn

from config import Settings
from llm_server.app import LocalModel, create_app
from llm_server.artifacts import model_path


def main() -> None:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m llm_server")
    parser.add_argument("--host", default=settings.llm_server_host)
    parser.add_argument("--port", type=int, default=settings.llm_server_port)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")  # a line per completion
    model = LocalModel(model_path(settings), settings)
    print(f"serving {settings.llm_model} at http://{args.host}:{args.port}/v1", flush=True)
    uvicorn.run(create_app(model), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
