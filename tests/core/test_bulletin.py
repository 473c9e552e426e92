"""The daily public notice (日检日公示): searchable PDF with an embedded Chinese font, the 1920×1080
screen image, one per market with --all, and clear refusals of bad requests."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from core.errors import NotFound, UsageError
from core.rapid_tests import create_failure_tasks
from core.reports.bulletin import bulletin_data, write_all_bulletins, write_bulletin
from desktop.cli import main as shian
from tests.core.small_city import ADMIN, add_market, add_stall, add_test, local, mark_synthetic

DAY = date(2026, 11, 20)
RED = (198, 40, 40)


@pytest.fixture
def city(db):
    with db.session() as s:
        m = add_market(s, "NM0001", "友谊农贸市场")
        clean = add_market(s, "NM0002", "东河农贸市场", lon=110.03)
        add_market(s, "NM0003", "九原农贸市场")  # tests nothing that day
        st = add_stall(s, m, "08")
        bad = add_test(s, m, local(DAY, 7), fail=True, stall=st, sample_name="豇豆", disposal="destroyed",
                       disposal_kg=12.5, value=72.4)
        add_test(s, m, local(DAY, 7, 10), item="clenbuterol", category="meat", sample_name="猪肉")
        add_test(s, m, local(DAY, 7, 20), sample_name="芹菜")
        add_test(s, m, local(DAY - timedelta(days=1), 7), fail=True, sample_name="昨日韭菜")  # another day
        add_test(s, clean, local(DAY, 8), sample_name="苹果", category="fruit")
        create_failure_tasks(s, [bad], ADMIN)
        return {"m": m.id, "clean": clean.id}


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _embedded_fonts(path) -> list[str]:
    out = []
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", []):
                fd = desc.get_object()["/FontDescriptor"].get_object()
                if any(k in fd for k in ("/FontFile2", "/FontFile3", "/FontFile")):
                    out.append(str(fd["/FontName"]))
    return out


def test_pdf_notice_has_searchable_chinese_and_an_embedded_font(db, city, tmp_path):
    with db.session() as s:
        mark_synthetic(s)
        out = write_bulletin(s, "NM0001", DAY, tmp_path / "notice.pdf")
    text = _pdf_text(out)
    for words in ("友谊农贸市场", "食用农产品快速检测结果日公示", "合格率", "66.7%", "2026年11月20日",
                  "豇豆", "08", "有机磷和氨基甲酸酯类农药", "72.4%（限量50%）", "已销毁12.5千克", "责令复检",
                  "猪肉", "芹菜", "演示数据（合成）"):
        assert words in text, words
    assert "昨日韭菜" not in text
    fonts = _embedded_fonts(out)
    assert fonts and all("+" in f for f in fonts)  # embedded as a subset (TAG+Name)


def test_real_data_is_not_labelled_synthetic_and_a_clean_day_says_so(db, city, tmp_path):
    with db.session() as s:
        out = write_bulletin(s, city["clean"], DAY, tmp_path / "clean.pdf")
    text = _pdf_text(out)
    assert "东河农贸市场" in text and "今日抽检样品全部合格" in text and "100.0%" in text
    assert "演示数据" not in text


def test_screen_image_is_full_hd_and_shows_failures_in_red(db, city, tmp_path):
    with db.session() as s:
        mark_synthetic(s)
        failing = write_bulletin(s, city["m"], DAY, tmp_path / "screen.png")
        clean = write_bulletin(s, city["clean"], DAY, tmp_path / "clean.png")
    a, b = Image.open(failing), Image.open(clean)
    assert a.size == b.size == (1920, 1080)
    red = np.array(RED)

    def red_pixels(img, box):
        px = np.asarray(img.convert("RGB").crop(box)).reshape(-1, 3)
        return int((np.abs(px - red).sum(axis=1) < 10).sum())

    failures_table = (680, 250, 1860, 330)  # the red header of the failures table
    assert red_pixels(a, failures_table) > 20000
    assert red_pixels(b, failures_table) == 0
    assert red_pixels(a, (1300, 130, 1870, 175)) > 3000  # the synthetic-data label in the header


def test_all_writes_one_notice_per_market_that_tested(db, city, tmp_path):
    with db.session() as s:
        outs = write_all_bulletins(s, DAY, tmp_path / "city", "png")
    assert sorted(p.name for p in outs) == ["NM0001_2026-11-20.png", "NM0002_2026-11-20.png"]
    assert all(p.is_file() for p in outs)


def test_data_counts_and_refusals(db, city, tmp_path):
    with db.session() as s:
        b = bulletin_data(s, city["m"], DAY)
        assert (b.tested, b.passed, b.failed, b.pass_rate_text) == (3, 2, 1, "66.7%")
        assert [f.sample_name for f in b.failures] == ["豇豆"]
        with pytest.raises(UsageError):
            write_bulletin(s, city["m"], DAY, tmp_path / "notice.docx")
        with pytest.raises(NotFound):
            write_bulletin(s, "NM9999", DAY, tmp_path / "notice.pdf")
        (tmp_path / "afile").write_text("x")
        with pytest.raises(UsageError):
            write_all_bulletins(s, DAY, tmp_path / "afile")
    assert not (tmp_path / "notice.docx").exists()


def test_command_line(db, db_url, city, tmp_path, capsys):
    out = tmp_path / "nm1.pdf"
    assert shian(["report", "bulletin", str(out), "--market", "NM0001", "--date", "2026-11-20", "--db", db_url]) == 0
    assert "友谊农贸市场" in _pdf_text(out)
    assert shian(["report", "bulletin", str(out), "--date", "2026-11-20", "--db", db_url]) == 2
    assert "--market" in capsys.readouterr().err
    folder = tmp_path / "all"
    assert shian(["report", "bulletin", str(folder), "--all", "--date", "2026-11-20", "--format", "png",
                  "--db", db_url]) == 0
    assert len(list(folder.glob("*.png"))) == 2


def test_screen_lines_never_start_with_closing_punctuation():
    from PIL import Image, ImageDraw

    from core.reports.bulletin_png import _font, _wrap

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = _font(28, False)
    for text, width in (("80.97%（限量50%）", 230), ("已退市33.8千克，责令复检（12月7日前）", 380)):
        lines = _wrap(draw, text, font, width)
        assert "".join(lines) == text and len(lines) == 2
        assert lines[1][0] not in "）)，。、" and lines[0][-1] not in "（("
