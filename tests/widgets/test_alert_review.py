"""The alert review widgets: a supervisor clears the queue with the keyboard alone (C, D with a
reason, E, A, N, bulk with Shift), a read-only user cannot, and one alert shows its snapshot with
the box, plays its clip and shows its threshold."""

from __future__ import annotations

from datetime import datetime, timedelta

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt

from widgets.alert_review import AlertDetail, AlertDetailView, AlertLine, AlertQueue, Threshold, TimelineLine
from widgets.alert_review.queue import LINE_ROLE, THUMB


def jpeg(w: int = 320, h: int = 180, colour=(40, 120, 200)) -> bytes:
    img = np.zeros((h, w, 3), np.uint8)
    img[:] = colour
    return cv2.imencode(".jpg", img)[1].tobytes()


def lines(n: int = 5) -> list[AlertLine]:
    now = datetime(2026, 3, 2, 12, 0)
    return [AlertLine(i + 1, 1, "lens_covered", "Lens covered", 3, "High", "new", "New", "camera", f"alert {i + 1}",
                      f"后厨 {i + 1}", "老王烧麦馆", "昆都仑区", now - timedelta(minutes=i),
                      thumbnail=jpeg() if i % 2 == 0 else None, camera_id=10 + i)
            for i in range(n)]


@pytest.fixture
def queue(qtbot):
    q = AlertQueue()
    qtbot.addWidget(q)
    q.dismiss_reasons = ["Steam from cooking", "Staff cleaning the camera"]
    q.people = ["li.supervisor", "wang.inspector"]
    q.set_alerts(lines())
    q.resize(1000, 600)
    q.show()
    q.table.setFocus()
    return q


def requests(qtbot, queue):
    got = []
    queue.reviewRequested.connect(lambda action, ls, params: got.append((action, [a.id for a in ls], params)))
    return got


def test_j_and_k_move_and_c_confirms_and_moves_on(qtbot, queue):
    got = requests(qtbot, queue)
    assert queue.current().id == 1
    qtbot.keyClick(queue.table, Qt.Key.Key_J)
    qtbot.keyClick(queue.table, Qt.Key.Key_J)
    qtbot.keyClick(queue.table, Qt.Key.Key_K)
    assert queue.current().id == 2
    qtbot.keyClick(queue.table, Qt.Key.Key_C)
    assert got == [("confirm", [2], {})]
    assert [a.id for a in queue.lines()] == [1, 3, 4, 5] and queue.current().id == 3


def test_d_asks_a_reason_in_one_line_and_a_digit_picks_a_common_one(qtbot, queue):
    got = requests(qtbot, queue)
    qtbot.keyClick(queue.table, Qt.Key.Key_D)
    assert queue.prompt.isVisible() and queue.prompt.edit.hasFocus()
    assert "1 Steam from cooking" in queue.prompt.hint.text()
    qtbot.keyClick(queue.prompt.edit, Qt.Key.Key_Return)  # no reason: refused, the prompt stays
    assert got == [] and queue.prompt.isVisible() and queue.prompt.error.isVisible()
    qtbot.keyClicks(queue.prompt.edit, "2")
    qtbot.keyClick(queue.prompt.edit, Qt.Key.Key_Return)
    assert got == [("dismiss", [1], {"reason": "Staff cleaning the camera"})]
    assert not queue.prompt.isVisible() and queue.table.hasFocus() and queue.current().id == 2
    qtbot.keyClick(queue.table, Qt.Key.Key_D)
    qtbot.keyClicks(queue.prompt.edit, "steam from the wok")
    qtbot.keyClick(queue.prompt.edit, Qt.Key.Key_Escape)  # put away: nothing happens
    assert len(got) == 1 and queue.current().id == 2 and not queue.prompt.isVisible()


def test_escalate_assign_and_note_keep_the_alert_listed(qtbot, queue):
    got = requests(qtbot, queue)
    qtbot.keyClick(queue.table, Qt.Key.Key_E)
    qtbot.keyClick(queue.table, Qt.Key.Key_A)
    qtbot.keyClicks(queue.prompt.edit, "wang.inspector")
    qtbot.keyClick(queue.prompt.edit, Qt.Key.Key_Return)
    qtbot.keyClick(queue.table, Qt.Key.Key_N)
    qtbot.keyClicks(queue.prompt.edit, "called the manager")
    qtbot.keyClick(queue.prompt.edit, Qt.Key.Key_Return)
    assert got == [("escalate", [1], {}), ("assign", [1], {"to": "wang.inspector"}),
                   ("note", [1], {"text": "called the manager"})]
    assert len(queue.lines()) == 5 and queue.current().id == 1


