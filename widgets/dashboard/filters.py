"""The rapid-test filter bar the heatmap, the market list and the city dashboard all follow: a time
window (today, 7 days, 30 days, or custom dates), test items, categories, and how the heatmap
is drawn (weighted by how far past the limit, kernel size, shown or not)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
)

WINDOWS = ("today", "7", "30", "custom")


@dataclass(frozen=True)
class FilterState:
    window: str  # one of WINDOWS
    first: date
    last: date
    items: tuple[str, ...] = ()  # empty: every item
    categories: tuple[str, ...] = ()  # empty: every category
    weighted: bool = True
    sigma_m: float = 600.0
    heatmap: bool = True

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def window_days(window: str, today: date, custom: tuple[date, date] | None = None) -> tuple[date, date]:
    """First and last local day of a window choice."""
    if window == "today":
        return today, today
    if window in ("7", "30"):
        return today - timedelta(days=int(window) - 1), today
    if window == "custom" and custom is not None:
        a, b = custom
        return (a, b) if a <= b else (b, a)
    raise ValueError(f"unknown time window {window!r}")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class _Choices(QToolButton):
    """A drop-down of checkable choices; none checked means all."""

    changed = Signal()

    def __init__(self, all_text: str, some_text: str, parent=None):
        super().__init__(parent)
        self._all_text, self._some_text = all_text, some_text
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._actions: dict[str, QAction] = {}
        self._refresh_text()

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        keep = set(self.selected())
        menu = self.menu()
        menu.clear()
        self._actions = {}
        clear = menu.addAction(self._all_text)
        clear.triggered.connect(self.clear)
        menu.addSeparator()
        for code, label in choices:
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(code in keep)
            act.toggled.connect(self._toggled)
            self._actions[code] = act
        self._refresh_text()

    def selected(self) -> tuple[str, ...]:
        return tuple(code for code, act in self._actions.items() if act.isChecked())

    def set_selected(self, codes: Sequence[str]) -> None:
        for code, act in self._actions.items():
            act.blockSignals(True)
            act.setChecked(code in codes)
            act.blockSignals(False)
        self._refresh_text()
        self.changed.emit()

    def clear(self) -> None:
        self.set_selected(())

    def _toggled(self, _on: bool) -> None:
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        sel = self.selected()
        if not sel:
            self.setText(self._all_text)
        elif len(sel) == 1:
            self.setText(self._actions[sel[0]].text())
        else:
            self.setText(self._some_text.replace("%1", str(len(sel))))
        self.setToolTip("\n".join(self._actions[c].text() for c in sel))


class TestFilterBar(QWidget):
    changed = Signal(object)  # FilterState
    __test__ = False  # not a pytest class

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        lay = QGridLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setHorizontalSpacing(6)

        row = QHBoxLayout()
        self.window_group = QButtonGroup(self)
        self.window_buttons: dict[str, QToolButton] = {}
        for key, text, tip in (("today", self.tr("Today"), self.tr("Samples tested today")),
                               ("7", self.tr("7 days"), self.tr("The last 7 days, today included")),
                               ("30", self.tr("30 days"), self.tr("The last 30 days, today included")),
                               ("custom", self.tr("Custom"), self.tr("Choose the first and last day"))):
            b = QToolButton(self, text=text, checkable=True, toolTip=tip)
            self.window_group.addButton(b)
            self.window_buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        lay.addWidget(QLabel(self.tr("Window")), 0, 0)
        lay.addLayout(row, 0, 1)

        dates = QHBoxLayout()
        self.first_edit = QDateEdit(self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.last_edit = QDateEdit(self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        for e in (self.first_edit, self.last_edit):
            e.setMaximumDate(_qdate(today))
        self.first_edit.setDate(_qdate(today - timedelta(days=6)))
        self.last_edit.setDate(_qdate(today))
        dates.addWidget(self.first_edit)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.last_edit)
        dates.addStretch(1)
        self.dates_label = QLabel(self.tr("From"))
        lay.addWidget(self.dates_label, 1, 0)
        lay.addLayout(dates, 1, 1)

        self.items = _Choices(self.tr("All items"), self.tr("%1 items"), self)
        self.categories = _Choices(self.tr("All categories"), self.tr("%1 categories"), self)
        what = QHBoxLayout()
        what.addWidget(self.items)
        what.addWidget(self.categories)
        what.addStretch(1)
        lay.addWidget(QLabel(self.tr("Tests")), 2, 0)
        lay.addLayout(what, 2, 1)

        heat = QHBoxLayout()
        self.heatmap_box = QCheckBox(self.tr("Heatmap"), self, checked=True)
        self.weighted_box = QCheckBox(self.tr("Weight by exceedance"), self, checked=True,
                                      toolTip=self.tr("A failure counts more the further it went past its limit"))
        self.sigma_spin = QSpinBox(self, minimum=100, maximum=5000, singleStep=100, value=600,
                                   suffix=self.tr(" m"), toolTip=self.tr("Kernel size (standard deviation) on the ground"))
        heat.addWidget(self.heatmap_box)
        heat.addWidget(self.weighted_box)
        heat.addWidget(self.sigma_spin)
        heat.addStretch(1)
        lay.addWidget(QLabel(self.tr("Map")), 3, 0)
        lay.addLayout(heat, 3, 1)

        self.window_buttons["today"].setChecked(True)
        self._show_dates(False)
        self.window_group.buttonToggled.connect(self._window_toggled)
        self.first_edit.dateChanged.connect(self._emit)
        self.last_edit.dateChanged.connect(self._emit)
        self.items.changed.connect(self._emit)
        self.categories.changed.connect(self._emit)
        self.heatmap_box.toggled.connect(self._emit)
        self.weighted_box.toggled.connect(self._emit)
        self.sigma_spin.valueChanged.connect(self._emit)

    # --- state ------------------------------------------------------------------------------

    def set_choices(self, items: Sequence[tuple[str, str]], categories: Sequence[tuple[str, str]]) -> None:
        """The test items and categories to offer, as (code, label)."""
        self.items.set_choices(items)
        self.categories.set_choices(categories)

    def set_today(self, today: date) -> None:
        """Move the windows on (the local day turned)."""
        if today != self._today:
            self._today = today
            for e in (self.first_edit, self.last_edit):
                e.setMaximumDate(_qdate(today))
            self._emit()

    def window(self) -> str:
        return next(k for k, b in self.window_buttons.items() if b.isChecked())

    def set_window(self, window: str, first: date | None = None, last: date | None = None) -> None:
        if window not in WINDOWS:
            raise ValueError(f"unknown time window {window!r}")
        if first is not None and last is not None:
            for e, d in ((self.first_edit, first), (self.last_edit, last)):
                e.blockSignals(True)
                e.setDate(_qdate(d))
                e.blockSignals(False)
        if self.window_buttons[window].isChecked():
            self._emit()
        else:
            self.window_buttons[window].setChecked(True)

    def state(self) -> FilterState:
        window = self.window()
        first, last = window_days(window, self._today, (_pydate(self.first_edit.date()), _pydate(self.last_edit.date())))
        return FilterState(window, first, last, self.items.selected(), self.categories.selected(),
                           self.weighted_box.isChecked(), float(self.sigma_spin.value()), self.heatmap_box.isChecked())

    def with_state(self, **changes) -> FilterState:
        return replace(self.state(), **changes)

    # --- events -----------------------------------------------------------------------------

    def _show_dates(self, on: bool) -> None:
        for w in (self.first_edit, self.last_edit, self.dates_label):
            w.setEnabled(on)

    def _window_toggled(self, button, checked: bool) -> None:
        if not checked:
            return
        self._show_dates(self.window() == "custom")
        self._emit()

    def _emit(self, *_args) -> None:
        self.changed.emit(self.state())

