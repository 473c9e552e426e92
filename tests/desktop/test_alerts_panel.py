"""The alert panel in a real main window on a real database (SQLite and PostgreSQL): a supervisor
clears the queue with the keyboard alone, camera and vehicle alerts alike; a confirmed
preparation alert proposes taking the 制作放心星 and regrades the restaurant; a false alarm raises
the camera's threshold, visibly, until reset; the second supervisor is told who holds an alert;
opening an alert shows its evidence, opens the camera live and flashes the map; exports leave with
faces blurred; a step made while the database is away is kept and sent when it is back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from core.auth import SYSTEM, Actor
from core.db.engine import Database
from core.db.models import Alert, AlertEvent, AuditEvent, Business, DetectorThreshold, StarProposal, Vehicle
from core.services import review
from core.services.alerts import raise_alert
from core.vision.capture import iter_frames
from core.vision.media import decode_mp4, encode_jpeg, encode_mp4
from core.vision.privacy import FaceBlurrer
from desktop.app import build_window, wait_until_ready
from tests.conftest import shared_data
from tests.core.small_city import ANALYST, SUPERVISOR, add_business, add_camera, add_district, mark_synthetic

OTHER = Actor("li.supervisor", "supervisor")
PANELS = ("desktop.panels.map", "desktop.panels.cameras", "desktop.panels.alerts")


@pytest.fixture(autouse=True)
def _clips(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SHIAN_VISION_CACHE", str(tmp_path_factory.getbasetemp() / "demo-clips"))


@pytest.fixture(scope="module")
def people_frame():
    path = shared_data("video", "opencv_vtest_frames000-299.mp4")
    return next(f.image for f in iter_frames(str(path)) if f.index == 10)


@pytest.fixture
def city(db_url, people_frame):
    """One restaurant with a kitchen camera and three camera alerts (one with a snapshot of real
    people and a clip), a banquet truck's alert, and an old closed alert."""
    db = Database(db_url)
    now = datetime.now(UTC).replace(microsecond=0)
    with db.session() as s:
        mark_synthetic(s)
        d = add_district(s, "150203", "昆都仑区")
        wang = add_business(s, "老王烧麦馆", lon=109.84, lat=40.66)
        wang.district_id = d.id
        cam = add_camera(s, wang)
        cam.url = "demo:kitchen?seed=1&size=320x180&seconds=4"
        truck = Vehicle(plate="蒙B10001", kind="banquet_truck", terminal_phone="014700000001", owner="鹿城宴席")
        s.add(truck)
        s.flush()
        common = dict(camera_id=cam.id, business_id=wang.id, lon=wang.lon, lat=wang.lat)
        motion = raise_alert(s, SYSTEM, kind="after_hours_motion", source="camera", severity="high",
                             title="Motion after hours: 老王烧麦馆·热加工区", dedup_key=f"camera:{cam.id}:motion",
                             at=now - timedelta(minutes=1), snapshot_jpeg=encode_jpeg(people_frame),
                             clip_mp4=encode_mp4([people_frame] * 6, 5), box=[300, 150, 120, 80], score=0.9,
                             **common).alert
        lens = raise_alert(s, SYSTEM, kind="lens_covered", source="camera", severity="high", title="Lens covered",
                           dedup_key=f"camera:{cam.id}:lens", at=now - timedelta(minutes=2), **common).alert
        frozen = raise_alert(s, SYSTEM, kind="frozen", source="camera", severity="medium", title="Picture frozen",
                             dedup_key=f"camera:{cam.id}:frozen", at=now - timedelta(minutes=3), **common).alert
        zone = raise_alert(s, SYSTEM, kind="zone_closed", source="vehicle", severity="low",
                           title="蒙B10001 摊区非开放时段停留", dedup_key="vehicle:1:zone_closed",
                           at=now - timedelta(minutes=4), vehicle_id=truck.id, lon=109.85, lat=40.65).alert
        old = raise_alert(s, SYSTEM, kind="smoking", source="camera", severity="medium", title="Smoking",
                          at=now - timedelta(days=3), **common).alert
        old.state = "closed"
        ids = {"motion": motion.id, "lens": lens.id, "frozen": frozen.id, "zone": zone.id, "old": old.id,
               "camera": cam.id, "business": wang.id}
    yield db, ids
    db.dispose()


def make_window(qapp, db, actor, tmp_path, monkeypatch):
    import desktop.main_window as mw

    monkeypatch.setattr(mw, "PANEL_MODULES", PANELS)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(db, actor, settings, live=False)
    win.resize(1600, 1000)
    win.show()
    win.show_view("alerts")
    assert wait_until_ready(qapp, win, 60)
    return win, win.alerts_panel


def settle(qtbot, win, panel):
    qtbot.waitUntil(lambda: not win.hub.tasks.busy and panel.ready(), timeout=20000)


