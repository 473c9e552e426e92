"""Star review from the keyboard, star edits that need a reason, and the risk list, as a
supervisor (or a read-only colleague) uses them. Real key presses, offscreen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt

from widgets.star_review import (
    BusinessCard,
    BusinessInfo,
    HistoryLine,
    ProposalLine,
    ProposalTable,
    RiskLine,
    RiskList,
)

BJ = timezone(timedelta(hours=8))


def proposal(i: int, business: str = "老王烧麦馆", up: bool = False, star: str = "preparation",
             name: str = "制作放心星") -> ProposalLine:
    return ProposalLine(i, 1, 100 + i, business, "昆都仑区", star, name, up, "告警确认：吸烟", "后厨吸烟经审核确认",
                        "告警 #7", datetime(2026, 11, 26, 9, i, tzinfo=BJ))


def queue(qtbot, editable: bool = True) -> ProposalTable:
    t = ProposalTable()
    qtbot.addWidget(t)
    t.set_editable(editable)
    t.set_proposals([proposal(1), proposal(2, "草原涮肉馆", up=True, star="dining", name="餐区整洁星"),
                     proposal(3, "青山饺子馆")])
    t.show()
    t.table.setFocus()
    return t


def test_a_supervisor_works_through_the_queue_with_the_keyboard(qtbot):
    t = queue(qtbot)
    assert t.current().id == 1 and t.count_label.text() == "3 open"
    with qtbot.waitSignal(t.applyRequested) as sig:
        qtbot.keyClick(t.table, Qt.Key.Key_A)
    assert sig.args[0].id == 1 and sig.args[1] == ""
    assert t.current().id == 2  # the next one is ready
    assert t.model.rowCount() == 2
    with qtbot.waitSignal(t.rejectRequested) as sig:
        qtbot.keyClick(t.table, Qt.Key.Key_R)
    assert sig.args[0].id == 2
    with qtbot.waitSignal(t.activated) as sig:
        qtbot.keyClick(t.table, Qt.Key.Key_Return)
    assert sig.args[0].business_id == 103


def test_a_note_goes_with_the_decision(qtbot):
    t = queue(qtbot)
    t.note.setText("已约谈负责人")
    with qtbot.waitSignal(t.applyRequested) as sig:
        t.apply_button.click()
    assert sig.args[1] == "已约谈负责人"
    assert t.note.text() == ""


def test_typing_a_note_does_not_decide(qtbot):
    t = queue(qtbot)
    t.note.setFocus()
    with qtbot.assertNotEmitted(t.applyRequested), qtbot.assertNotEmitted(t.rejectRequested):
        qtbot.keyClicks(t.note, "AR")
    assert t.note.text() == "AR" and t.model.rowCount() == 3


def test_others_see_the_queue_read_only(qtbot):
    t = queue(qtbot, editable=False)
    assert t.readonly_label.isVisible()
    assert not t.apply_button.isVisible() and not t.reject_button.isVisible()
    with qtbot.assertNotEmitted(t.applyRequested):
        qtbot.keyClick(t.table, Qt.Key.Key_A)
    assert t.model.rowCount() == 3


def test_the_filter_finds_by_star_name_and_reloading_keeps_the_selection(qtbot):
    t = queue(qtbot)
    t.search.setText("餐区整洁星")
    assert t.visible_count() == 1 and t.current().id == 2
    assert t.count_label.text() == "1 of 3"
    t.search.clear()
    t.select_id(3)
    t.set_proposals([proposal(3, "青山饺子馆"), proposal(4)])
    assert t.current().id == 3


def card_info(**kw) -> BusinessInfo:
    base = dict(id=42, name="老王烧麦馆", licence_no="JY31502000000042", kind="餐馆", district="昆都仑区",
                address="钢铁大街1号",
                stars=[("compliance", "合规星", True), ("dining", "餐区整洁星", True), ("kitchen", "厨房达标星", False),
                       ("preparation", "制作放心星", True), ("management", "优秀管理星", False)],
                rating_version=5, risk_grade="C", risk_reasons=[("最近一次监督检查责令整改（2026-10-02）", 15),
                                                                 ("近90天快检不合格1批次", 10)],
                history=[HistoryLine(datetime(2026, 11, 1, 10, tzinfo=BJ), "厨房达标星", True, False, "zhang",
                                     "监督检查不合格", "监督检查不合格")], open_proposals=1)
    return BusinessInfo(**(base | kw))


def test_the_card_shows_stars_reasons_and_history(qtbot):
    c = BusinessCard()
    qtbot.addWidget(c)
    c.set_business(card_info())
    assert c.name.text() == "老王烧麦馆" and "Risk C" in c.grade.text()
    assert [b.isChecked() for b in c.star_boxes.values()] == [True, True, False, True, False]
    assert "责令整改" in c.reasons.text() and "(+15)" in c.reasons.text()
    assert c.history.rowCount() == 1 and c.history.item(0, 2).text() == "taken away"
    assert "1 proposal(s) waiting" in c.details.text()
    assert not any(b.isEnabled() for b in c.star_boxes.values())  # not editable by default


def test_a_star_changes_only_with_a_reason(qtbot):
    c = BusinessCard()
    qtbot.addWidget(c)
    c.set_editable(True)
    c.set_business(card_info())
    c.show()
    c.star_boxes["kitchen"].click()
    assert c.edit_row.isVisible() and "厨房达标星" in c.edit_label.text()
    with qtbot.assertNotEmitted(c.starEditRequested):
        c.save_button.click()  # no reason given
    assert c.edit_row.isVisible()
    c.reason.setText("复查合格")
    with qtbot.waitSignal(c.starEditRequested) as sig:
        c.save_button.click()
    assert sig.args == [42, "kitchen", True, "复查合格", 5]
    assert not c.edit_row.isVisible()


def test_cancel_puts_the_star_back(qtbot):
    c = BusinessCard()
    qtbot.addWidget(c)
    c.set_editable(True)
    c.set_business(card_info())
    c.show()
    c.star_boxes["preparation"].click()
    assert not c.star_boxes["preparation"].isChecked() and c.pending == ("preparation", False)
    c.cancel_button.click()
    assert c.star_boxes["preparation"].isChecked() and c.pending is None
    # ticking a second star while one is pending moves the question to the new one
    c.star_boxes["kitchen"].click()
    c.star_boxes["management"].click()
    assert not c.star_boxes["kitchen"].isChecked() and c.pending == ("management", True)


def test_the_risk_list_filters_by_grade_and_explains(qtbot):
    r = RiskList(grades=("D",))
    qtbot.addWidget(r)
    assert r.grades() == ("D",)
    with qtbot.waitSignal(r.gradesChanged) as sig:
        r.grade_boxes["C"].setChecked(True)
    assert sig.args == [("C", "D")]
    r.set_rows([RiskLine(1, "甲餐馆", "餐馆", "昆都仑区", "D", 55, [("最近一次监督检查不合格（2026-11-01）", 30),
                                                                 ("近90天经确认的告警2起（吸烟）", 10)]),
                RiskLine(2, "乙食堂", "学校食堂", "青山区", "C", 30, [("学校、幼儿园食堂（供餐对象为未成年人）", 10)])])
    assert r.count_label.text() == "2 businesses"
    with qtbot.waitSignal(r.businessSelected) as sig:
        r.select_id(1)
    assert sig.args == [1]
    assert "监督检查不合格" in r.reasons.text() and "score 55" in r.reasons.text()
    r.search.setText("食堂")
    assert r.proxy.rowCount() == 1
    with qtbot.waitSignal(r.activated) as sig:
        r.table.setCurrentIndex(r.proxy.index(0, 0))
        r.table.doubleClicked.emit(r.proxy.index(0, 0))
    assert sig.args == [2]
