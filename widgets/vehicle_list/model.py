"""The vehicle list as a Qt table model over a ``FleetState``: plate, kind, state, speed and the
age of the last report, re-read once a second; sortable by the real values (the age in seconds,
not its text) and filtered by text, kind and state."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from widgets.map_canvas.symbology import vehicle_states
from widgets.vehicle_list.fleet import ALERT, MOVING, OFFLINE, STOPPED, FleetState

PLATE, KIND, STATE, SPEED, AGE = range(5)
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEVER = -1  # state shown for a vehicle that has not reported yet
_STATE_COLOURS = {k: s.color for k, s in vehicle_states().items()}


class VehicleTableModel(QAbstractTableModel):
    def __init__(self, fleet: FleetState, parent=None):
        super().__init__(parent)
        self.fleet = fleet
        self._now = 0.0
        self._states = np.empty(0, dtype=np.int64)
        self._age = np.empty(0)

    # -- feeding --------------------------------------------------------------------------------
    def reset(self, now: float) -> None:
        """After the fleet's membership changed."""
        self.beginResetModel()
        self._compute(now)
        self.endResetModel()

    def refresh(self, now: float) -> None:
        """New fixes or just time passing: states, speeds and ages are re-read."""
        if len(self._states) != len(self.fleet):
            self.reset(now)
            return
        self._compute(now)
        if len(self.fleet):
            self.dataChanged.emit(self.index(0, STATE), self.index(len(self.fleet) - 1, AGE))

    def _compute(self, now: float) -> None:
        self._now = now
        self._states = self.fleet.states(now)
        self._states[~np.isfinite(self.fleet.time)] = NEVER
        self._age = self.fleet.age_s(now)

    def state_of_row(self, row: int) -> int:
        return int(self._states[row])

    def counts(self) -> dict[int, int]:
        """Vehicles per state (NEVER included)."""
        vals, n = np.unique(self._states, return_counts=True)
        return dict(zip(vals.tolist(), n.tolist(), strict=True))

    # -- texts ----------------------------------------------------------------------------------
    def kind_text(self, kind: str) -> str:
        return {"banquet_truck": self.tr("Banquet truck"), "test_vehicle": self.tr("Test vehicle")}.get(kind, kind)

    def state_text(self, state: int) -> str:
        return {MOVING: self.tr("Moving"), STOPPED: self.tr("Stopped"), ALERT: self.tr("Alert"),
                OFFLINE: self.tr("Offline"), NEVER: self.tr("No report yet")}.get(state, "")

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
        return 0 if parent.isValid() else len(self._states)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Plate"), self.tr("Kind"), self.tr("State"), self.tr("Speed"), self.tr("Last report"))[section]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        f = self.fleet
        if role == ID_ROLE:
            return int(f.ids[r])
        state = int(self._states[r])
        speed = f.speed[r]
        if role == Qt.ItemDataRole.DisplayRole:
            if c == PLATE:
                return f.plates[r]
            if c == KIND:
                return self.kind_text(f.kinds[r])
            if c == STATE:
                return self.state_text(state)
            if c == SPEED:
                return f"{speed:.0f} km/h" if math.isfinite(speed) and state != NEVER else "–"
            return self.age_text(float(self._age[r]))
        if role == SORT_ROLE:
            if c == PLATE:
                return f.plates[r]
            if c == KIND:
                return f.kinds[r]
            if c == STATE:
                return state
            if c == SPEED:
                return float(speed) if math.isfinite(speed) else -1.0
            age = float(self._age[r])
            return age if math.isfinite(age) else 1e18
        if role == Qt.ItemDataRole.ForegroundRole and c == STATE and state in _STATE_COLOURS:
            return QBrush(QColor(_STATE_COLOURS[state]))
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (SPEED, AGE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and c == PLATE:
            info = f.infos[r]
            return f"{info.plate} · {self.kind_text(info.kind)}" + (f"\n{info.owner}" if info.owner else "")
        return None


class VehicleFilter(QSortFilterProxyModel):
    """Text (plate or owner), kind ("" for all) and state (None for all)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._text = ""
        self._kind = ""
        self._state: int | None = None

    def set_filter(self, text: str | None = None, kind: str | None = None, state: int | None | str = "keep") -> None:
        if text is not None:
            self._text = text.strip().casefold()
        if kind is not None:
            self._kind = kind
        if state != "keep":
            self._state = state
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        m: VehicleTableModel = self.sourceModel()
        info = m.fleet.infos[source_row]
        if self._kind and info.kind != self._kind:
            return False
        if self._state is not None and m.state_of_row(source_row) != self._state:
            return False
        return not self._text or self._text in info.plate.casefold() or self._text in info.owner.casefold()
