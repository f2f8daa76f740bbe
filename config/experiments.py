"""A/B experiments as declared (``ATELIER_EXPERIMENTS_FILE``: YAML, JSON or TOML): each
names its variants, their traffic split and the settings each variant changes.

Why here, in the bottom layer: a variant is a per-request override of ``Settings``, and
the code that reads such a setting (search fusion, the recommender's MMR weight) lives in
every layer above. Such code reads it through :func:`per_request`, which returns the
assigned variant's value inside :meth:`ExperimentPlan.serving` and records that the
setting was read: an exposure is logged only when a variant actually shaped a response.

Only settings read on every request can vary (``PER_REQUEST_SETTINGS``); any other is
refused when the file is loaded, with the reason (it is read once at start-up)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from config.errors import AtelierError, ErrorCode
from config.settings import Settings

# setting -> the responses it shapes (what the report's exposures mean)
PER_REQUEST_SETTINGS: dict[str, str] = {
    "fusion": "search and chat: how the dense and BM25 legs are fused (rrf or dbsf)",
    "rrf_k": "search and chat: the RRF rank constant",
    "prefetch_limit": "search and chat: candidates fetched per leg before fusion",
    "default_k": "search: how many results when the request does not say",
    "recommend_mmr_lambda": "recommendations: MMR weight (1 = relevance only)",
    "recommend_candidates": "recommendations: two-tower recall depth",
    "recommend_ranker": "recommendations: the LightGBM ranker on (true) or off (two-tower order)",
    "interest_half_life_s": "recommendations and session search: decay of the session's interest",
}
_READ_AT_START = {
    "understanding": "the reader is chosen when the assistant starts (agent/llm_understanding.py)",
    "text_model": "the embedding model is loaded once and the index was built with it",
    "clip_model": "the image model is loaded once and the photo vectors were built with it",
    "database_url": "the state database is opened once per process",
}

SESSION_METRICS = ("add_to_cart_rate", "conversion")


class ExperimentConfigError(AtelierError):
    """The experiments file is unreadable or declares something that cannot run."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.invalid_experiments, message)


class Variant(BaseModel):
    """One arm: its share of traffic and the settings it overrides (none: the defaults)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    weight: float = Field(default=1.0, gt=0, description="Relative traffic share.")
    settings: dict[str, Any] = Field(default_factory=dict)


class Experiment(BaseModel):
    """An experiment with a fixed horizon: the sample size comes from a power calculation
    for ``minimum_detectable_lift`` on ``primary_metric`` from ``baseline_rate``."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    variants: list[Variant] = Field(min_length=2, max_length=8)
    control: str | None = Field(default=None, description="The reference arm; default the first variant.")
    salt: str | None = Field(default=None, description="Hash salt; default the experiment's name.")
    primary_metric: Literal["add_to_cart_rate", "conversion"] = "add_to_cart_rate"
    baseline_rate: float = Field(gt=0, lt=1, description="Expected primary metric of the control arm.")
    minimum_detectable_lift: float = Field(gt=0, le=10, description="Relative lift to detect, e.g. 0.10.")
    alpha: float = Field(default=0.05, gt=0, lt=0.5)
    power: float = Field(default=0.8, ge=0.5, lt=1)
    enabled: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> Experiment:
        names = [v.name for v in self.variants]
        if len(set(names)) != len(names):
            raise ValueError(f"variant names repeat: {names}")
        if self.control is not None and self.control not in names:
            raise ValueError(f"control {self.control!r} is not one of the variants {names}")
        for variant in self.variants:
            for setting in variant.settings:
                if setting not in PER_REQUEST_SETTINGS:
                    why = _READ_AT_START.get(setting, "it is not read per request")
                    raise ValueError(
                        f"variant {variant.name!r} changes {setting!r}, which cannot vary per request: {why}. "
                        f"Settings that can: {', '.join(sorted(PER_REQUEST_SETTINGS))}"
                    )
        return self

    @property
    def control_name(self) -> str:
        return self.control or self.variants[0].name

    @property
    def settings_changed(self) -> set[str]:
        return {s for v in self.variants for s in v.settings}

    def variant(self, name: str) -> Variant:
        return next(v for v in self.variants if v.name == name)

    def assign(self, unit_id: str) -> str:
        """The variant of ``unit_id`` (a customer id when known, else the session id):
        SHA-256 of salt and id, read as a number in [0, 1) and cut by the traffic split,
        so the same unit always gets the same variant and the salt decorrelates experiments."""
        digest = hashlib.sha256(f"{self.salt or self.name}\x1f{unit_id}".encode()).digest()
        point = int.from_bytes(digest[:8], "big") / 2**64
        total = sum(v.weight for v in self.variants)
        edge = 0.0
        for variant in self.variants:
            edge += variant.weight / total
            if point < edge:
                return variant.name
        return self.variants[-1].name


class ExperimentsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    experiments: list[Experiment] = Field(default_factory=list)


@dataclass
class Assignment:
    experiment: str
    variant: str
    settings: frozenset[str]  # what the experiment varies (read -> exposure)


@dataclass
class Serving:
    """The experiments one request is in: overridden values and the settings read so far."""

    unit_id: str
    assignments: list[Assignment]
    overrides: dict[str, Any]
    read: set[str] = field(default_factory=set)

    def shaped(self) -> list[Assignment]:
        """The assignments whose setting this request actually read."""
        return [a for a in self.assignments if a.settings & self.read]

    def header(self) -> str:
        """``name=variant`` pairs of the experiments that shaped the response (X-Atelier-Experiments)."""
        return ",".join(f"{a.experiment}={a.variant}" for a in self.shaped())


_SERVING: ContextVar[Serving | None] = ContextVar("atelier_experiment_serving", default=None)


def per_request(settings: Settings, name: str) -> Any:
    """``settings.<name>``, or the assigned variant's value while a request is served
    inside :meth:`ExperimentPlan.serving` (the read is recorded: an exposure)."""
    if name not in PER_REQUEST_SETTINGS:
        raise KeyError(f"{name} is not a per-request setting")
    serving = _SERVING.get()
    if serving is None:
        return getattr(settings, name)
    serving.read.add(name)
    return serving.overrides.get(name, getattr(settings, name))


class ExperimentPlan:
    """The running experiments, validated against ``settings`` (each variant's values are
    checked as the settings object checks them: a bad value fails at load, not on a request)."""

    def __init__(self, experiments: list[Experiment], settings: Settings) -> None:
        self.experiments = [e for e in experiments if e.enabled]
        names = [e.name for e in experiments]
        if len(set(names)) != len(names):
            raise ExperimentConfigError(f"experiment names repeat: {names}")
        owner: dict[str, str] = {}
        for experiment in self.experiments:
            for setting in experiment.settings_changed:
                if setting in owner:
                    raise ExperimentConfigError(
                        f"experiments {owner[setting]!r} and {experiment.name!r} both change {setting!r}: "
                        "a session in both could not get both values; run them one after the other"
                    )
                owner[setting] = experiment.name
            for variant in experiment.variants:
                _check_values(settings, experiment.name, variant)

    @classmethod
    def from_settings(cls, settings: Settings) -> ExperimentPlan:
        if settings.experiments_file is None:
            return cls([], settings)
        return cls(read_experiments(settings.experiments_file).experiments, settings)

    def get(self, name: str) -> Experiment | None:
        return next((e for e in self.experiments if e.name == name), None)

    def assignments(self, unit_id: str) -> Serving:
        """``unit_id``'s variant in every running experiment, and the values they set."""
        assignments, overrides = [], {}
        for experiment in self.experiments:
            variant = experiment.variant(experiment.assign(unit_id))
            assignments.append(Assignment(experiment.name, variant.name, frozenset(experiment.settings_changed)))
            overrides.update(variant.settings)
        return Serving(unit_id, assignments, overrides)

    def enter(self, unit_id: str) -> Serving:
        """Make ``unit_id``'s variants current in this context (for a copied context that
        serves a stream step by step; :meth:`serving` otherwise)."""
        serving = self.assignments(unit_id)
        _SERVING.set(serving if serving.assignments else None)
        return serving

    @contextmanager
    def serving(self, unit_id: str) -> Iterator[Serving]:
        """Serve one request for ``unit_id`` under its assigned variants."""
        serving = self.assignments(unit_id)
        token = _SERVING.set(serving if serving.assignments else None)
        try:
            yield serving
        finally:
            _SERVING.reset(token)


def _check_values(settings: Settings, experiment: str, variant: Variant) -> None:
    try:
        Settings.model_validate({**settings.model_dump(), **variant.settings})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ExperimentConfigError(f"experiment {experiment!r}, variant {variant.name!r}: {problems}") from exc


def read_experiments(path: Path) -> ExperimentsFile:
    """Parse and validate the experiments file (by suffix: .yaml/.yml, .json, .toml)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExperimentConfigError(f"cannot read the experiments file {path}: {exc.strerror}") from exc
    try:
        suffix = Path(path).suffix.lower()
        if suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        elif suffix == ".toml":
            data = tomllib.loads(text)
        else:
            data = json.loads(text)
        return ExperimentsFile.model_validate(data or {})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ExperimentConfigError(f"{path}: {problems}") from exc
    except (ValueError, yaml.YAMLError) as exc:  # JSON, YAML and TOML syntax errors
        raise ExperimentConfigError(f"{path} is not valid {Path(path).suffix or 'JSON'}: {exc}") from exc
