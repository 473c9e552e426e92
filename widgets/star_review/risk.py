"""Businesses by risk grade (A lowest to D highest): tick the grades to list and show on the map,
pick one to read every fact that raised its grade, Enter or double-click to fly to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from widgets.rows_model import RowsModel, filtered_table
from widgets.star_review.card import GRADE_COLOURS
from widgets.star_review.data import RiskLine

GRADES = ("A", "B", "C", "D")


class RiskModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[RiskLine] = []
        self.headers = (self.tr("Business"), self.tr("Kind"), self.tr("District"), self.tr("Grade"), self.tr("Score"),
                        self.tr("Main reason"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            main = r.reasons[0][0] if r.reasons else ""
            return (r.name, r.kind, r.district, r.grade, r.score, main)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{t} (+{p})" for t, p in r.reasons) or None
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QBrush(QColor(GRADE_COLOURS.get(r.grade, "#64748b")))
        if role == Qt.ItemDataRole.UserRole:
            return r
        return None


class RiskList(QWidget):
    gradesChanged = Signal(tuple)  # the grades ticked
    showOnMapChanged = Signal(bool)
    businessSelected = Signal(int)
    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None, grades: tuple[str, ...] = ("C", "D")):
        super().__init__(parent)
        self.grade_boxes: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Grades")))
        for g in GRADES:
            box = QCheckBox(g, self, checked=g in grades)
            box.setStyleSheet(f"QCheckBox {{ color: {GRADE_COLOURS[g]}; font-weight: bold; }}")
            box.toggled.connect(lambda _on: self.gradesChanged.emit(self.grades()))
            self.grade_boxes[g] = box
            bar.addWidget(box)
        self.map_box = QCheckBox(self.tr("Show on map"), self, checked=True)
        self.map_box.toggled.connect(self.showOnMapChanged)
        bar.addSpacing(12)
        bar.addWidget(self.map_box)
        bar.addStretch(1)
        self.count_label = QLabel("")
        bar.addWidget(self.count_label)

        self.model = RiskModel(self)
        self.proxy, self.table = filtered_table(self, self.model)
        self.search = QLineEdit(self, placeholderText=self.tr("Filter by name, district, reason…"),
                                clearButtonEnabled=True)
        self.search.textChanged.connect(self._filter)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((180, 80, 70, 50, 50)):
            self.table.setColumnWidth(col, width)
        self.reasons = QLabel(self.tr("Pick a business to see what raised its grade."))
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(bar)
        lay.addWidget(self.search)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.reasons)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self._activate())
        self.table.activated.connect(lambda _i: self._activate())

    def grades(self) -> tuple[str, ...]:
        return tuple(g for g, b in self.grade_boxes.items() if b.isChecked())

    def show_on_map(self) -> bool:
        return self.map_box.isChecked()

    def set_rows(self, rows: list[RiskLine]) -> None:
        keep = self.current()
        self.model.set_rows(rows)
        self._count()
        if keep is not None:
            self.select_id(keep.id)

    def current(self) -> RiskLine | None:
        idx = self.table.currentIndex()
        return self.proxy.data(idx.siblingAtColumn(0), Qt.ItemDataRole.UserRole) if idx.isValid() else None

    def select_id(self, business_id: int) -> bool:
        for r, line in enumerate(self.model.rows):
            if line.id == business_id:
                idx = self.proxy.mapFromSource(self.model.index(r, 0))
                if idx.isValid():
                    self.table.setCurrentIndex(idx)
                    self.table.scrollTo(idx)
                    return True
        return False

    def _current_changed(self, *_args) -> None:
        r = self.current()
        if r is None:
            return
        facts = "\n".join(f"• {t}  (+{p})" for t, p in r.reasons) or self.tr("Nothing on record raises the risk.")
        self.reasons.setText(f"{r.name} — {self.tr('grade %1, score %2').replace('%1', r.grade).replace('%2', str(r.score))}\n{facts}")
        self.businessSelected.emit(r.id)

    def _activate(self) -> None:
        r = self.current()
        if r is not None:
            self.activated.emit(r.id)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._count()

    def _count(self) -> None:
        self.count_label.setText(self.tr("%1 businesses").replace("%1", f"{self.proxy.rowCount():,}"))
