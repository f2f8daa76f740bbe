"""Pydantic models for catalog data crossing a boundary (loader -> store -> search -> API)."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

GENDERS = ("Men", "Women", "Boys", "Girls", "Unisex")


class Product(BaseModel):
    """A catalog product as read from ``styles.csv`` (the real, non-simulated attributes)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^\d{1,12}$")
    title: str = Field(min_length=1, max_length=300)
    gender: str
    master_category: str
    sub_category: str
    article_type: str
    colour: str | None = None
    season: str | None = None
    year: int | None = None
    usage: str | None = None
    image_path: str | None = Field(default=None, description="Best local photo (224 px when present).")

    def text_for_embedding(self) -> str:
        """What the dense and sparse vectors see: title plus the structured attributes,
        so a query for "formal" finds products whose title never says it."""
        parts = [self.title, self.gender, self.article_type, self.sub_category]
        parts += [p for p in (self.colour, self.usage, self.season) if p]
        return " | ".join(parts)


class Commerce(BaseModel):
    """Simulated commerce data of a product (prices, sizes, stock, rating).

    The source data has none of these; they are generated deterministically from the
    product id and a seed (see ``catalog.simulate``) and then owned by SQLite."""

    list_price: float = Field(gt=0)
    price: float = Field(gt=0)
    currency: str = "INR"
    stock: dict[str, int] = Field(description="Units on hand per size, in size order.")
    rating: float = Field(ge=1, le=5)
    rating_count: int = Field(ge=0)

    @property
    def discount_pct(self) -> int:
        return round(100 * (1 - self.price / self.list_price))

    @property
    def sizes_in_stock(self) -> list[str]:
        return [size for size, units in self.stock.items() if units > 0]


class IssueKind(str, Enum):
    repaired = "repaired"
    rejected = "rejected"
    warning = "warning"


class RowIssue(BaseModel):
    """One reported problem with a catalog row: what was wrong and what ingest did about it."""

    line: int
    product_id: str | None
    kind: IssueKind
    reason: str


class LoadReport(BaseModel):
    """Everything the loader read: valid products plus every repaired, rejected or warned row."""

    products: list[Product]
    issues: list[RowIssue]
    rows_read: int

    @property
    def rejected(self) -> list[RowIssue]:
        return [i for i in self.issues if i.kind is IssueKind.rejected]

    @property
    def repaired(self) -> list[RowIssue]:
        return [i for i in self.issues if i.kind is IssueKind.repaired]


class ProductRecord(BaseModel):
    """A product as shown to shoppers and API clients: real attributes plus the current
    (simulated, SQLite-owned) commerce fields. Field names follow ``CONTRACT.md``."""

    @property
    def one_size(self) -> bool:
        """Whether the product is made in one size only (a saree, a bag): no size to ask or list."""
        return list(self.stock) == ["One Size"]

    id: str
    title: str
    price: float
    list_price: float
    currency: str = "INR"
    discount_pct: int
    colour: str | None
    gender: str
    article_type: str
    category: str = Field(description="Master category: Apparel, Footwear, Accessories, ...")
    sub_category: str
    usage: str | None
    season: str | None
    year: int | None
    sizes_in_stock: list[str]
    stock: dict[str, int]
    in_stock: bool
    rating: float
    rating_count: int
    image_url: str | None
