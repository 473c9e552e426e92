"""The rapid-test panel in a real main window on a real database: the heatmap and dashboard follow
the filters, a market opens from the map, a lab file comes in from the Data menu (its failures
appear and get their tasks; a bad file is explained row by row), and the day's notice is written.

The window carries a small stand-in for the map panel (a canvas with the markets on it), the
contract the rapid-test panel relies on: ``window.map_canvas``.
"""

from __future__ import annotations

import csv
from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from sqlalchemy import func, select

from core.db.engine import Database
from core.db.models import DispatchTask, RapidTest
from core.rapid_tests import TestFilter, city_kpis, create_failure_tasks, failure_points, local_today
from desktop.app import build_window, wait_until_ready
from tests.core.small_city import ADMIN, ANALYST, add_district, add_market, add_test, local, mark_synthetic
from widgets.map_canvas import MapCanvas, PointLayer

TODAY = local_today()


class MapStandIn:
    """What the map panel provides: the canvas in the window, with the markets on it."""

    def __init__(self, window):
        self.canvas = MapCanvas()
        window.map_canvas = self.canvas
        window.set_central(self.canvas)
        with window.hub.db.session() as s:
            from core.db.models import Market

            rows = s.execute(select(Market.id, Market.lon, Market.lat)).all()
        markets = PointLayer("markets", "Markets", cluster=False)
        markets.set_data([r[1] for r in rows], [r[2] for r in rows], np.array([r[0] for r in rows]))
        self.canvas.add_layer(markets)


def install(window):
    return MapStandIn(window)


@pytest.fixture
def city(db_url):
    """Three markets in two districts; failures today, last week and an overdue re-test."""
    db = Database(db_url)
    with db.session() as s:
        mark_synthetic(s)
        kun = add_district(s, "150203", "昆都仑区", 109.84, 40.66)
        qing = add_district(s, "150204", "青山区", 109.90, 40.65)
        m1 = add_market(s, "NM0001", "友谊农贸市场", kun, 109.84, 40.66)
        m2 = add_market(s, "NM0002", "青山农贸市场", qing, 109.90, 40.65)
        add_market(s, "NM0003", "钢铁集贸市场", kun, 109.80, 40.64)
        made = []
        for i in range(6):
            made.append(add_test(s, m1, local(TODAY, 6, 10 + i), fail=(i == 0), disposal="destroyed", disposal_kg=8.0))
            made.append(add_test(s, m2, local(TODAY, 7, 10 + i)))
        made.append(add_test(s, m2, local(TODAY - timedelta(days=4), 7), fail=True, item="clenbuterol",
                             category="meat", sample_name="猪肉"))
        made.append(add_test(s, m2, local(TODAY - timedelta(days=20), 7), fail=True))
        create_failure_tasks(s, made, ADMIN)
        ids = {"m1": m1.id, "m2": m2.id}
    yield db, ids
    db.dispose()


