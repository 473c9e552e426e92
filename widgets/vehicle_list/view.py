"""The vehicle list dock: filters, a sortable table, a summary line, follow and replay.

It only shows a ``FleetState`` and says what the user asked for: ``activated`` (double-click: fly
there), ``selected`` (show its details), ``followChanged`` (keep the map on it, or None),
``replayRequested`` (open its track).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from widgets.vehicle_list.fleet import ALERT, MOVING, OFFLINE, STOPPED, FleetState
from widgets.vehicle_list.model import ID_ROLE, NEVER, VehicleTableModel


class VehicleListWidget(QWidget):
    activated = Signal(int)
    selected = Signal(int)
    followChanged = Signal(object)  # vehicle id or None
    replayRequested = Signal(int)

    def __init__(self, fleet: FleetState, parent=None):
        super().__init__(parent)
        self.model = VehicleTableModel(fleet, self)

        self.search = QLineEdit(placeholderText=self.tr("Plate or owner"), clearButtonEnabled=True)
        self.kind = QComboBox()
        for text, data in ((self.tr("All kinds"), ""), (self.tr("Banquet trucks"), "banquet_truck"),
                           (self.tr("Test vehicles"), "test_vehicle")):
            self.kind.addItem(text, data)
        self.state = QComboBox()
        for text, data in ((self.tr("All states"), None), (self.model.state_text(MOVING), MOVING),
                           (self.model.state_text(STOPPED), STOPPED), (self.model.state_text(ALERT), ALERT),
                           (self.model.state_text(OFFLINE), OFFLINE), (self.model.state_text(NEVER), NEVER)):
            self.state.addItem(text, data)
        self.follow = QPushButton(self.tr("Follow"), checkable=True, enabled=False)
        self.follow.setToolTip(self.tr("Keep the map centred on the selected vehicle"))
        self.replay = QPushButton(self.tr("Replay…"), enabled=False)
        self.replay.setToolTip(self.tr("Replay the selected vehicle's track"))
        self.summary = QLabel("")

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setResizeContentsPrecision(60)  # fitting columns to every row of a big fleet would cost a second
        hh.setStretchLastSection(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.state, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(self.follow)
        foot.addWidget(self.replay)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(foot)

        self.search.textChanged.connect(lambda t: self.model.set_filter(text=t))
        self.kind.currentIndexChanged.connect(lambda _i: self.model.set_filter(kind=self.kind.currentData()))
        self.state.currentIndexChanged.connect(lambda _i: self.model.set_filter(state=self.state.currentData()))
        self.table.doubleClicked.connect(lambda idx: self.activated.emit(int(idx.data(ID_ROLE))))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.follow.toggled.connect(self._follow_toggled)
        self.replay.clicked.connect(lambda: self.current_id() is not None and self.replayRequested.emit(self.current_id()))

    # -- feeding --------------------------------------------------------------------------------
    def reset(self, now: float) -> None:
        keep = self.current_id()
        self.model.reset(now)
        self.table.resizeColumnsToContents()
        self._update_summary()
        if keep is not None:
            self.select(keep)

    def refresh(self, now: float) -> None:
        self.model.refresh(now)
        self._update_summary()

    def _update_summary(self) -> None:
        c = self.model.counts()
        self.summary.setText(self.tr("%1 vehicles · %2 moving · %3 stopped · %4 offline")
                             .replace("%1", str(len(self.model.fleet))).replace("%2", str(c.get(MOVING, 0)))
                             .replace("%3", str(c.get(STOPPED, 0) + c.get(ALERT, 0)))
                             .replace("%4", str(c.get(OFFLINE, 0) + c.get(NEVER, 0))))

    # -- selection and follow -------------------------------------------------------------------
    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return int(idx.data(ID_ROLE)) if idx.isValid() else None

    def select(self, vehicle_id: int) -> bool:
        """Select a vehicle's row (clearing the filters if they hide it)."""
        if self.model.fleet.row_of(vehicle_id) is None:
            return False
        row = self.model.table_row(vehicle_id)
        if row is None:
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.state.setCurrentIndex(0)
            row = self.model.table_row(vehicle_id)
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def _current_changed(self, current, _previous) -> None:
        self.follow.setEnabled(current.isValid())
        self.replay.setEnabled(current.isValid())
        if not current.isValid():
            self.follow.setChecked(False)
            return
        vid = int(current.data(ID_ROLE))
        self.selected.emit(vid)
        if self.follow.isChecked():
            self.followChanged.emit(vid)

    def _follow_toggled(self, on: bool) -> None:
        self.followChanged.emit(self.current_id() if on else None)
