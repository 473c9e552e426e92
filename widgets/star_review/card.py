"""One business's stars, risk grade and star history. A supervisor gives or takes a star right
here: ticking a star opens a line asking why (the public history shows it), and nothing
changes until the reason is saved. No dialog, so it works on the wall display too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.star_review.data import BusinessInfo

GRADE_COLOURS = {"A": "#16a34a", "B": "#2563eb", "C": "#d97706", "D": "#dc2626"}


def grade_badge_style(grade: str) -> str:
    colour = GRADE_COLOURS.get(grade, "#64748b")
    return f"background: {colour}; color: white; border-radius: 4px; padding: 2px 8px; font-weight: bold;"


class BusinessCard(QWidget):
    starEditRequested = Signal(int, str, bool, str, object)  # business id, star, new value, reason, version
    locateRequested = Signal(int)  # business id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.info: BusinessInfo | None = None
        self._editable = False
        self._pending: tuple[str, bool] | None = None
        self.name = QLabel(self.tr("No business chosen"), objectName="SectionTitle")
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.grade = QLabel("")
        self.locate_button = QPushButton(self.tr("Show on map"), self)
        self.locate_button.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.grade)
        head.addWidget(self.locate_button)

        self.star_boxes: dict[str, QCheckBox] = {}
        self.stars_frame = QFrame(self)
        self.stars_layout = QGridLayout(self.stars_frame)
        self.stars_layout.setContentsMargins(0, 0, 0, 0)

        self.edit_label = QLabel("")
        self.reason = QLineEdit(self, placeholderText=self.tr("Why? (shown in the public history)"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.edit_row = QWidget(self)
        er = QHBoxLayout(self.edit_row)
        er.setContentsMargins(0, 0, 0, 0)
        er.addWidget(self.edit_label)
        er.addWidget(self.reason, 1)
        er.addWidget(self.save_button)
        er.addWidget(self.cancel_button)
        self.edit_row.setVisible(False)

        self.reasons = QLabel("")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.history = QTableWidget(0, 5, self)
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Star"), self.tr("Change"), self.tr("By"),
                                                self.tr("Why")])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(head)
        lay.addWidget(self.details)
        lay.addWidget(self.stars_frame)
        lay.addWidget(self.edit_row)
        lay.addWidget(QLabel(self.tr("Risk grade, and why"), objectName="SectionTitle"))
        lay.addWidget(self.reasons)
        lay.addWidget(QLabel(self.tr("Star history"), objectName="SectionTitle"))
        lay.addWidget(self.history, 1)

        self.save_button.clicked.connect(self._save)
        self.reason.returnPressed.connect(self._save)
        self.cancel_button.clicked.connect(self._cancel)
        self.locate_button.clicked.connect(lambda: self.info and self.locateRequested.emit(self.info.id))

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for box in self.star_boxes.values():
            box.setEnabled(editable and self.info is not None)

    def set_business(self, info: BusinessInfo) -> None:
        same = self.info is not None and self.info.id == info.id
        self.info = info
        if not same or self._pending is None:
            self._pending = None
            self.edit_row.setVisible(False)
        self.name.setText(info.name)
        parts = [info.kind, info.district, info.address, self.tr("Licence %1").replace("%1", info.licence_no)]
        if info.open_proposals:
            parts.append(self.tr("%1 proposal(s) waiting").replace("%1", str(info.open_proposals)))
        self.details.setText(" · ".join(p for p in parts if p))
        self.grade.setText(self.tr("Risk %1").replace("%1", info.risk_grade or "?"))
        self.grade.setStyleSheet(grade_badge_style(info.risk_grade))
        self.locate_button.setEnabled(True)
        self._fill_stars(info)
        if info.risk_reasons:
            self.reasons.setText("\n".join(f"• {text}  (+{pts})" for text, pts in info.risk_reasons))
        else:
            self.reasons.setText(self.tr("Nothing on record raises the risk."))
        self.history.setRowCount(len(info.history))
        for r, h in enumerate(info.history):
            change = self.tr("given") if h.new else self.tr("taken away") if h.old else self.tr("not given")
            cells = (f"{h.at:%Y-%m-%d %H:%M}", h.star_name, change, h.by, f"{h.reason} [{h.source}]")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(r, c, item)

    def _fill_stars(self, info: BusinessInfo) -> None:
        for box in self.star_boxes.values():
            self.stars_layout.removeWidget(box)
            box.deleteLater()
        self.star_boxes = {}
        for i, (code, name, held) in enumerate(info.stars):
            box = QCheckBox(("★ " if held else "☆ ") + name, self.stars_frame)
            box.setChecked(held)
            box.setEnabled(self._editable)
            if self._pending is not None and self._pending[0] == code:
                box.setChecked(self._pending[1])
            box.toggled.connect(lambda on, code=code, name=name: self._toggled(code, name, on))
            self.star_boxes[code] = box
            self.stars_layout.addWidget(box, i // 3, i % 3)

    def _toggled(self, code: str, name: str, on: bool) -> None:
        if self.info is None:
            return
        held = dict((c, h) for c, _, h in self.info.stars)[code]
        if self._pending is not None and self._pending[0] != code:
            self._revert(self._pending[0])
        if on == held:
            self._pending = None
            self.edit_row.setVisible(False)
            return
        self._pending = (code, on)
        self.edit_label.setText((self.tr("Give %1:") if on else self.tr("Take away %1:")).replace("%1", name))
        self.edit_row.setVisible(True)
        self.reason.setFocus()

    def _revert(self, code: str) -> None:
        held = dict((c, h) for c, _, h in self.info.stars)[code]
        box = self.star_boxes[code]
        box.blockSignals(True)
        box.setChecked(held)
        box.blockSignals(False)

    def _save(self) -> None:
        if self._pending is None or self.info is None:
            return
        why = self.reason.text().strip()
        if not why:
            self.reason.setPlaceholderText(self.tr("A reason is required"))
            self.reason.setFocus()
            return
        code, value = self._pending
        self._pending = None
        self.reason.clear()
        self.edit_row.setVisible(False)
        self.starEditRequested.emit(self.info.id, code, value, why, self.info.rating_version)

    def _cancel(self) -> None:
        if self._pending is not None and self.info is not None:
            self._revert(self._pending[0])
        self._pending = None
        self.reason.clear()
        self.edit_row.setVisible(False)

    @property
    def pending(self) -> tuple[str, bool] | None:
        return self._pending
