"""The queue of star proposals a supervisor works through from the keyboard: arrows to move,
A to apply, R to reject, Enter to show the business on the map. A decided row leaves the queue
at once and the next one is selected; others see the queue read-only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.rows_model import RowsModel, filtered_table
from widgets.star_review.data import ProposalLine

UP_BG = QColor(22, 163, 74, 36)
DOWN_BG = QColor(220, 38, 38, 36)


class ProposalModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ProposalLine] = []
        self.headers = (self.tr("Business"), self.tr("District"), self.tr("Star"), self.tr("Change"), self.tr("Rule"),
                        self.tr("Reason"), self.tr("Evidence"), self.tr("Proposed"))

    def set_rows(self, rows: list[ProposalLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def remove_id(self, proposal_id: int) -> None:
        for i, p in enumerate(self.rows):
            if p.id == proposal_id:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
                return

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            change = self.tr("▲ give") if p.up else self.tr("▼ take away")
            return (p.business, p.district, p.star_name, change, p.rule, p.reason, p.evidence,
                    f"{p.created_at:%Y-%m-%d %H:%M}")[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(UP_BG if p.up else DOWN_BG)
        if role == Qt.ItemDataRole.UserRole:
            return p
        return None


class ProposalTable(QWidget):
    applyRequested = Signal(object, str)  # ProposalLine, note
    rejectRequested = Signal(object, str)
    proposalSelected = Signal(object)  # ProposalLine or None
    activated = Signal(object)  # ProposalLine: show it on the map

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ProposalModel(self)
        self.proxy, self.table = filtered_table(self, self.model)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        for col, width in enumerate((170, 70, 90, 80, 120, 320, 200, 120)):
            self.table.setColumnWidth(col, width)
        self.search = QLineEdit(self, placeholderText=self.tr("Filter: business, star, rule, reason…"),
                                clearButtonEnabled=True)
        self.count_label = QLabel("")
        self.note = QLineEdit(self, placeholderText=self.tr("Note for the decision (optional)"))
        self.apply_button = QPushButton(self.tr("&Apply (A)"), self)
        self.reject_button = QPushButton(self.tr("&Reject (R)"), self)
        self.readonly_label = QLabel(self.tr("Read-only: only a supervisor can apply or reject proposals."))
        self.readonly_label.setVisible(False)
        self.readonly_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(self.reject_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        lay.addWidget(self.readonly_label)

        self._keys = {Qt.Key.Key_A: self.apply_current, Qt.Key.Key_R: self.reject_current,
                      Qt.Key.Key_Return: self.activate_current, Qt.Key.Key_Enter: self.activate_current}
        self.table.installEventFilter(self)
        self.search.textChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.proposalSelected.emit(self.current()))
        self.table.doubleClicked.connect(lambda _i: self.activate_current())
        self.apply_button.clicked.connect(self.apply_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.note.returnPressed.connect(self.apply_current)
        self._editable = True
        self._update_buttons()

    def eventFilter(self, obj, event) -> bool:
        """A, R and Enter act on the selected proposal while the queue has the focus."""
        if obj is self.table and event.type() == QEvent.Type.KeyPress \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            slot = self._keys.get(Qt.Key(event.key()))
            if slot is not None:
                slot()
                return True
        return super().eventFilter(obj, event)

    # --- data -------------------------------------------------------------------------------

    def set_proposals(self, rows: list[ProposalLine]) -> None:
        """Replace the queue, keeping the selection on the same proposal when it is still there."""
        keep = self.current()
        self.model.set_rows(rows)
        self._count()
        if keep is None or not self.select_id(keep.id):
            self._select_row(0)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.readonly_label.setVisible(not editable)
        self.note.setVisible(editable)
        self._update_buttons()

    @property
    def editable(self) -> bool:
        return self._editable

    def current(self) -> ProposalLine | None:
        idx = self.table.currentIndex()
        return self.proxy.data(idx.siblingAtColumn(0), Qt.ItemDataRole.UserRole) if idx.isValid() else None

    def select_id(self, proposal_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            p = self.proxy.data(self.proxy.index(r, 0), Qt.ItemDataRole.UserRole)
            if p.id == proposal_id:
                self._select_row(r)
                return True
        return False

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    # --- actions ----------------------------------------------------------------------------

    def apply_current(self) -> None:
        self._decide(self.applyRequested)

    def reject_current(self) -> None:
        self._decide(self.rejectRequested)

    def _decide(self, signal) -> None:
        p = self.current()
        if p is None or not self._editable:
            return
        row = self.table.currentIndex().row()
        note = self.note.text().strip()
        self.note.clear()
        self.model.remove_id(p.id)  # off the queue at once; a refusal reloads it
        self._count()
        self._select_row(min(row, self.proxy.rowCount() - 1))
        self.table.setFocus()
        signal.emit(p, note)

    def activate_current(self) -> None:
        p = self.current()
        if p is not None:
            self.activated.emit(p)

    # --- helpers ----------------------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.proxy.index(row, 0))
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self.proposalSelected.emit(None)
        self._update_buttons()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._count()
        if self.current() is None:
            self._select_row(0)

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("%1 open").replace("%1", str(total)) if shown == total
                                 else self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total)))

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for b in (self.apply_button, self.reject_button):
            b.setVisible(self._editable)
            b.setEnabled(self._editable and has)
