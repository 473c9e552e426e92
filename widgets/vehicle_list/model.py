"""The vehicle list as a Qt table model over a ``FleetState``: plate, kind, state, speed and the
age of the last report, re-read once a second.

Sorting and filtering (text, kind, state) are done here on numpy arrays instead of in a
``QSortFilterProxyModel``: with a thousand vehicles changing every second, a proxy asks the
model for every row's sort key through Python calls each time (tens of milliseconds); here a
second's refresh is one ``argsort`` and the view asks only for the rows it shows. Rows keep
their selection when the order changes.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from widgets.map_canvas.symbology import vehicle_states
from widgets.vehicle_list.fleet import ALERT, MOVING, OFFLINE, STOPPED, FleetState

PLATE, KIND, STATE, SPEED, AGE = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEVER = -1  # state shown for a vehicle that has not reported yet
_STATE_COLOURS = {k: QBrush(QColor(s.color)) for k, s in vehicle_states().items()}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY, _FOREGROUND, _ALIGN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                                 Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset((_DISPLAY, _FOREGROUND, _ALIGN, Qt.ItemDataRole.ToolTipRole, ID_ROLE))


class VehicleTableModel(QAbstractTableModel):
    def __init__(self, fleet: FleetState, parent=None):
        super().__init__(parent)
        self.fleet = fleet
        self._states = np.empty(0, dtype=np.int64)
        self._age = np.empty(0)
        self._order = np.empty(0, dtype=np.int64)  # fleet row shown at each table row
        self._sort = (PLATE, Qt.SortOrder.AscendingOrder)
        self._text = ""
        self._kind = ""
        self._state: int | None = None
        self._text_mask: np.ndarray | None = None
        self._plate_rank = np.empty(0, dtype=np.int64)
        self._kind_rank = np.empty(0, dtype=np.int64)
        self._kind_text = {"banquet_truck": self.tr("Banquet truck"), "test_vehicle": self.tr("Test vehicle")}
        self._state_text = {MOVING: self.tr("Moving"), STOPPED: self.tr("Stopped"), ALERT: self.tr("Alert"),
                            OFFLINE: self.tr("Offline"), NEVER: self.tr("No report yet")}
        self._headers = (self.tr("Plate"), self.tr("Kind"), self.tr("State"), self.tr("Speed"), self.tr("Last report"))

    # -- feeding --------------------------------------------------------------------------------
    def reset(self, now: float) -> None:
        """After the fleet's membership changed."""
        self.beginResetModel()
        self._text_mask = None
        # text columns sort by rank numbers, worked out once per fleet
        plates = np.array(self.fleet.plates, dtype=object)
        self._plate_rank = np.empty(len(plates), dtype=np.int64)
        self._plate_rank[np.argsort(plates, kind="stable")] = np.arange(len(plates))
        kinds = sorted({self.kind_text(k) for k in self.fleet.kinds})
        self._kind_rank = np.array([kinds.index(self.kind_text(k)) for k in self.fleet.kinds], dtype=np.int64)
        self._compute(now)
        self._order = self._ordered()
        self.endResetModel()

    def refresh(self, now: float) -> None:
        """New fixes or just time passing: states, speeds, ages and the order are re-read."""
        if len(self._states) != len(self.fleet):
            self.reset(now)
            return
        self._compute(now)
        self._reorder()
        if len(self._order):
            self.dataChanged.emit(self.index(0, STATE), self.index(len(self._order) - 1, AGE))

    def _compute(self, now: float) -> None:
        self._states = self.fleet.states(now)
        self._states[~np.isfinite(self.fleet.time)] = NEVER
        self._age = self.fleet.age_s(now)

    def _ordered(self) -> np.ndarray:
        f = self.fleet
        keep = np.ones(len(f), dtype=bool)
        if self._kind:
            keep &= np.array([k == self._kind for k in f.kinds], dtype=bool)
        if self._state is not None:
            keep &= self._states == self._state
        if self._text:
            if self._text_mask is None:
                self._text_mask = np.array([self._text in i.plate.casefold() or self._text in i.owner.casefold()
                                            for i in f.infos], dtype=bool)
            keep &= self._text_mask
        rows = np.flatnonzero(keep)
        col, order = self._sort
        keys = {PLATE: self._plate_rank, KIND: self._kind_rank, STATE: self._states,
                SPEED: np.nan_to_num(f.speed, nan=-1.0), AGE: np.nan_to_num(self._age, nan=np.inf)}[col]
        idx = np.lexsort((self._plate_rank[rows], keys[rows]))
        if order == Qt.SortOrder.DescendingOrder:
            idx = idx[::-1]
        return rows[idx]

    def _reorder(self) -> None:
        if len(self._plate_rank) != len(self.fleet) or len(self._states) != len(self.fleet):
            return  # not read yet: ``reset`` orders the rows
        new = self._ordered()
        if np.array_equal(new, self._order):
            return
        self.layoutAboutToBeChanged.emit()
        where = np.full(len(self.fleet), -1, dtype=np.int64)
        where[new] = np.arange(len(new))
        old_idx = self.persistentIndexList()
        new_idx = []
        for idx in old_idx:
            pos = int(where[self._order[idx.row()]]) if 0 <= idx.row() < len(self._order) else -1
            new_idx.append(self.index(pos, idx.column()) if pos >= 0 else QModelIndex())
        self._order = new
        self.changePersistentIndexList(old_idx, new_idx)
        self.layoutChanged.emit()

    # -- sorting and filtering ------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._reorder()

    def set_filter(self, text: str | None = None, kind: str | None = None, state: int | None | str = "keep") -> None:
        """Text (in the plate or owner), kind ("" for all) and state (None for all)."""
        if text is not None and text.strip().casefold() != self._text:
            self._text = text.strip().casefold()
            self._text_mask = None
        if kind is not None:
            self._kind = kind
        if state != "keep":
            self._state = state
        self._reorder()

    # -- lookups --------------------------------------------------------------------------------
    def fleet_row(self, row: int) -> int:
        return int(self._order[row])

    def table_row(self, vehicle_id: int) -> int | None:
        """Where a vehicle is in the table, None if not in the fleet or filtered out."""
        r = self.fleet.row_of(vehicle_id)
        if r is None:
            return None
        hit = np.flatnonzero(self._order == r)
        return int(hit[0]) if len(hit) else None

    def counts(self) -> dict[int, int]:
        """Vehicles per state, NEVER included (the whole fleet, whatever the filter)."""
        vals, n = np.unique(self._states, return_counts=True)
        return dict(zip(vals.tolist(), n.tolist(), strict=True))

    # -- texts ----------------------------------------------------------------------------------
    def kind_text(self, kind: str) -> str:
        return self._kind_text.get(kind, kind)

    def state_text(self, state: int) -> str:
        return self._state_text.get(state, "")

    def age_text(self, age_s: float) -> str:
        if not math.isfinite(age_s):
            return self.tr("never")
        s = max(0, int(age_s))
        if s < 60:
            return self.tr("%1 s ago").replace("%1", str(s))
        if s < 3600:
            return self.tr("%1 min ago").replace("%1", str(s // 60))
        if s < 86400 * 2:
            return self.tr("%1 h ago").replace("%1", str(s // 3600))
        return self.tr("%1 days ago").replace("%1", str(s // 86400))

    # -- the model ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # called for every visible cell and role on each repaint: unasked roles leave at once
        if role not in _ROLES:
            return None
        c = index.column()
        r = int(self._order[index.row()])
        f = self.fleet
        if role == _DISPLAY:
            if c == PLATE:
                return f.plates[r]
            if c == KIND:
                return self.kind_text(f.kinds[r])
            state = int(self._states[r])
            if c == STATE:
                return self._state_text.get(state, "")
            if c == SPEED:
                speed = f.speed[r]
                return f"{speed:.0f} km/h" if math.isfinite(speed) and state != NEVER else "–"
            return self.age_text(float(self._age[r]))
        if role == ID_ROLE:
            return int(f.ids[r])
        if role == _FOREGROUND:
            return _STATE_COLOURS.get(int(self._states[r])) if c == STATE else None
        if role == _ALIGN:
            return _RIGHT if c in (SPEED, AGE) else None
        if c == PLATE:  # the tooltip
            info = f.infos[r]
            return f"{info.plate} · {self.kind_text(info.kind)}" + (f"\n{info.owner}" if info.owner else "")
        return None
