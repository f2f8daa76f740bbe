"""The loader on the real, dirty styles.csv and on a hand-made file with every kind of bad row."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import CatalogError, IssueKind, load_catalog

HEADER = "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n"


def test_real_catalog_dirt_is_repaired_and_reported(catalog_dir: Path) -> None:
    report = load_catalog(catalog_dir)
    assert report.rows_read == 44446
    assert report.rejected == []
    assert len(report.products) == 44446
    title_repairs = [i for i in report.repaired if "unquoted comma" in i.reason]
    assert len(title_repairs) == 22
    no_photo = [i for i in report.issues if i.kind is IssueKind.warning and "no photo" in i.reason]
    # 374 rows lack a 60x80 photo; 11 of those have a 224 px one, so 363 have none at all
    assert len(no_photo) == 363
    assert {i.reason for i in report.repaired if "empty season" in i.reason}
    by_id = {p.id: p for p in report.products}
    assert by_id["3413"].title == "Myntra Men's Yes, its all about me White T-shirt"
    assert by_id["23127"].title == "Converse Unisex Green Live, Life, Laugh Flip Flops"
    line_of_3413 = next(i.line for i in title_repairs if i.product_id == "3413")
    assert line_of_3413 == 6569  # the physical line in styles.csv
    assert len(by_id) == len(report.products)  # ids unique


def test_bad_rows_are_rejected_or_repaired_never_dropped_silently(tmp_path: Path) -> None:
    (tmp_path / "styles.csv").write_text(
        HEADER
        + "1,Men,Apparel,Topwear,Shirts,Navy Blue,Fall,2011,Casual,Good Shirt\n"
        + "2,Men,Apparel,Topwear\n"  # too few fields
        + "abc,Men,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,Bad id\n"  # id not a number
        + "1,Men,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,Duplicate\n"  # duplicate id
        + "4,Alien,Apparel,Topwear,Shirts,Blue,Fall,2011,Casual,Who\n"  # unknown gender
        + "5,Women,Apparel,Topwear,Tops,NA,,2012,,Plain Top\n"  # empty colour/season/usage
        + "6,Women,Apparel,Topwear,Tops,Red,Summer,20x2,Casual,Top, with, commas\n"
        + "7,Women,Apparel,Topwear,Tops,Red,Summer,2012,Casual,\n"  # empty title
    )
    report = load_catalog(tmp_path)
    assert [p.id for p in report.products] == ["1", "5", "6"]
    rejected = {i.line: i.reason for i in report.rejected}
    assert set(rejected) == {3, 4, 5, 6, 9}
    assert "fields" in rejected[3] and "not a number" in rejected[4] and "duplicate" in rejected[5]
    assert "gender" in rejected[6] and "title" in rejected[9]
    products = {p.id: p for p in report.products}
    assert products["5"].colour is None and products["5"].season is None and products["5"].usage is None
    assert products["6"].title == "Top, with, commas" and products["6"].year is None
    repaired_lines = {i.line for i in report.repaired}
    assert {7, 8} <= repaired_lines
    # every row is accounted for: kept or rejected
    assert len(report.products) + len(report.rejected) == report.rows_read


def test_unreadable_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"no styles\.csv"):
        load_catalog(tmp_path)
    (tmp_path / "styles.csv").write_text("a,b,c\n1,2,3\n")
    with pytest.raises(CatalogError, match="header"):
        load_catalog(tmp_path)


def test_limit_keeps_first_valid_products(catalog_dir: Path) -> None:
    report = load_catalog(catalog_dir, limit=50, check_images=False)
    assert len(report.products) == 50
    assert report.products[0].id == "15970"