def test_shift_j_selects_several_and_one_key_acts_on_all(qtbot, queue):
    got = requests(qtbot, queue)
    qtbot.keyClick(queue.table, Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(queue.table, Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)
    assert [a.id for a in queue.selected()] == [1, 2, 3]
    qtbot.keyClick(queue.table, Qt.Key.Key_C)
    assert got == [("confirm", [1, 2, 3], {})]
    assert [a.id for a in queue.lines()] == [4, 5] and queue.current().id == 4


def test_the_whole_queue_is_cleared_with_the_keyboard_alone(qtbot, queue):
    got = requests(qtbot, queue)
    for key in (Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_C):
        qtbot.keyClick(queue.table, key)
        if key == Qt.Key.Key_D:
            qtbot.keyClicks(queue.prompt.edit, "1")
            qtbot.keyClick(queue.prompt.edit, Qt.Key.Key_Return)
    assert queue.lines() == [] and queue.current() is None
    assert [g[0] for g in got] == ["confirm", "dismiss", "confirm", "dismiss", "confirm"]
    assert sorted(i for g in got for i in g[1]) == [1, 2, 3, 4, 5]


def test_a_read_only_user_moves_but_cannot_review(qtbot, queue):
    got = requests(qtbot, queue)
    queue.set_editable(False)
    qtbot.keyClick(queue.table, Qt.Key.Key_J)
    qtbot.keyClick(queue.table, Qt.Key.Key_C)
    qtbot.keyClick(queue.table, Qt.Key.Key_D)
    assert got == [] and not queue.prompt.isVisible() and len(queue.lines()) == 5
    assert "supervisor" in queue.message.text()


def test_enter_opens_and_thumbnails_show_the_snapshot_or_the_source(qtbot, queue):
    with qtbot.waitSignal(queue.activated) as opened:
        qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert opened.args[0].id == 1
    m = queue.model
    with_pic = m.data(m.index(0, 0), Qt.ItemDataRole.DecorationRole)
    without = m.data(m.index(1, 0), Qt.ItemDataRole.DecorationRole)
    assert not with_pic.isNull() and with_pic.width() <= THUMB.width() and with_pic.height() <= THUMB.height()
    assert with_pic.toImage().pixelColor(with_pic.width() // 2, with_pic.height() // 2).red() > 150  # BGR (40, 120, 200)
    assert not without.isNull() and without.size() == THUMB
    assert m.data(m.index(0, 0), LINE_ROLE).id == 1


def test_filters_ask_for_what_the_supervisor_picks(qtbot, queue):
    seen = []
    queue.filterChanged.connect(seen.append)
    queue.filters.set_kinds([("lens_covered", "Lens covered"), ("smoking", "Smoking")])
    queue.filters.set_districts([(7, "昆都仑区")])
    queue.filters.kind.setCurrentIndex(2)
    queue.filters.district.setCurrentIndex(1)
    queue.filters.severity.setCurrentIndex(3)
    queue.filters.time.setCurrentIndex(2)
    f = seen[-1]
    assert f.kinds == ("smoking",) and f.district_id == 7 and f.min_severity == 3 and f.since_hours == 24.0
    assert f.states == ("new", "in_review")
    queue.filters.set_camera(12, "后厨 3")
    assert seen[-1].camera_id == 12 and queue.filters.camera.text() == "后厨 3"
    queue.filters.set_states("all")
    assert seen[-1].states == ()


def test_the_detail_shows_the_snapshot_with_its_box_plays_the_clip_and_the_threshold(qtbot):
    view = AlertDetailView()
    qtbot.addWidget(view)
    view.resize(900, 800)
    view.show()
    a = lines(1)[0]
    clip = [np.full((90, 160, 3), v, np.uint8) for v in (0, 60, 120, 180, 240)]
    d = AlertDetail(a, jpeg(320, 180), (40, 30, 100, 60), clip, 10.0,
                    (TimelineLine(a.raised_at, "vision:w1", "raised", "", "New"),
                     TimelineLine(a.raised_at, "zhang", "dismissed", "In review", "Dismissed", "steam")),
                    Threshold("Lens covered", 0.6, 0.5, 1), (("放心星", True), ("制作放心星", False)), "C")
    view.set_detail(d)
    assert not view.snapshot.image.isNull() and view.snapshot.box == (40, 30, 100, 60)
    qtbot.waitUntil(lambda: view.player.slider.value() >= 2, timeout=3000)
    assert view.player.playing
    assert "0.60" in view.threshold.text() and "0.50" in view.threshold.text() and "1" in view.threshold.text()
    assert view.reset_button.isEnabled()
    assert "制作放心星" in view.place.text() and "C" in view.place.text()
    assert view.timeline.count() == 2 and "steam" in view.timeline.item(1).text()
    with qtbot.waitSignal(view.stepRequested) as step:
        view.buttons["confirm"].click()
    assert step.args == ["confirm"]
    with qtbot.waitSignal(view.openLiveRequested) as live:
        view.buttons["live"].click()
    assert live.args == [10]
    view.set_detail(AlertDetail(a))
    assert view.snapshot.image.isNull() and not view.player.playing and not view.buttons["export_clip"].isEnabled()
    view.set_detail(None)
    assert view.empty.isVisible()
