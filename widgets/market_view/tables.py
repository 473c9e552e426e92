"""Table models of a market's samples: every sample of the day, and the failures with what was
done about each (disposal, kilograms, whether the stall was told, the re-test and its due time)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from widgets.market_view.data import SampleLine
from widgets.rows_model import RowsModel

FAIL_BG = QColor(220, 38, 38, 40)
OVERDUE_FG = QColor("#c0392b")


translate = QCoreApplication.translate


def reading(s: SampleLine) -> str:
    if s.value is None:
        return translate("MarketView", "Positive") if s.failed else translate("MarketView", "Negative")
    return f"{s.value:.4g} {s.unit}".strip()


def limit_text(s: SampleLine) -> str:
    return "" if s.limit is None else f"{s.limit:g} {s.unit}".strip()


def disposal_text(s: SampleLine) -> str:
    names = {"destroyed": translate("MarketView", "Destroyed"), "returned": translate("MarketView", "Returned"), "sealed": translate("MarketView", "Sealed"),
             "recalled": translate("MarketView", "Recalled")}
    if s.disposal:
        return names.get(s.disposal, s.disposal)
    if s.disposal_state == "done":
        return translate("MarketView", "Dealt with")
    return translate("MarketView", "Off sale, pending") if s.failed else ""


def stall_told_text(s: SampleLine) -> str:
    if s.disposal_state == "done" or s.disposal:
        return translate("MarketView", "Yes")
    if s.disposal_state in ("open", "assigned", "in_progress"):
        return translate("MarketView", "Pending")
    return "—"


def retest_overdue(s: SampleLine, now: datetime) -> bool:
    return (s.failed and s.retest_due is not None and s.retest_state not in ("done", "cancelled")
            and s.retest_due < now)


def retest_text(s: SampleLine, now: datetime) -> str:
    if s.retest_state == "done":
        return translate("MarketView", "Re-tested")
    if s.retest_state == "cancelled":
        return translate("MarketView", "Cancelled")
    if s.retest_due is None:
        return translate("MarketView", "Ordered") if s.failed else ""
    return translate("MarketView", "Overdue") if retest_overdue(s, now) else translate("MarketView", "Due")


class _Rows(RowsModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.now = datetime.now().astimezone()

    def set_rows(self, rows: list[SampleLine], now: datetime) -> None:
        self.now = now
        super().set_rows(rows)

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
        self.headers = (translate("MarketView", "Time"), translate("MarketView", "Sample no."), translate("MarketView", "Product"), translate("MarketView", "Category"), translate("MarketView", "Test item"),
                        translate("MarketView", "Reading"), translate("MarketView", "Limit"), translate("MarketView", "Result"), translate("MarketView", "Stall"), translate("MarketView", "Tester"))

    def cell(self, s: SampleLine, col: int) -> str:
        return (f"{s.tested_at:%H:%M}", s.sample_no, s.product, s.category, s.item, reading(s), limit_text(s),
                translate("MarketView", "Fail") if s.failed else translate("MarketView", "Pass"), s.stall, s.tester)[col]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 7 \
                and self.rows[index.row()].failed:
            return QBrush(OVERDUE_FG)
        return super().data(index, role)


class FailuresModel(_Rows):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (translate("MarketView", "Time"), translate("MarketView", "Product"), translate("MarketView", "Test item"), translate("MarketView", "Reading"), translate("MarketView", "Limit"), translate("MarketView", "Disposal"),
                        translate("MarketView", "Kilograms"), translate("MarketView", "Stall told"), translate("MarketView", "Re-test due"), translate("MarketView", "Re-test"), translate("MarketView", "Stall"))

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
