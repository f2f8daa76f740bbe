"""Read ``styles.csv`` + photos into validated ``Product``s, repairing real dirt and
reporting every repaired, rejected or warned row with its line number.

The file's known dirt: titles containing unquoted commas (rows with 11-12 fields),
empty or "NA" season/usage/colour, rows without a photo. A title is the last column,
so extra fields can only belong to it: joining them back is an unambiguous repair.
Anything ambiguous (too few fields, bad id, duplicate id, unknown gender) is rejected.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from catalog.models import GENDERS, IssueKind, LoadReport, Product, RowIssue
from config import AtelierError, ErrorCode

EXPECTED_HEADER = [
    "id",
    "gender",
    "masterCategory",
    "subCategory",
    "articleType",
    "baseColour",
    "season",
    "year",
    "usage",
    "productDisplayName",
]
_MISSING = {"", "NA", "N/A", "null", "None"}


class CatalogError(AtelierError):
    """The catalog as a whole cannot be read (missing file, wrong header)."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.catalog_unreadable, message)


def _clean(value: str) -> str | None:
    value = value.strip()
    return None if value in _MISSING else value


def _image_path(catalog_dir: Path, product_id: str) -> str | None:
    for folder in ("images_224", "images"):
        path = catalog_dir / folder / f"{product_id}.jpg"
        if path.is_file():
            return str(path)
    return None


class _RowParser:
    """Turns one raw CSV row into a Product or a rejection, collecting issues."""

    def __init__(self, catalog_dir: Path, check_images: bool) -> None:
        self.catalog_dir = catalog_dir
        self.check_images = check_images
        self.seen_ids: set[str] = set()
        self.issues: list[RowIssue] = []

    def _report(self, line: int, pid: str | None, kind: IssueKind, reason: str) -> None:
        self.issues.append(RowIssue(line=line, product_id=pid, kind=kind, reason=reason))

    def parse(self, line: int, row: list[str]) -> Product | None:
        pid = row[0].strip() if row else None
        if len(row) < len(EXPECTED_HEADER):
            self._report(line, pid, IssueKind.rejected, f"{len(row)} fields, expected {len(EXPECTED_HEADER)}")
            return None
        if len(row) > len(EXPECTED_HEADER):
            extra = len(row) - len(EXPECTED_HEADER)
            row = [*row[:9], ",".join(row[9:])]
            self._report(
                line, pid, IssueKind.repaired, f"title had {extra} unquoted comma(s); joined back into the title"
            )
        if not pid or not pid.isdigit():
            self._report(line, pid, IssueKind.rejected, f"id {pid!r} is not a number")
            return None
        if pid in self.seen_ids:
            self._report(line, pid, IssueKind.rejected, "duplicate id (first occurrence kept)")
            return None
        return self._build(line, pid, row)

    def _build(self, line: int, pid: str, row: list[str]) -> Product | None:
        _, gender, master, sub, article, colour, season, year, usage, title = row
        gender = gender.strip().title()
        if gender not in GENDERS:
            self._report(line, pid, IssueKind.rejected, f"unknown gender {gender!r}")
            return None
        for name, value in (("season", season), ("usage", usage), ("colour", colour)):
            if _clean(value) is None:
                self._report(line, pid, IssueKind.repaired, f"empty {name}: stored as unknown")
        year_value = _clean(year)
        if year_value is not None and not year_value.isdigit():
            self._report(line, pid, IssueKind.repaired, f"year {year_value!r} is not a number: stored as unknown")
            year_value = None
        image = _image_path(self.catalog_dir, pid) if self.check_images else None
        if self.check_images and image is None:
            self._report(line, pid, IssueKind.warning, "no photo: kept, searchable by text only")
        try:
            product = Product(
                id=pid,
                title=" ".join(title.split()),
                gender=gender,
                master_category=master.strip(),
                sub_category=sub.strip(),
                article_type=article.strip(),
                colour=_clean(colour),
                season=_clean(season),
                year=int(year_value) if year_value else None,
                usage=_clean(usage),
                image_path=image,
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            self._report(line, pid, IssueKind.rejected, f"{'.'.join(map(str, first['loc']))}: {first['msg']}")
            return None
        self.seen_ids.add(pid)
        return product


def _rows(csv_path: Path) -> Iterator[tuple[int, list[str]]]:
    with csv_path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip() for h in header] != EXPECTED_HEADER:
            raise CatalogError(f"{csv_path}: header {header!r} is not {EXPECTED_HEADER!r}")
        for row in reader:
            if row:
                yield reader.line_num, row


def load_catalog(catalog_dir: Path, limit: int | None = None, check_images: bool = True) -> LoadReport:
    """Load and validate the catalog; never raises for a bad row, only for an unreadable file.

    ``limit`` keeps the first N valid products (for quick runs and test subsets)."""
    csv_path = Path(catalog_dir) / "styles.csv"
    if not csv_path.is_file():
        raise CatalogError(f"no styles.csv in {catalog_dir} (set --catalog or ATELIER_CATALOG)")
    parser = _RowParser(Path(catalog_dir), check_images)
    products: list[Product] = []
    rows_read = 0
    for line, row in _rows(csv_path):
        rows_read += 1
        product = parser.parse(line, row)
        if product is not None:
            products.append(product)
            if limit is not None and len(products) >= limit:
                break
    return LoadReport(products=products, issues=parser.issues, rows_read=rows_read)
