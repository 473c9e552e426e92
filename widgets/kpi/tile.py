"""A KPI tile shows one figure an operator reads from across the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

STATE_COLOURS = {"ok": "#2e9d5b", "warn": "#d98e04", "alarm": "#d64541", "": ""}


class KpiTile(QFrame):
    def __init__(self, label: str, value: str = "–", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.value = QLabel(value, objectName="KpiValue")
        self.label = QLabel(label, objectName="KpiLabel")
        self.note = QLabel("", objectName="KpiLabel")
        for w in (self.value, self.label, self.note):
            w.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        lay.addWidget(self.value)
        lay.addWidget(self.label)
        lay.addWidget(self.note)
        self.note.setVisible(False)

    def set_value(self, value: str, note: str = "", state: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        colour = STATE_COLOURS.get(state, "")
        self.value.setStyleSheet(f"color: {colour};" if colour else "")


class KpiStrip(QWidget):
    """A row of tiles addressed by key."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(8)
        self.tiles: dict[str, KpiTile] = {}
        for key, label in items:
            tile = KpiTile(label)
            self.tiles[key] = tile
            lay.addWidget(tile)

    def set_value(self, key: str, value: str, note: str = "", state: str = "") -> None:
        self.tiles[key].set_value(value, note, state)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    strip = KpiStrip([("samples", "Samples today"), ("rate", "Pass rate"), ("alerts", "Open alerts")])
    strip.set_value("samples", "812")
    strip.set_value("rate", "98.4 %", "7-day 98.1 %", "ok")
    strip.set_value("alerts", "17", "3 critical", "alarm")
    strip.resize(720, 130)
    strip.show()
    sys.exit(app.exec())
