"""The market view as an inspector reads it: the day's samples, each failure with its disposal and
re-test, the trend with the weakest groups, and the requests it sends the application."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
from PySide6.QtCore import Qt

from widgets.market_view import MarketHeader, MarketView, SampleLine, TrendData

BJ = timezone(timedelta(hours=8))
DAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=BJ)


def sample(i: int, failed: bool = False, **kw) -> SampleLine:
    base = dict(id=i, sample_no=f"KJ{i:05d}", tested_at=datetime(2026, 11, 26, 6, 30 + i, tzinfo=BJ),
                product="韭菜", category="蔬菜", item="有机磷和氨基甲酸酯类农药", value=72.5 if failed else 12.0,
                unit="%", limit=50.0, failed=failed, stall="07号", tester="赵检测")
    return SampleLine(**(base | kw))


def header() -> MarketHeader:
    return MarketHeader(3, "NM0003", "友谊农贸市场", "昆都仑区", "钢铁大街3号", "farmers")


def cells(view, row: int) -> list[str]:
    m = view.model()
    return [m.data(m.index(row, c)) for c in range(m.columnCount())]


def test_the_days_samples_and_failures_are_listed(qtbot):
    v = MarketView()
    qtbot.addWidget(v)
    v.set_market(header(), DAY)
    assert "友谊农贸市场" in v.title.text() and "NM0003" in v.title.text()
    rows = [sample(1), sample(2, failed=True, disposal="destroyed", disposal_kg=12.5, disposal_state="done",
                             retest_due=datetime(2026, 11, 27, 10, 30, tzinfo=BJ), retest_state="open"),
            sample(3, failed=True, disposal=None, disposal_state="open",
                   retest_due=datetime(2026, 11, 28, 10, 0, tzinfo=BJ), retest_state="open"),
            sample(4)]
    v.set_samples(DAY, rows, NOW)
    assert v.samples_table.model().rowCount() == 4
    assert v.failures_table.model().rowCount() == 2
    assert v.tabs.tabText(1).endswith("(2)")
    assert "4" in v.summary.text() and "50.0%" in v.summary.text()
    first_fail = cells(v.failures_table, 0)
    assert v.failures_model.headers[7] == "Stall told"
    assert "12.5" in first_fail and "72.5 %" in first_fail and "50 %" in first_fail
    assert "Destroyed" in first_fail and "Yes" in first_fail  # stall told: the batch was dealt with
    assert "Overdue" in first_fail  # due 10:30 on the 27th, still open at noon
    second = cells(v.failures_table, 1)
    assert "Pending" in second and "Due" in second and "Off sale, pending" in second
    m = v.samples_table.model()
    assert m.data(m.index(1, 7)) == "Fail" and m.data(m.index(0, 7)) == "Pass"
    assert m.data(m.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_a_day_with_nothing_tested_says_so(qtbot):
    v = MarketView()
    qtbot.addWidget(v)
    v.set_market(header(), DAY)
    v.set_samples(DAY, [], NOW)
    assert v.samples_table.model().rowCount() == 0
    assert "—" in v.summary.text()


def test_trend_shows_the_market_and_its_weakest_groups(qtbot):
    v = MarketView()
    qtbot.addWidget(v)
    v.set_market(header(), DAY)
    days = [DAY - timedelta(days=6 - i) for i in range(7)]
    labels = ["Whole market"] + [f"item {k}" for k in range(8)]
    tested = np.full((9, 7), 10)
    tested[0] = 80
    passed = tested.copy()
    passed[3, 2] = 6  # item 2 fails 4 of 70
    passed[5, :] = 9  # item 4 fails 7 of 70
    passed[0, :] = 78
    v.set_trend(TrendData(7, "item", days, labels, tested, passed))
    shown = v.chart.series_shown
    assert shown[0] == "Whole market" and len(shown) == 6
    assert shown[1] == "item 4" and shown[2] == "item 2"
    b = v.breakdown
    assert b.item(0, 0).text() == "Whole market"
    assert b.item(1, 0).text() == "item 4" and b.item(1, 2).text() == "7"
    assert b.item(1, 3).text() == "90.0%"


def test_a_day_without_samples_is_a_gap_in_the_trend(qtbot):
    v = MarketView()
    qtbot.addWidget(v)
    v.set_market(header(), DAY)
    days = [DAY - timedelta(days=2 - i) for i in range(3)]
    v.set_trend(TrendData(7, None, days, ["Whole market"], np.array([[10, 0, 10]]), np.array([[10, 0, 9]])))
    (line,) = v.chart.getPlotItem().listDataItems()
    assert line.xData.tolist() == [0, 2] and line.yData.tolist() == [100.0, 90.0]  # no zero on the untested day


def test_the_view_asks_for_what_the_user_picks(qtbot):
    v = MarketView()
    qtbot.addWidget(v)
    v.set_market(header(), DAY)
    with qtbot.waitSignal(v.trendRequested) as sig:
        v.span_buttons[7].click()
    assert sig.args == [7, None]
    with qtbot.waitSignal(v.trendRequested) as sig:
        v.by_combo.setCurrentIndex(2)
    assert sig.args == [7, "category"]
    with qtbot.waitSignal(v.noticeRequested) as sig:
        v.png_button.click()
    assert sig.args == ["png"]
    with qtbot.waitSignal(v.dayChanged) as sig:
        v.date_edit.setDate(v.date_edit.date().addDays(-1))
    assert sig.args == [DAY - timedelta(days=1)]


def test_no_file_buttons_on_the_wall(qtbot):
    v = MarketView(allow_files=False)
    qtbot.addWidget(v)
    v.set_market(header(), DAY)
    v.show()
    assert not v.pdf_button.isVisible() and not v.png_button.isVisible()
