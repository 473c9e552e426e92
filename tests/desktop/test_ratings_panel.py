"""The star-rating panel in a real main window on a real database: a confirmed preparation alert
proposes a lower 制作放心星 and a supervisor applies it from the keyboard (the map is told);
others see the queue read-only; a stale decision is explained; stars edited by hand need a
reason; risk grades are listed, explained and drawn; the public list is exported."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import func, select

from core.auth import SYSTEM
from core.db.engine import Database
from core.db.models import Business, StarChange, StarProposal, StarRating
from core.ratings import apply_proposal, propose_for_alert, recompute_risk
from desktop.app import build_window, wait_until_ready
from tests.core.small_city import (
    ADMIN,
    ANALYST,
    SUPERVISOR,
    add_alert,
    add_business,
    add_inspection,
    mark_synthetic,
)
from widgets.map_canvas import MapCanvas


@pytest.fixture
def city(db_url):
    """Three restaurants; one has a confirmed smoking alert, so a star proposal waits."""
    db = Database(db_url)
    now = datetime.now(UTC)
    with db.session() as s:
        mark_synthetic(s)
        wang = add_business(s, "老王烧麦馆", lon=109.84, lat=40.66)
        add_inspection(s, wang, now - timedelta(days=30), "rectify", (("操作间地面不洁", "moderate"),))
        grass = add_business(s, "草原涮肉馆", {"kitchen": False}, lon=109.85, lat=40.65)
        add_inspection(s, grass, now - timedelta(days=20), "fail", (("生熟混放", "high"), ("无证上岗", "high")))
        add_business(s, "青山饺子馆", lon=109.90, lat=40.64)
        alert = add_alert(s, wang, "smoking", "confirmed", now - timedelta(hours=3))
        (proposal,) = propose_for_alert(s, alert, SYSTEM)
        recompute_risk(s, SYSTEM)
        ids = {"wang": wang.id, "grass": grass.id, "proposal": proposal.id}
    yield db, ids
    db.dispose()


def make_window(qapp, db, actor, tmp_path, monkeypatch, panels=("desktop.panels.ratings",)):
    import desktop.main_window as mw

    monkeypatch.setattr(mw, "PANEL_MODULES", panels)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(db, actor, settings, live=False)
    win.resize(1600, 900)
    win.show()
    assert wait_until_ready(qapp, win, 30)
    return win, win.panels[-1]


def test_applying_a_preparation_proposal_takes_the_star_and_tells_the_map(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    queue = panel.proposals
    p = queue.current()
    assert p is not None and p.id == ids["proposal"]
    assert p.star_name == "制作放心星" and not p.up and "吸烟" in p.reason
    qtbot.waitUntil(lambda: panel.card.info is not None and panel.ready(), timeout=10000)
    assert panel.card.info.name == "老王烧麦馆" and panel.card.star_boxes["preparation"].isChecked()

    queue.table.setFocus()
    with qtbot.waitSignal(win.hub.changed, timeout=15000, check_params_cb=lambda t: "business" in t):
        qtbot.keyClick(queue.table, Qt.Key.Key_A)
    with db.session() as s:
        b = s.get(Business, ids["wang"])
        rating = s.scalar(select(StarRating).where(StarRating.business_id == ids["wang"]))
        change = s.scalar(select(StarChange).where(StarChange.business_id == ids["wang"]).order_by(StarChange.id.desc()))
        assert s.get(StarProposal, ids["proposal"]).state == "applied"
    assert b.stars == 4 and not rating.preparation
    assert change.by_user == SUPERVISOR.username and change.star == "preparation" and not change.new
    qtbot.waitUntil(lambda: panel.ready() and queue.model.rowCount() == 0, timeout=10000)
    qtbot.waitUntil(lambda: not panel.card.star_boxes["preparation"].isChecked(), timeout=10000)
    assert panel.card.history.item(0, 1).text() == "制作放心星"
    win.close()


def test_others_see_the_queue_but_cannot_decide(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ANALYST, tmp_path, monkeypatch)
    queue = panel.proposals
    assert queue.model.rowCount() == 1 and not queue.editable
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_A)
    qtbot.wait(300)
    with db.session() as s:
        assert s.get(StarProposal, ids["proposal"]).state == "proposed"
    assert not panel.rules_action.isEnabled()
    assert not any(b.isEnabled() for b in panel.card.star_boxes.values())
    win.close()


def test_a_proposal_decided_elsewhere_is_explained_not_applied_twice(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    with db.session() as s:  # another supervisor was quicker
        apply_proposal(s, ids["proposal"], ADMIN)
    panel.proposals.table.setFocus()
    panel.proposals.reject_current()
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=10000)
    assert "changed" in panel.message.text() or "already" in panel.message.text()
    qtbot.waitUntil(lambda: panel.ready() and panel.proposals.model.rowCount() == 0, timeout=10000)
    with db.session() as s:
        assert s.get(StarProposal, ids["proposal"]).state == "applied"
        assert s.get(StarProposal, ids["proposal"]).decided_by == ADMIN.username
    win.close()


def test_a_supervisor_gives_a_star_by_hand_with_a_reason(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    panel.show_business(ids["grass"])
    qtbot.waitUntil(lambda: panel.card.info is not None and panel.card.info.id == ids["grass"], timeout=10000)
    card = panel.card
    assert not card.star_boxes["kitchen"].isChecked()
    card.star_boxes["kitchen"].click()
    card.reason.setText("整改复查合格")
    card.save_button.click()
    qtbot.waitUntil(lambda: panel.card.info.stars[2][2], timeout=10000)  # kitchen is the third star
    with db.session() as s:
        change = s.scalar(select(StarChange).where(StarChange.business_id == ids["grass"]).order_by(StarChange.id.desc()))
        assert s.get(Business, ids["grass"]).stars == 5
    assert change.reason == "整改复查合格" and change.new and change.source == "manual"
    win.close()


class MapStandIn:
    """What the map panel provides: the canvas in the window."""

    def __init__(self, window):
        window.map_canvas = MapCanvas()
        window.set_central(window.map_canvas)


def install(window):
    return MapStandIn(window)


def test_risk_grades_are_listed_explained_and_drawn(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch, (__name__, "desktop.panels.ratings"))
    with db.session() as s:
        grades = dict(s.execute(select(Business.id, Business.risk_grade)).all())
    risky = {bid for bid, g in grades.items() if g in ("C", "D")}
    assert grades[ids["grass"]] in ("C", "D")  # failed inspection, two high-risk violations
    assert {r.id for r in panel.risk.model.rows} == risky
    assert win.map_canvas.layer("risk_grades") is panel.layer and len(panel.layer) == len(risky)
    assert not panel.layer.visible  # drawn while the risk list is open
    win.workspace.reveal("risk_grades")
    assert panel.layer.visible
    panel.risk.grade_boxes["A"].setChecked(True)
    panel.risk.grade_boxes["B"].setChecked(True)
    qtbot.waitUntil(lambda: panel.ready() and len(panel.risk.model.rows) == 3, timeout=10000)
    assert len(panel.layer) == 3
    panel.risk.select_id(ids["grass"])
    assert "监督检查不合格" in panel.risk.reasons.text()
    win.map_canvas.featureClicked.emit("risk_grades", ids["wang"])
    qtbot.waitUntil(lambda: panel.card.info is not None and panel.card.info.id == ids["wang"], timeout=10000)
    panel.risk.map_box.setChecked(False)
    assert not panel.layer.visible
    win.close()


def test_the_public_star_list_is_exported(qapp, qtbot, city, tmp_path, monkeypatch):
    db, _ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    assert panel.export_action.isEnabled() and panel.export_action in win.menus["file"].actions()
    out = tmp_path / "stars.csv"
    panel.export(str(out))
    qtbot.waitUntil(lambda: panel.last_export is not None, timeout=20000)
    with open(out, encoding="utf-8-sig") as f:
        text = f.read()
    assert "老王烧麦馆" in text and "草原涮肉馆" in text and panel.last_export[1] == 3
    rows = list(csv.reader(text.splitlines()))
    assert any("制作放心星" in c for r in rows for c in r)
    win.close()


def test_running_the_rules_adds_their_proposals(qapp, qtbot, city, tmp_path, monkeypatch):
    db, _ids = city
    with db.session() as s:  # a clean quarter for the dumpling house, which lacks a star
        biz = s.scalar(select(Business).where(Business.name == "青山饺子馆"))
        rating = s.scalar(select(StarRating).where(StarRating.business_id == biz.id))
        rating.dining = False
        biz.stars = 4
        add_inspection(s, biz, datetime.now(UTC) - timedelta(days=10), "pass")
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    assert panel.proposals.model.rowCount() == 1
    panel.run_rules()
    qtbot.waitUntil(lambda: panel.last_rules is not None and panel.ready(), timeout=20000)
    assert panel.last_rules >= 1
    qtbot.waitUntil(lambda: panel.proposals.model.rowCount() == 1 + panel.last_rules, timeout=10000)
    assert any(p.star_name == "餐区整洁星" and p.up for p in panel.proposals.model.rows)
    win.close()


def test_a_live_desktop_runs_the_rules_by_itself(qapp, qtbot, city, tmp_path, monkeypatch):
    import desktop.main_window as mw
    import desktop.panels.ratings as ratings

    db, _ids = city
    with db.session() as s:  # a clean quarter for the dumpling house, which lacks a star
        biz = s.scalar(select(Business).where(Business.name == "青山饺子馆"))
        s.scalar(select(StarRating).where(StarRating.business_id == biz.id)).dining = False
        biz.stars = 4
        add_inspection(s, biz, datetime.now(UTC) - timedelta(days=10), "pass")
    monkeypatch.setattr(ratings, "RULES_FIRST_MS", 200)
    monkeypatch.setattr(mw, "PANEL_MODULES", ("desktop.panels.ratings",))
    win = build_window(db, SUPERVISOR, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), live=True)
    win.show()
    panel = win.panels[-1]
    qtbot.waitUntil(lambda: any(p.star_name == "餐区整洁星" and p.up for p in panel.proposals.model.rows),
                    timeout=20000)
    assert panel._rules_clock.isActive() and panel._rules_clock.interval() == ratings.RULES_EVERY_MS
    win.close()
    # an analyst's desktop proposes nothing of its own
    win = build_window(db, ANALYST, QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat), live=True)
    assert not win.panels[-1]._rules_clock.isActive()
    win.close()


def test_with_the_map_a_decision_recolours_the_restaurant_and_grades_filter_it(qapp, qtbot, city, tmp_path,
                                                                               monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch, ("desktop.panels.map", "desktop.panels.ratings"))
    city_layers = win.map_panel.city

    def stars_on_map(business_id):
        data = city_layers.data["restaurants"]
        return int(data.stars[list(data.ids).index(business_id)])

    assert stars_on_map(ids["wang"]) == 5
    panel.proposals.table.setFocus()
    qtbot.keyClick(panel.proposals.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: stars_on_map(ids["wang"]) == 4, timeout=15000)

    restaurants = win.map_canvas.layer("restaurants")
    assert len(restaurants) == 3
    win.workspace.reveal("risk_grades")
    with db.session() as s:
        risky = s.scalar(select(func.count()).select_from(Business).where(Business.risk_grade.in_(("C", "D"))))
    qtbot.waitUntil(lambda: len(restaurants) == risky, timeout=10000)
    win.docks["risk_grades"].hide()
    qtbot.waitUntil(lambda: len(restaurants) == 3, timeout=10000)
    win.close()
