"""Table models of a market's samples: every sample of the day, and the failures with what was
done about each (disposal, kilograms, whether the stall was told, the re-test and its due time)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from widgets.market_view.data import SampleLine

FAIL_BG = QColor(220, 38, 38, 40)
OVERDUE_FG = QColor("#c0392b")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MarketView", text)


def reading(s: SampleLine) -> str:
    if s.value is None:
        return _tr("Positive") if s.failed else _tr("Negative")
    return f"{s.value:.4g} {s.unit}".strip()


def limit_text(s: SampleLine) -> str:
    return "" if s.limit is None else f"{s.limit:g} {s.unit}".strip()


def disposal_text(s: SampleLine) -> str:
    names = {"destroyed": _tr("Destroyed"), "returned": _tr("Returned"), "sealed": _tr("Sealed"),
             "recalled": _tr("Recalled")}
    if s.disposal:
        return names.get(s.disposal, s.disposal)
    if s.disposal_state == "done":
        return _tr("Dealt with")
    return _tr("Off sale, pending") if s.failed else ""


def stall_told_text(s: SampleLine) -> str:
    if s.disposal_state == "done" or s.disposal:
        return _tr("Yes")
    if s.disposal_state in ("open", "assigned", "in_progress"):
        return _tr("Pending")
    return "—"


def retest_overdue(s: SampleLine, now: datetime) -> bool:
    return (s.failed and s.retest_due is not None and s.retest_state not in ("done", "cancelled")
            and s.retest_due < now)


def retest_text(s: SampleLine, now: datetime) -> str:
    if s.retest_state == "done":
        return _tr("Re-tested")
    if s.retest_state == "cancelled":
        return _tr("Cancelled")
    if s.retest_due is None:
        return _tr("Ordered") if s.failed else ""
    return _tr("Overdue") if retest_overdue(s, now) else _tr("Due")


class _Rows(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[SampleLine] = []
        self.now = datetime.now().astimezone()

    def set_rows(self, rows: list[SampleLine], now: datetime) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.now = now
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def cell(self, s: SampleLine, col: int) -> str:
        raise NotImplementedError

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(s, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and s.failed:
            return QBrush(FAIL_BG)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell(s, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        return None


class SamplesModel(_Rows):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (_tr("Time"), _tr("Sample no."), _tr("Product"), _tr("Category"), _tr("Test item"),
                        _tr("Reading"), _tr("Limit"), _tr("Result"), _tr("Stall"), _tr("Tester"))

    def cell(self, s: SampleLine, col: int) -> str:
        return (f"{s.tested_at:%H:%M}", s.sample_no, s.product, s.category, s.item, reading(s), limit_text(s),
                _tr("Fail") if s.failed else _tr("Pass"), s.stall, s.tester)[col]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 7 \
                and self.rows[index.row()].failed:
            return QBrush(OVERDUE_FG)
        return super().data(index, role)


class FailuresModel(_Rows):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (_tr("Time"), _tr("Product"), _tr("Test item"), _tr("Reading"), _tr("Limit"), _tr("Disposal"),
                        _tr("Kilograms"), _tr("Stall told"), _tr("Re-test due"), _tr("Re-test"), _tr("Stall"))

    def cell(self, s: SampleLine, col: int) -> str:
        due = f"{s.retest_due:%m-%d %H:%M}" if s.retest_due else ""
        kg = f"{s.disposal_kg:g}" if s.disposal_kg else ""
        return (f"{s.tested_at:%H:%M}", s.product, s.item, reading(s), limit_text(s), disposal_text(s), kg,
                stall_told_text(s), due, retest_text(s, self.now), s.stall or "—")[col]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() in (8, 9) \
                and retest_overdue(self.rows[index.row()], self.now):
            return QBrush(OVERDUE_FG)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.rows[index.row()].action or None
        return super().data(index, role)