def press(qtbot, win, panel, key, typed: str | None = None):
    table = panel.queue.table
    table.setFocus()
    qtbot.keyClick(table, key)
    if typed is not None:
        qtbot.keyClicks(panel.queue.prompt.edit, typed)
        qtbot.keyClick(panel.queue.prompt.edit, Qt.Key.Key_Return)
    settle(qtbot, win, panel)


def test_a_supervisor_clears_the_queue_with_the_keyboard_alone(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    q = panel.queue
    listed = [a.id for a in q.lines()]
    assert listed == [ids["motion"], ids["lens"], ids["frozen"], ids["zone"]]  # newest first, the truck's too
    truck = q.lines()[3]
    assert truck.source == "vehicle" and truck.where == "蒙B10001"
    assert q.lines()[0].thumbnail is not None  # the snapshot's thumbnail

    press(qtbot, win, panel, Qt.Key.Key_C)  # motion after hours: confirmed
    press(qtbot, win, panel, Qt.Key.Key_D, "1")  # lens covered: a false alarm, the first common reason
    press(qtbot, win, panel, Qt.Key.Key_E)  # frozen: escalated, still listed
    assert [a.id for a in q.lines()] == [ids["frozen"], ids["zone"]]
    press(qtbot, win, panel, Qt.Key.Key_N, "asked the kitchen to check the camera")
    press(qtbot, win, panel, Qt.Key.Key_C)
    press(qtbot, win, panel, Qt.Key.Key_C)  # the truck's alert
    assert q.lines() == [] and q.message.text() == ""

    with db.session() as s:
        states = {a.id: (a.state, a.claimed_by, a.severity) for a in s.scalars(select(Alert))}
        assert states[ids["motion"]][:2] == ("confirmed", "zhang.supervisor")
        assert states[ids["lens"]][0] == "dismissed"
        assert states[ids["frozen"]] == ("confirmed", "zhang.supervisor", 3)  # escalated from medium
        assert states[ids["zone"]][0] == "confirmed"
        lens = s.get(Alert, ids["lens"])
        assert lens.dismiss_reason == "Steam or smoke from cooking" and lens.detail["false_positive"] is True
        steps = [(e.actor, e.action) for e in s.scalars(select(AlertEvent).where(AlertEvent.alert_id == ids["frozen"])
                                                        .order_by(AlertEvent.id))]
        assert steps[1:] == [("zhang.supervisor", "escalate"), ("zhang.supervisor", "note"),
                             ("zhang.supervisor", "claim"), ("zhang.supervisor", "confirm")]
        audited = set(s.scalars(select(AuditEvent.action).where(AuditEvent.actor == "zhang.supervisor")))
        assert {"alert.claim", "alert.confirm", "alert.dismiss", "alert.escalate", "alert.note"} <= audited
        # the confirmed preparation alert counts against the restaurant
        prop = s.scalar(select(StarProposal).where(StarProposal.business_id == ids["business"]))
        assert prop is not None and prop.star == "preparation" and prop.new is False
        assert "非营业时间后厨活动" in str(s.get(Business, ids["business"]).risk_reasons)
        # the false alarm raised the camera's threshold for that kind
        t = s.scalar(select(DetectorThreshold).where(DetectorThreshold.camera_id == ids["camera"]))
        assert (t.kind, t.threshold, t.dismissals) == ("lens_covered", pytest.approx(0.6), 1)
    win.close()


def test_a_raised_threshold_is_shown_and_reset(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    with db.session() as s:
        a = review.claim(s, SUPERVISOR, ids["lens"], version=None)
        review.dismiss(s, SUPERVISOR, ids["lens"], version=a.version, reason="steam")
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    panel.queue.filters.set_states("dismissed")
    settle(qtbot, win, panel)
    assert [a.id for a in panel.queue.lines()] == [ids["lens"]]
    qtbot.waitUntil(lambda: panel.detail.detail is not None and panel.detail.detail.line.id == ids["lens"],
                    timeout=10000)
    view = panel.detail
    assert "0.60" in view.threshold.text() and "0.50" in view.threshold.text() and view.reset_button.isEnabled()
    view.reset_button.click()
    qtbot.waitUntil(lambda: "0.50 (default 0.50)" in view.threshold.text(), timeout=10000)
    assert not view.reset_button.isEnabled()
    with db.session() as s:
        assert s.scalar(select(DetectorThreshold)) is None
    win.close()


def test_the_second_supervisor_is_told_who_holds_the_alert(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    with db.session() as s:
        review.claim(s, OTHER, ids["motion"], version=None)
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    first = panel.queue.current()
    assert first.id == ids["motion"] and "li.supervisor" in panel.queue.model.state_text(first)
    press(qtbot, win, panel, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: "li.supervisor" in panel.queue.message.text(), timeout=10000)
    assert "held by li.supervisor" in panel.queue.message.text()
    assert ids["motion"] in [a.id for a in panel.queue.lines()]  # back in the queue as it really is
    with db.session() as s:
        a = s.get(Alert, ids["motion"])
        assert (a.state, a.claimed_by) == ("in_review", "li.supervisor")
    win.close()


def test_opening_an_alert_shows_the_evidence_the_camera_live_and_the_place(qapp, qtbot, city, tmp_path,
                                                                           monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    cams = win.cameras_panel
    cams.wall.set_cameras([])
    panel.queue.table.setFocus()
    qtbot.keyClick(panel.queue.table, Qt.Key.Key_Return)
    view = panel.detail
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.line.id == ids["motion"], timeout=10000)
    assert not view.snapshot.image.isNull() and view.snapshot.box == (300, 150, 120, 80)
    assert len(view.detail.clip) == 6 and view.player.playing
    assert "老王烧麦馆" in view.place.text() and "★" in view.place.text()
    assert [c.id for c in cams.wall.cameras() if c] == [ids["camera"]]  # the camera, live on the wall
    qtbot.waitUntil(lambda: any(t.frame is not None for t in cams.wall.tiles), timeout=30000)
    assert win.map_panel.flasher.active >= 1
    win.close()


def test_exports_and_copies_leave_with_faces_blurred(qapp, qtbot, city, tmp_path, monkeypatch, people_frame):
    db, ids = city
    judge = FaceBlurrer(shared_data("models", "yunet_n_320_320.onnx"))
    assert len(judge.faces(people_frame)) >= 2
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    qtbot.waitUntil(lambda: panel._full is not None and panel._full.row.id == ids["motion"], timeout=10000)
    panel.export("snapshot", str(tmp_path / "snap.jpg"))
    qtbot.waitUntil(lambda: panel.last_export == str(tmp_path / "snap.jpg"), timeout=30000)
    snap = cv2.imread(str(tmp_path / "snap.jpg"))
    assert snap.shape == people_frame.shape and judge.faces(snap) == []
    panel.export("clip", str(tmp_path / "clip.mp4"))
    qtbot.waitUntil(lambda: panel.last_export == str(tmp_path / "clip.mp4"), timeout=30000)
    frames, _fps = decode_mp4((tmp_path / "clip.mp4").read_bytes())
    assert len(frames) == 6 and all(judge.faces(f) == [] for f in frames[:2])
    QGuiApplication.clipboard().clear()
    panel.copy_snapshot()
    qtbot.waitUntil(lambda: not QGuiApplication.clipboard().image().isNull(), timeout=30000)
    img = QGuiApplication.clipboard().image().convertToFormat(QGuiApplication.clipboard().image().Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())[:, :img.width() * 3]
    assert judge.faces(cv2.cvtColor(arr.reshape(img.height(), img.width(), 3), cv2.COLOR_RGB2BGR)) == []
    win.close()


def test_a_step_made_while_the_database_is_away_is_sent_when_it_returns(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, SUPERVISOR, tmp_path, monkeypatch)
    hub = win.hub
    hub._set_online(False, "connection refused")
    panel.queue.table.setFocus()
    qtbot.keyClick(panel.queue.table, Qt.Key.Key_C)
    assert hub.outbox_size == 1 and ids["motion"] not in [a.id for a in panel.queue.lines()]
    with db.session() as s:
        assert s.get(Alert, ids["motion"]).state == "new"
    hub._set_online(True, "")
    qtbot.waitUntil(lambda: hub.outbox_size == 0 and not hub.tasks.busy, timeout=20000)
    with db.session() as s:
        a = s.get(Alert, ids["motion"])
        assert (a.state, a.claimed_by) == ("confirmed", "zhang.supervisor")
    qtbot.wait(2500)  # the hub's reconnection retry, armed when the connection dropped, runs before it closes
    win.close()


def test_others_see_the_queue_read_only_and_new_alerts_are_announced(qapp, qtbot, city, tmp_path, monkeypatch):
    db, ids = city
    win, panel = make_window(qapp, db, ANALYST, tmp_path, monkeypatch)
    press(qtbot, win, panel, Qt.Key.Key_C)
    assert len(panel.queue.lines()) == 4 and "supervisor" in panel.queue.message.text()
    assert not panel.detail.buttons["confirm"].isVisibleTo(panel.detail)
    with db.session() as s:
        raise_alert(s, SYSTEM, kind="signal_lost", source="camera", severity="high", title="Video signal lost",
                    camera_id=ids["camera"], business_id=ids["business"], lon=109.84, lat=40.66)
    win.hub.poll_now()
    qtbot.waitUntil(lambda: len(panel.queue.lines()) == 5, timeout=10000)
    assert panel.queue.lines()[0].kind == "signal_lost"
    assert "Signal lost" in win.statusBar().currentMessage()
    win.close()
