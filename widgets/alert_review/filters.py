"""The queue's filter bar: state, kind, severity, district, time and camera."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from widgets.alert_review.data import REVIEW_STATES, AlertFilter

STATE_CHOICES = ("review", "confirmed", "rectification", "dismissed", "closed", "open", "all")
STATE_SETS = {"review": REVIEW_STATES, "confirmed": ("confirmed",), "rectification": ("rectification",),
              "dismissed": ("dismissed",), "closed": ("closed",),
              "open": ("new", "in_review", "confirmed", "rectification"), "all": ()}
TIME_CHOICES = (None, 1.0, 24.0, 24.0 * 7, 24.0 * 30)


class FilterBar(QWidget):
    changed = Signal(object)  # AlertFilter

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = QComboBox(self)
        names = {"review": self.tr("To review"), "confirmed": self.tr("Confirmed"),
                 "rectification": self.tr("Rectification ordered"), "dismissed": self.tr("Dismissed"),
                 "closed": self.tr("Closed"), "open": self.tr("All open"), "all": self.tr("All states")}
        for key in STATE_CHOICES:
            self.state.addItem(names[key], key)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All kinds"), "")
        self.severity = QComboBox(self)
        for value, name in ((0, self.tr("Any severity")), (1, self.tr("Low and up")), (2, self.tr("Medium and up")),
                            (3, self.tr("High and up")), (4, self.tr("Critical"))):
            self.severity.addItem(name, value)
        self.district = QComboBox(self)
        self.district.addItem(self.tr("All districts"), None)
        self.time = QComboBox(self)
        for hours, name in zip(TIME_CHOICES, (self.tr("Any time"), self.tr("Last hour"), self.tr("Last 24 hours"),
                                              self.tr("Last 7 days"), self.tr("Last 30 days")), strict=True):
            self.time.addItem(name, hours)
        self.camera = QLineEdit(self, placeholderText=self.tr("Camera or vehicle…"), clearButtonEnabled=True)
        self._camera_id: int | None = None
        # Two rows of three, each shrinking to a few characters, so the queue fits a side column.
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setHorizontalSpacing(4)
        lay.setVerticalSpacing(3)
        for i, w in enumerate((self.state, self.kind, self.severity, self.district, self.time, self.camera)):
            if isinstance(w, QComboBox):
                w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                w.setMinimumContentsLength(6)
            lay.addWidget(w, i // 3, i % 3)
        for combo in (self.state, self.kind, self.severity, self.district, self.time):
            combo.currentIndexChanged.connect(self._emit)
        self.camera.editingFinished.connect(self._emit)
        self.camera.textChanged.connect(self._typed)

    def set_kinds(self, kinds: list[tuple[str, str]]) -> None:
        """(kind, name) pairs offered in the kind filter; the current choice is kept."""
        keep = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("All kinds"), "")
        for kind, name in kinds:
            self.kind.addItem(name, kind)
        i = self.kind.findData(keep)
        self.kind.setCurrentIndex(max(0, i))
        self.kind.blockSignals(False)

    def set_districts(self, districts: list[tuple[int, str]]) -> None:
        keep = self.district.currentData()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("All districts"), None)
        for did, name in districts:
            self.district.addItem(name, did)
        i = self.district.findData(keep)
        self.district.setCurrentIndex(max(0, i))
        self.district.blockSignals(False)

    def set_camera(self, camera_id: int | None, name: str = "") -> None:
        """Only the alerts of one camera (from a tile or the map), or all again with None."""
        self._camera_id = camera_id
        self.camera.blockSignals(True)
        self.camera.setText(name if camera_id is not None else "")
        self.camera.blockSignals(False)
        self._emit()

    def set_states(self, key: str) -> None:
        self.state.setCurrentIndex(max(0, self.state.findData(key)))

    def _typed(self, _text: str) -> None:
        self._camera_id = None  # typing replaces a camera chosen elsewhere

    def value(self) -> AlertFilter:
        return AlertFilter(states=STATE_SETS[self.state.currentData()],
                           kinds=(self.kind.currentData(),) if self.kind.currentData() else (),
                           min_severity=int(self.severity.currentData() or 0),
                           district_id=self.district.currentData(),
                           since_hours=self.time.currentData(),
                           camera="" if self._camera_id is not None else self.camera.text().strip(),
                           camera_id=self._camera_id)

    def _emit(self, *_args) -> None:
        self.changed.emit(self.value())