def make_window(qapp, db, actor, tmp_path, monkeypatch, wall=False, live=False):
    import desktop.main_window as mw

    monkeypatch.setattr(mw, "PANEL_MODULES", (__name__, "desktop.panels.tests"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(db, actor, settings, wall=wall, live=live)
    win.resize(1600, 900)
    win.show()
    assert wait_until_ready(qapp, win, 30)
    return win, win.panels[1]


def failures(db, days: int) -> int:
    with db.session() as s:
        return len(failure_points(s, TestFilter.last_days(days, TODAY)))


def test_heatmap_dashboard_and_markets_follow_the_time_window(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch)
    canvas = win.map_canvas
    assert [lay.id for lay in canvas.layers()].index("rapid_test_heatmap") < \
        [lay.id for lay in canvas.layers()].index("markets")  # the heat lies under the markers
    assert len(panel.heatmap) == failures(db, 1) == 1
    with db.session() as s:
        today = city_kpis(s, TODAY)
    tiles = panel.dashboard.kpis.tiles
    assert tiles["samples"].value.text() == str(today.samples) == "12"
    assert tiles["markets"].value.text() == "1" and "友谊农贸市场" in tiles["markets"].note.text()
    first = panel.markets.model.rows[0]
    assert first.name == "友谊农贸市场" and first.failed == 1

    panel.filters.window_buttons["7"].click()
    qtbot.waitUntil(panel.ready, timeout=10000)
    assert len(panel.heatmap) == failures(db, 7) == 2
    panel.filters.window_buttons["30"].click()
    qtbot.waitUntil(panel.ready, timeout=10000)
    assert len(panel.heatmap) == failures(db, 30) == 3
    panel.filters.items.set_selected(("clenbuterol",))
    qtbot.waitUntil(panel.ready, timeout=10000)
    assert len(panel.heatmap) == 1
    assert panel.legend.labels[0] == "0" and len(panel.legend.labels) == 5
    win.close()


def test_an_overdue_retest_is_marked_on_the_map_and_opens_its_market(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch)
    assert len(panel.overdue) == 1  # one marker for the market, however many re-tests are late
    canvas = win.map_canvas
    canvas.center_on(109.90, 40.65, 15)
    canvas.grab()
    hit = canvas.pick(canvas.width() / 2, canvas.height() / 2)
    assert hit.layer_id == "overdue_retests" and hit.feature_id == ids["m2"]
    assert "青山农贸市场" in hit.text and "2" in hit.text
    assert panel.dashboard.kpis.tiles["overdue"].value.text() == "2"  # two old failures, re-tests still open
    win.map_canvas.featureClicked.emit("overdue_retests", ids["m2"])
    qtbot.waitUntil(lambda: panel.market_view.market is not None and panel.ready(), timeout=10000)
    assert panel.market_view.market.name == "青山农贸市场"
    win.close()


def test_clicking_a_market_opens_its_day_and_trend(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch)
    win.map_canvas.featureClicked.emit("markets", ids["m1"])
    qtbot.waitUntil(lambda: panel.market_view.trend is not None and panel.ready(), timeout=10000)
    view = panel.market_view
    assert win.docks["market_view"].isVisible()
    assert view.samples_table.model().rowCount() == 6
    fails = view.failures_table.model().rows
    assert len(fails) == 1 and fails[0].disposal == "destroyed" and fails[0].retest_state == "open"
    assert view.trend.span_days == 30 and view.trend.tested[0].sum() == 6
    view.by_combo.setCurrentIndex(1)  # by test item
    qtbot.waitUntil(lambda: view.trend.by == "item" and panel.ready(), timeout=10000)
    assert view.chart.series_shown[0] == "Whole market"
    view.date_edit.setDate(view.date_edit.date().addDays(-1))
    qtbot.waitUntil(lambda: panel.ready() and view.samples_table.model().rowCount() == 0, timeout=10000)
    win.close()


def _lab_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["样品编号", "市场编号", "样品名称", "类别", "检测项目", "检测值", "单位", "限量", "检测时间", "检测员"])
        w.writerows(rows)
    return str(path)


def test_an_imported_failure_shows_and_gets_its_tasks(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch)
    assert panel.import_action.isEnabled() and panel.import_action in win.menus["data"].actions()
    when = f"{TODAY:%Y-%m-%d} 08:05"
    path = _lab_file(tmp_path / "lab.csv", [
        ["NEW001", "NM0003", "豇豆", "蔬菜", "有机磷和氨基甲酸酯类农药", "71.2", "%", "50", when, "钱检测"],
        ["NEW002", "NM0003", "黄瓜", "蔬菜", "有机磷和氨基甲酸酯类农药", "8.1", "%", "50", when, "钱检测"],
    ])
    panel.import_file(path)
    qtbot.waitUntil(lambda: panel.last_import is not None and panel.ready(), timeout=20000)
    assert panel.last_import.inserted == 2
    assert len(panel.heatmap) == 2  # the new failure joined today's
    assert {m.name: m.failed for m in panel.markets.model.rows}["钢铁集贸市场"] == 1
    with db.session() as s:
        new = s.scalar(select(RapidTest).where(RapidTest.sample_no == "NEW001"))
        kinds = sorted(s.scalars(select(DispatchTask.kind).where(DispatchTask.rapid_test_id == new.id)))
    assert kinds == ["disposal", "retest"]
    win.close()


def test_a_bad_file_is_explained_row_by_row_and_nothing_is_written(qapp, qtbot, city, tmp_path, monkeypatch):
    db, _ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch)
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(RapidTest))
    when = f"{TODAY:%Y-%m-%d} 08:05"
    path = _lab_file(tmp_path / "bad.csv", [
        ["B001", "NM0003", "豇豆", "蔬菜", "有机磷和氨基甲酸酯类农药", "71.2", "%", "50", when, "钱"],
        ["B002", "NM9999", "黄瓜", "蔬菜", "有机磷和氨基甲酸酯类农药", "8.1", "%", "50", when, "钱"],
        ["B003", "NM0003", "黄瓜", "干货", "有机磷和氨基甲酸酯类农药", "8.1", "%", "50", when, "钱"],
    ])
    panel.import_file(path)
    qtbot.waitUntil(lambda: panel.problems_dialog is not None, timeout=20000)
    table = panel.problems_dialog.table
    assert table.rowCount() == 2
    assert [table.item(r, 0).text() for r in range(2)] == ["3", "4"]
    assert "NM9999" in table.item(0, 1).text() and "干货" in table.item(1, 1).text()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(RapidTest)) == before
    panel.problems_dialog.close()
    win.close()


def test_only_an_administrator_may_import(qapp, qtbot, city, tmp_path, monkeypatch):
    db, _ids = city
    win, panel = make_window(qapp, db, ANALYST, tmp_path, monkeypatch)
    assert not panel.import_action.isEnabled()
    win.close()


def test_the_days_notice_is_written_as_pdf_and_png(qapp, qtbot, city, tmp_path, monkeypatch):
    from pypdf import PdfReader

    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch)
    panel.open_market(ids["m1"])
    qtbot.waitUntil(lambda: panel.market_view.market is not None and panel.ready(), timeout=10000)
    pdf = tmp_path / "notice.pdf"
    panel.write_notice(str(pdf))
    qtbot.waitUntil(lambda: panel.last_notice == pdf, timeout=30000)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "友谊农贸市场" in text and "韭菜" in text
    png = tmp_path / "notice.png"
    panel.write_notice(str(png))
    qtbot.waitUntil(lambda: panel.last_notice == png, timeout=30000)
    img = QImage(str(png))
    assert (img.width(), img.height()) == (1920, 1080)
    win.close()


def test_the_wall_gets_no_file_dialogs(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch, wall=True)
    assert not hasattr(panel, "import_action")
    panel.open_market(ids["m1"])
    qtbot.waitUntil(panel.ready, timeout=10000)
    assert not panel.market_view.pdf_button.isVisible()
    win.close()


def test_results_from_another_workstation_arrive_without_a_restart(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ADMIN, tmp_path, monkeypatch, live=True)
    with db.session() as s:
        from core.db.models import Market

        m3 = s.scalar(select(Market).where(Market.code == "NM0003"))
        add_test(s, m3, local(TODAY, 9), fail=True, sample_name="芹菜")
    qtbot.waitUntil(lambda: len(panel.heatmap) == 2, timeout=15000)
    qtbot.waitUntil(panel.ready, timeout=10000)
    assert {m.name: m.failed for m in panel.markets.model.rows}["钢铁集贸市场"] == 1
    win.close()
