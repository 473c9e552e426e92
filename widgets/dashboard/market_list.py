"""Markets under the current filters, worst pass rate first, with their overdue re-tests; Enter or
a double-click opens one in the market view, a single click shows it on the map."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLineEdit, QVBoxLayout, QWidget

from widgets.dashboard.charts import rate_colour
from widgets.rows_model import RowsModel, filtered_table


@dataclass(frozen=True)
class MarketLine:
    id: int
    code: str
    name: str
    district: str
    tested: int
    passed: int
    overdue: int

    @property
    def failed(self) -> int:
        return self.tested - self.passed


class MarketModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[MarketLine] = []
        self.headers = (self.tr("Market"), self.tr("District"), self.tr("Tested"), self.tr("Failed"),
                        self.tr("Pass rate"), self.tr("Overdue re-tests"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        col = index.column()
        rate = m.passed / m.tested if m.tested else float("nan")
        if role == Qt.ItemDataRole.DisplayRole:
            return (m.name, m.district, m.tested, m.failed, f"{100 * rate:.1f}%" if m.tested else "—",
                    m.overdue or "")[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return f"{m.name}（{m.code}）"
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 4 and m.tested and rate < 0.98:
                return QBrush(QColor(rate_colour(rate)))
            if col in (3, 5) and ((col == 3 and m.failed) or (col == 5 and m.overdue)):
                return QBrush(QColor("#dc2626"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return m
        return None


class MarketList(QWidget):
    opened = Signal(int)  # market id: open its view
    selected = Signal(int)  # market id: show it on the map

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = MarketModel(self)
        self.proxy, self.table = filtered_table(self, self.model)
        self.search = QLineEdit(self, placeholderText=self.tr("Find a market…"), clearButtonEnabled=True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 150)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 6)
        lay.addWidget(self.search)
        lay.addWidget(self.table, 1)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.table.clicked.connect(lambda idx: self._line(idx) and self.selected.emit(self._line(idx).id))

    def set_markets(self, rows: list[MarketLine]) -> None:
        self.model.set_rows(rows)

    def _line(self, idx) -> MarketLine | None:
        return self.proxy.data(idx.siblingAtColumn(0), Qt.ItemDataRole.UserRole) if idx.isValid() else None

    def _open(self, idx) -> None:
        line = self._line(idx)
        if line is not None:
            self.opened.emit(line.id)
