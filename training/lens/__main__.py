"""The instance descriptor's two steps, run as ``python -m training.lens``:

- ``pack --catalog DIR --out PACK``, here (it reads the catalog): the training photos,
  held-out products left out, into one small file (``training.lens.data``);
- ``train --data PACK --out DIR [--seconds S] [--init MODEL]``, on a box that has
  torch, numpy and Pillow but none of the service's dependencies (the GPU box).

``retrieval/__init__.py`` imports the search stack (Qdrant, pydantic settings), so for
``train`` the two packages it needs from it are registered bare, without running their
``__init__``; only their torch-and-PIL modules are then imported."""

from __future__ import annotations

import argparse
import json
import random
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bare_package(name: str) -> None:
    if name not in sys.modules:
        module = types.ModuleType(name)
        module.__path__ = [str(ROOT.joinpath(*name.split(".")))]
        sys.modules[name] = module


def _pack(args: argparse.Namespace) -> None:
    from catalog import load_catalog
    from training.lens.data import pack, training_photos

    photos = training_photos(load_catalog(args.catalog, check_images=False).products, args.catalog, args.seed)
    random.Random(args.seed).shuffle(photos)  # the validation photos (the last ones) spread over the catalog
    print(f"packed {pack(photos, args.out)} photos into {args.out}")


def _train(args: argparse.Namespace) -> None:
    _bare_package("retrieval")
    _bare_package("retrieval.vision")
    from retrieval.vision.instance import load_instance_model
    from training.lens.data import unpack_groups
    from training.lens.train import LensTraining, train

    images, groups = unpack_groups(args.data)
    config = LensTraining(
        seconds=args.seconds,
        batch_size=args.batch_size,
        workers=args.workers,
        validation=args.validation,
        lr=args.lr,
        seed=args.seed,
        repeats=args.repeats,
    )
    init = load_instance_model(args.init) if args.init else None
    card = train(images, groups, args.out, config, init=init, log=lambda line: print(line, flush=True))
    (args.out / "card.json").write_text(json.dumps(card, indent=2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.lens", description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)
    packing = steps.add_parser("pack", help="Pack the training photos (run where the catalog is).")
    packing.add_argument("--catalog", type=Path, default=ROOT.parent / "shared" / "data" / "fashion")
    packing.add_argument("--out", type=Path, required=True)
    packing.add_argument("--seed", type=int, default=13, help="The held-out split's seed (the CLIP card's).")
    training = steps.add_parser("train", help="Train from a pack (run on the GPU box).")
    training.add_argument("--data", type=Path, required=True)
    training.add_argument("--out", type=Path, required=True)
    training.add_argument("--seconds", type=float, default=300.0, help="Wall-clock budget; the schedule fits it.")
    training.add_argument("--batch-size", type=int, default=1024)
    training.add_argument("--workers", type=int, default=8, help="Processes making shopper-like views.")
    training.add_argument("--validation", type=int, default=1000)
    training.add_argument("--init", type=Path, help="Continue from this saved descriptor.")
    training.add_argument("--lr", type=float, default=3e-3)
    training.add_argument("--seed", type=int, default=13)
    training.add_argument(
        "--repeats", type=int, default=1, help="Steps per batch of views, re-jittered on the GPU (CPU-bound runs)."
    )
    args = parser.parse_args(argv)
    (_pack if args.step == "pack" else _train)(args)


if __name__ == "__main__":
    main()
