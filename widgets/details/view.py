"""The details view: a title, a badge, action buttons and sections of rows, in a scroll area.

Fed plain ``Details`` data (``set_details``) and rebuilt from it each time, so what it shows is
always exactly one feature's data. Values are shown as plain text (names come from registries
and are never interpreted as markup); a row with a link shows its value as a link.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from widgets.details.data import Details, Note, Row, Section, StarRow

TONE_COLOURS = {"good": "#15803d", "bad": "#dc2626", "warn": "#b45309", "muted": "#64748b"}
STAR_LIT = "#d97706"
STAR_UNLIT = "#94a3b8"
STAR_COLUMNS = 1  # one star a line: a narrow dock never cuts a name


def _toned(label: QLabel, tone: str) -> QLabel:
    if tone in TONE_COLOURS:
        label.setStyleSheet(f"color: {TONE_COLOURS[tone]};")
    return label


class StarStrip(QWidget):
    """Named stars, lit (★, amber) or not (☆, grey), one to a line so long names stay whole."""

    def __init__(self, row: StarRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        self.labels: list[QLabel] = []
        for i, (name, lit) in enumerate(row.stars):
            lab = QLabel(f"{'★' if lit else '☆'} {name}", self)
            lab.setObjectName("StarLit" if lit else "StarUnlit")
            lab.setStyleSheet(f"color: {STAR_LIT if lit else STAR_UNLIT};" + (" font-weight: bold;" if lit else ""))
            lab.setAccessibleName(f"{name}: {'lit' if lit else 'not lit'}")
            grid.addWidget(lab, i // STAR_COLUMNS, i % STAR_COLUMNS)
            self.labels.append(lab)
        grid.setColumnStretch(STAR_COLUMNS, 1)


class DetailsView(QScrollArea):
    linkActivated = Signal(object)  # the link of the row the user clicked
    actionTriggered = Signal(object)  # the key of the action button pressed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details: Details | None = None
        self._labels: list[QLabel] = []
        self._stars: list[StarStrip] = []
        self.buttons: list[QPushButton] = []
        self.show_message("")

    # --- content -----------------------------------------------------------------------------

    def _fresh(self) -> QVBoxLayout:
        body = QWidget()
        body.setObjectName("DetailsBody")
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 8, 10, 10)
        lay.setSpacing(4)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)
        self._labels, self._stars, self.buttons = [], [], []
        return lay

    def _label(self, text: str, parent_layout, *, wrap: bool = True, object_name: str = "") -> QLabel:
        lab = QLabel(text)
        lab.setTextFormat(Qt.TextFormat.PlainText)
        lab.setWordWrap(wrap)
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if object_name:
            lab.setObjectName(object_name)
        parent_layout.addWidget(lab)
        self._labels.append(lab)
        return lab

    def show_message(self, text: str) -> None:
        """No feature: an explanation (nothing chosen, loading, or what went wrong)."""
        self.details = None
        lay = self._fresh()
        lab = self._label(text, lay)
        lab.setStyleSheet(f"color: {TONE_COLOURS['muted']};")
        lab.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)

    def set_details(self, details: Details) -> None:
        self.details = details
        lay = self._fresh()
        head = QHBoxLayout()
        title = QLabel(details.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        title.setObjectName("DetailsTitle")
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._labels.append(title)
        head.addWidget(title, 1)
        if details.badge:
            badge = QLabel(details.badge)
            badge.setTextFormat(Qt.TextFormat.PlainText)
            badge.setObjectName("DetailsBadge")
            badge.setStyleSheet(f"background: {details.badge_colour}; color: white; border-radius: 4px; "
                                "padding: 2px 8px; font-weight: bold;")
            self._labels.append(badge)
            head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)
        if details.subtitle:
            _toned(self._label(details.subtitle, lay), "muted")
        if details.actions:
            row = QHBoxLayout()
            for action in details.actions:
                b = QPushButton(action.title)
                b.clicked.connect(lambda _=False, key=action.key: self.actionTriggered.emit(key))
                row.addWidget(b)
                self.buttons.append(b)
            row.addStretch(1)
            lay.addLayout(row)
        for section in details.sections:
            self._section(lay, section)
        lay.addStretch(1)

    def _section(self, lay: QVBoxLayout, section: Section) -> None:
        self._label(section.title, lay, object_name="SectionTitle")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        for r, item in enumerate(section.rows):
            if isinstance(item, StarRow):
                strip = StarStrip(item)
                self._stars.append(strip)
                self._labels.extend(strip.labels)
                grid.addWidget(strip, r, 0, 1, 2)
            elif isinstance(item, Note):
                lab = _toned(QLabel(item.text), item.tone)
                lab.setTextFormat(Qt.TextFormat.PlainText)
                lab.setWordWrap(True)
                self._labels.append(lab)
                grid.addWidget(lab, r, 0, 1, 2)
            else:
                self._row(grid, r, item)
        lay.addLayout(grid)

    def _row(self, grid: QGridLayout, r: int, row: Row) -> None:
        key = _toned(QLabel(row.key), "muted")
        key.setTextFormat(Qt.TextFormat.PlainText)
        key.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        value = QLabel()
        value.setWordWrap(True)
        if row.link is not None:
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setText(f'<a href="#">{html.escape(row.value)}</a>')
            value.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            value.linkActivated.connect(lambda _href, link=row.link: self.linkActivated.emit(link))
        else:
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setText(row.value)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            _toned(value, row.tone)
        self._labels.extend((key, value))
        grid.addWidget(key, r, 0)
        grid.addWidget(value, r, 1)

    # --- what is shown -------------------------------------------------------------------------

    def text(self) -> str:
        """Everything shown, one label per line (for copying, and for screen readers' sake)."""
        return "\n".join(lab.text() if lab.textFormat() != Qt.TextFormat.RichText else _plain(lab.text())
                         for lab in self._labels)

    def stars(self) -> list[tuple[str, bool]]:
        """The stars shown, as (name, lit), read back from the star strips on screen."""
        return [(lab.text()[2:], lab.objectName() == "StarLit") for strip in self._stars for lab in strip.labels]


def _plain(rich: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText()
