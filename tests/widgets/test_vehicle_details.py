"""A vehicle's file as an inspector reads it: checklist, certificate warnings, jobs, ledgers, alerts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor

from widgets.vehicle_details import (
    AlertRow,
    CertificateRow,
    CheckItem,
    JobRow,
    LedgerRow,
    VehicleDetails,
    VehicleDetailsWidget,
)
from widgets.vehicle_details.widget import AMBER, GREEN, GREY, ORANGE, RED

T = 1_750_000_000.0  # 2025-06-15 23:06:40 in Baotou


def _cert(kind, days, renewed=False, holder="鹿城宴席"):
    expires = None if days is None else date.fromordinal(date(2025, 6, 15).toordinal() + days)
    return CertificateRow(kind, f"N-{kind}", holder, date(2024, 1, 1), expires, days, renewed)


@pytest.fixture
def details() -> VehicleDetails:
    return VehicleDetails(
        7, "蒙B12345", "banquet_truck", "鹿城宴席", "13800000000", "014700000007", T, 38.0,
        checks=[CheckItem("business_licence", True, "营业执照已核验", T - 86400 * 3, "王检"),
                CheckItem("sample_retention", False, "未留样", T - 86400, "李检")],
        certificates=[_cert("business_licence", 45), _cert("liability_insurance", 30), _cert("gps_video", 6),
                      _cert("filing", 0), _cert("training", -3), _cert("training", -400, renewed=True),
                      _cert("health_certificate", None)],
        jobs=[JobRow(date(2025, 6, 10), "阿都赖村", "婚宴", 200, "张三", True, "done"),
              JobRow(date(2025, 6, 16), "沙尔沁村", "寿宴", 120, "李四", False, "declared")],
        ledgers=[LedgerRow("purchase", T - 3600, "羊肉", 20.0, "kg", "鹿城肉联厂"),
                 LedgerRow("disinfection", T - 7200, "餐具及操作台消毒", note="含氯消毒液")],
        alerts=[AlertRow(1, T - 7200, "near_school", "near", 1, "dismissed", ended=True),
                AlertRow(2, T - 60, "undeclared_venue", "宴席车在未申报地点停留", 3, "new")],
    )


@pytest.fixture
def widget(qtbot, details):
    w = VehicleDetailsWidget()
    qtbot.addWidget(w)
    w.resize(700, 500)
    w.set_details(details)
    return w


def _rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_header_and_tab_titles_count_what_needs_attention(widget):
    assert widget.title.text() == "蒙B12345  ·  Banquet truck"
    assert "鹿城宴席" in widget.subtitle.text() and "last report 2025-06-15 23:06:40" in widget.subtitle.text()
    titles = [widget.tabs.tabText(i) for i in range(widget.tabs.count())]
    # 30, 7 and 0 days and expired warn; the renewed one and the valid one do not
    assert titles == ["Checklist (1 ✗)", "Certificates (4 ⚠)", "Catering jobs (2)", "Ledgers (2)", "Alerts (1 !)"]


def test_checklist_reads_the_five_musts_then_the_eight_controls_with_evidence(widget):
    tree = widget.checks
    musts, controls = tree.topLevelItem(0), tree.topLevelItem(1)
    assert (musts.text(0), musts.childCount(), controls.text(0), controls.childCount()) == \
        ("Five musts", 5, "Eight controls", 8)
    licence = musts.child(0)
    assert [licence.text(c) for c in range(5)] == ["Business licence", "✓ met", "2025-06-12", "王检", "营业执照已核验"]
    samples = controls.child(4)
    assert samples.text(0) == "Sample retention" and samples.text(1) == "✗ not met"
    assert samples.foreground(1).color() == QColor(RED)
    never = musts.child(1)
    assert never.text(1) == "not checked" and never.foreground(1).color() == QColor(GREY)


def test_certificates_warn_at_30_7_and_0_days_most_urgent_first(widget):
    t = widget.certificates
    rows = _rows(t)
    status = {r[0] + ("/renewed" if r[1] == "renewed" else ""): r[1] for r in rows}
    assert status == {"Staff training": "expired 3 days ago", "Filing": "expires today",
                      "GPS and video": "expires in 6 days", "Liability insurance": "expires in 30 days",
                      "Business licence": "valid", "Health certificate": "no expiry", "Staff training/renewed": "renewed"}
    assert [r[0] for r in rows][:4] == ["Staff training", "Filing", "GPS and video", "Liability insurance"]
    colour = {rows[r][0] + str(r): t.item(r, 1).foreground().color() for r in range(len(rows))}
    assert colour["Staff training0"] == QColor(RED) and colour["Filing1"] == QColor(RED)
    assert colour["GPS and video2"] == QColor(ORANGE) and colour["Liability insurance3"] == QColor(AMBER)
    assert colour["Business licence4"] == QColor(GREEN)


def test_jobs_ledgers_and_alerts_newest_first(widget, qtbot):
    jobs = _rows(widget.jobs)
    assert [j[0] for j in jobs] == ["2025-06-16", "2025-06-10"]
    assert jobs[0][1:5] == ["沙尔沁村", "120", "no", "declared"]
    assert widget.jobs.item(0, 3).foreground().color() == QColor(RED)  # no samples kept
    assert _rows(widget.ledgers) == [["2025-06-15 22:06", "Purchase", "羊肉", "20 kg", "鹿城肉联厂"],
                                     ["2025-06-15 21:06", "Disinfection", "餐具及操作台消毒", "", "含氯消毒液"]]
    alerts = _rows(widget.alerts)
    assert alerts[0][1:] == ["Catering at an undeclared venue", "High", "New"]
    assert alerts[1][3] == "Dismissed (condition over)"
    with qtbot.waitSignal(widget.alertActivated) as sig:
        widget.alerts.cellDoubleClicked.emit(0, 1)
    assert sig.args == [2]


def test_clearing_forgets_the_vehicle(widget):
    widget.clear()
    assert widget.details is None and not widget.tabs.isEnabled()
    assert widget.certificates.rowCount() == 0 and widget.tabs.tabText(1) == "Certificates"
