"""The public star list: who holds which stars, their risk grade and when rated, in four formats."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.errors import UsageError
from core.ratings import set_star
from core.reports.star_list import star_list_rows, write_star_list
from desktop.cli import main as shian
from tests.core.small_city import SUPERVISOR, add_business, add_district, mark_synthetic


@pytest.fixture
def city(db):
    with db.session() as s:
        kdl = add_district(s, "150203", "昆都仑区")
        dh = add_district(s, "150202", "东河区")
        five = add_business(s, "老街羊肉馆", rated=datetime(2026, 3, 1, 2, tzinfo=UTC))
        five.district_id = kdl.id
        three = add_business(s, "河套面馆", stars={"dining": False, "management": False})
        three.district_id = kdl.id
        three.risk_grade = "C"
        east = add_business(s, "东河烧麦", stars={"kitchen": False})
        east.district_id = dh.id
        none = add_business(s, "无星小吃", stars={k: False for k in
                                                ("compliance", "dining", "kitchen", "preparation", "management")})
        none.district_id = dh.id
        return {"five": five.id, "three": three.id, "east": east.id}


def test_rows_follow_the_current_rating(db, city):
    with db.session() as s:
        rows = star_list_rows(s)
        assert [(r.district, r.name, r.count) for r in rows] == [
            ("东河区", "东河烧麦", 4), ("昆都仑区", "老街羊肉馆", 5), ("昆都仑区", "河套面馆", 3)]
        three = rows[2]
        assert three.names_text == "合规星、厨房达标星、制作放心星" and three.stars_text == "★★★☆☆"
        assert three.risk_grade == "C" and rows[1].rated_on.isoformat() == "2026-03-01"
        set_star(s, city["three"], "kitchen", False, SUPERVISOR, "日常检查后厨不达标")
        after = {r.name: r for r in star_list_rows(s)}
        assert after["河套面馆"].count == 2 and "厨房达标星" not in after["河套面馆"].names_text
        assert [r.name for r in star_list_rows(s, district="150202")] == ["东河烧麦"]
        assert [r.name for r in star_list_rows(s, min_stars=5)] == ["老街羊肉馆"]
        with pytest.raises(UsageError):
            star_list_rows(s, district="火星区")


def test_csv_and_xlsx(db, city, tmp_path):
    with db.session() as s:
        mark_synthetic(s)
        assert write_star_list(s, tmp_path / "stars.csv") == 3
        assert write_star_list(s, tmp_path / "stars.xlsx") == 3
    with open(tmp_path / "stars.csv", encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["演示数据（合成），非真实评定结果"]
    assert lines[1][:5] == ["序号", "单位名称", "地址", "所属区域", "星级"]
    assert lines[3][1] == "老街羊肉馆" and lines[3][4] == "5星 ★★★★★" and lines[3][7] == "2026-03-01"
    ws = load_workbook(tmp_path / "stars.xlsx").active
    assert ws["A1"].value.startswith("包头市") and ws["B4"].value == "东河烧麦"
    assert ws["F6"].value == "合规星、厨房达标星、制作放心星" and ws["G6"].value == "C"


def test_printable_html_and_pdf(db, city, tmp_path):
    with db.session() as s:
        write_star_list(s, tmp_path / "stars.html")
        write_star_list(s, tmp_path / "stars.pdf")
        with pytest.raises(UsageError):
            write_star_list(s, tmp_path / "stars.docx")
    page = (tmp_path / "stars.html").read_text(encoding="utf-8")
    assert "<th>获得星</th>" in page and "老街羊肉馆" in page and "@page" in page and "演示数据" not in page
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "stars.pdf")).pages)
    assert "动态星级评定公示名单" in text and "河套面馆" in text and "制作放心星" in text


def test_command_line(db, db_url, city, tmp_path):
    out = tmp_path / "list.csv"
    assert shian(["report", "stars", str(out), "--db", db_url, "--district", "昆都仑区"]) == 0
    assert "河套面馆" in out.read_text(encoding="utf-8-sig") and "东河烧麦" not in out.read_text(encoding="utf-8-sig")
