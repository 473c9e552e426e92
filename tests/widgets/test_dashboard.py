"""The filter bar, the market list and the city dashboard as a user drives and reads them."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QDate, Qt

from widgets.dashboard import CityDashboard, DashboardData, MarketLine, MarketList, TestFilterBar, window_days

TODAY = date(2026, 11, 26)


def test_windows_cover_the_days_a_user_expects(qtbot):
    bar = TestFilterBar(TODAY)
    qtbot.addWidget(bar)
    s = bar.state()
    assert (s.window, s.first, s.last, s.days) == ("today", TODAY, TODAY, 1)
    with qtbot.waitSignal(bar.changed) as sig:
        bar.window_buttons["7"].click()
    assert (sig.args[0].first, sig.args[0].last) == (date(2026, 11, 20), TODAY)
    bar.window_buttons["30"].click()
    assert bar.state().days == 30
    assert not bar.first_edit.isEnabled()
    bar.window_buttons["custom"].click()
    assert bar.first_edit.isEnabled()
    bar.first_edit.setDate(QDate(2026, 11, 10))
    bar.last_edit.setDate(QDate(2026, 11, 12))
    s = bar.state()
    assert (s.first, s.last) == (date(2026, 11, 10), date(2026, 11, 12))
    # dates chosen the wrong way round still make a window
    assert window_days("custom", TODAY, (date(2026, 11, 12), date(2026, 11, 10))) == (date(2026, 11, 10),
                                                                                    date(2026, 11, 12))
    with pytest.raises(ValueError):
        window_days("fortnight", TODAY)


def test_item_and_category_choices_narrow_the_filter(qtbot):
    bar = TestFilterBar(TODAY)
    qtbot.addWidget(bar)
    bar.set_choices([("op_carbamate", "农药残留"), ("clenbuterol", "克伦特罗")], [("vegetables", "蔬菜"), ("meat", "畜禽肉")])
    assert bar.state().items == () and bar.items.text() == "All items"
    with qtbot.waitSignal(bar.changed) as sig:
        bar.items.menu().actions()[3].trigger()  # "All", separator, 农药残留, 克伦特罗
    assert sig.args[0].items == ("clenbuterol",)
    assert bar.items.text() == "克伦特罗"
    bar.categories.set_selected(("vegetables", "meat"))
    assert bar.state().categories == ("vegetables", "meat") and bar.categories.text() == "2 categories"
    bar.categories.clear()
    assert bar.state().categories == ()


def test_heatmap_settings_are_part_of_the_state(qtbot):
    bar = TestFilterBar(TODAY)
    qtbot.addWidget(bar)
    bar.weighted_box.setChecked(False)
    bar.sigma_spin.setValue(1500)
    bar.heatmap_box.setChecked(False)
    s = bar.state()
    assert (s.weighted, s.sigma_m, s.heatmap) == (False, 1500.0, False)


def test_the_day_turning_moves_the_window(qtbot):
    bar = TestFilterBar(TODAY)
    qtbot.addWidget(bar)
    bar.window_buttons["7"].click()
    with qtbot.waitSignal(bar.changed):
        bar.set_today(TODAY + timedelta(days=1))
    assert bar.state().last == TODAY + timedelta(days=1)


def data(days: int) -> DashboardData:
    day_list = [TODAY - timedelta(days=days - 1 - i) for i in range(days)]
    items = [f"item{k}" for k in range(9)]
    failures = np.zeros((9, days))
    failures[0] = 3
    failures[8, -1] = 2
    failures[4, 0] = 1
    return DashboardData(day_list[0], TODAY, 800, 790, [("A市场", 4), ("B市场", 3), ("C市场", 2), ("D市场", 1)],
                         5600, 5520, 9, 3, [("昆都仑区", 2000, 1990), ("青山区", 1500, 1440), ("石拐区", 0, 0)],
                         day_list, items, failures)


def test_tiles_show_today_and_the_window(qtbot):
    d = CityDashboard()
    qtbot.addWidget(d)
    d.set_data(data(7))
    tiles = d.kpis.tiles
    assert tiles["samples"].value.text() == "800" and "5,600" in tiles["samples"].note.text()
    assert tiles["rate"].value.text() == "98.8%" and "98.6%" in tiles["rate"].note.text()
    assert tiles["markets"].value.text() == "4"
    assert "A市场 4" in tiles["markets"].note.text() and "2 more" in tiles["markets"].note.text()
    assert tiles["overdue"].value.text() == "3"
    assert "#d64541" in tiles["overdue"].value.styleSheet()  # overdue re-tests in alarm colour


def test_districts_are_ordered_worst_first_and_untested_last(qtbot):
    d = CityDashboard()
    qtbot.addWidget(d)
    d.set_data(data(7))
    names = d.districts.names
    assert names[0].startswith("青山区") and "96.0%" in names[0]
    assert names[1].startswith("昆都仑区")
    assert names[2].startswith("石拐区") and "—" in names[2]


def test_failures_by_item_stack_per_day_with_the_rest_as_other(qtbot):
    d = CityDashboard()
    qtbot.addWidget(d)
    base = data(7)
    failures = np.tile(np.arange(9, 0, -1, dtype=float)[:, None], (1, 7))  # item0 most … item8 least
    failures[:, 2] = 0  # a day without failures
    d.set_data(DashboardData(**{**base.__dict__, "item_failures": failures}))
    assert d.items_stack.currentWidget() is d.items
    assert d.items.totals.tolist() == [45, 45, 0, 45, 45, 45, 45]
    legend_labels = [label.text for _, label in d.items.legend().items]
    assert legend_labels == ["item0", "item1", "item2", "item3", "item4", "item5", "Other items"]


def test_one_day_shows_a_bar_per_item(qtbot):
    d = CityDashboard()
    qtbot.addWidget(d)
    d.set_data(data(1))
    assert d.items_stack.currentWidget() is d.items_day
    assert d.items_day.values.tolist()[:2] == [3.0, 2.0]
    assert d.items_day.names[0] == "item0  3"


def test_market_list_opens_a_market(qtbot):
    lst = MarketList()
    qtbot.addWidget(lst)
    lst.set_markets([MarketLine(1, "NM1", "友谊农贸市场", "昆都仑区", 100, 97, 1),
                     MarketLine(2, "NM2", "青山农贸市场", "青山区", 0, 0, 0)])
    m = lst.table.model()
    assert m.data(m.index(0, 4)) == "97.0%" and m.data(m.index(1, 4)) == "—"
    assert m.data(m.index(0, 4), Qt.ItemDataRole.ForegroundRole) is not None  # below 98 %: coloured
    lst.search.setText("青山")
    assert m.rowCount() == 1
    with qtbot.waitSignal(lst.opened) as sig:
        lst.table.doubleClicked.emit(m.index(0, 0))
    assert sig.args == [2]
