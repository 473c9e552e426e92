"""One alert in full: snapshot with its box, the clip, the place (stars, risk grade, history), the
camera's threshold for the kind (raised by dismissals, resettable), the timeline and the steps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.alert_review.data import AlertDetail
from widgets.alert_review.player import ClipPlayer, PictureView
from widgets.alert_review.queue import SEVERITY_COLOURS


class AlertDetailView(QWidget):
    stepRequested = Signal(str)  # confirm, dismiss, escalate, assign, note, order_rectification, close, release
    openLiveRequested = Signal(int)  # camera id
    locateRequested = Signal()
    exportRequested = Signal(str)  # "snapshot" or "clip"
    copyRequested = Signal()
    resetThresholdRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: AlertDetail | None = None
        self.title = QLabel("")
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.badge = QLabel("")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts = QLabel("")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.snapshot = PictureView(self.tr("No snapshot"))
        self.player = ClipPlayer()
        media = QSplitter(Qt.Orientation.Horizontal)
        media.addWidget(self.snapshot)
        media.addWidget(self.player)
        media.setMinimumHeight(200)

        self.threshold = QLabel("")
        self.threshold.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("Reset Threshold"))
        self.reset_button.clicked.connect(self.resetThresholdRequested)
        self.place = QLabel("")
        self.place.setWordWrap(True)
        self.place.setTextFormat(Qt.TextFormat.RichText)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)
        self.timeline = QListWidget()
        self.timeline.setMaximumHeight(150)

        self.buttons: dict[str, QPushButton] = {}
        steps = QGridLayout()
        for i, (key, text) in enumerate((
                ("confirm", self.tr("Confirm (C)")), ("dismiss", self.tr("Dismiss (D)")),
                ("escalate", self.tr("Escalate (E)")), ("assign", self.tr("Assign (A)")), ("note", self.tr("Note (N)")),
                ("order_rectification", self.tr("Order Rectification")), ("close", self.tr("Close")),
                ("release", self.tr("Release")))):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, k=key: self.stepRequested.emit(k))
            steps.addWidget(b, i // 4, i % 4)
            self.buttons[key] = b
        tools = QHBoxLayout()
        for key, text, signal in (("live", self.tr("Open Camera Live"), None),
                                  ("map", self.tr("Show on the Map"), self.locateRequested),
                                  ("export_snapshot", self.tr("Export Snapshot…"), None),
                                  ("export_clip", self.tr("Export Clip…"), None),
                                  ("copy", self.tr("Copy Snapshot"), self.copyRequested)):
            b = QPushButton(text)
            if signal is not None:
                b.clicked.connect(signal)
            tools.addWidget(b)
            self.buttons[key] = b
        self.buttons["live"].clicked.connect(self._open_live)
        self.buttons["export_snapshot"].clicked.connect(lambda: self.exportRequested.emit("snapshot"))
        self.buttons["export_clip"].clicked.connect(lambda: self.exportRequested.emit("clip"))
        tools.addStretch(1)

        body = QWidget()
        lay = QVBoxLayout(body)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.badge)
        lay.addLayout(head)
        lay.addWidget(self.facts)
        lay.addWidget(media, 1)
        lay.addLayout(tools)
        lay.addLayout(steps)
        th = QHBoxLayout()
        th.addWidget(self.threshold, 1)
        th.addWidget(self.reset_button)
        lay.addLayout(th)
        lay.addWidget(self._heading(self.tr("The place")))
        lay.addWidget(self.place)
        lay.addWidget(self.history)
        lay.addWidget(self._heading(self.tr("Timeline")))
        lay.addWidget(self.timeline)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.empty = QLabel(self.tr("Pick an alert in the queue (J/K) to see it here."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.empty)
        self.set_detail(None)
        self.set_editable(True)

    @staticmethod
    def _heading(text: str) -> QLabel:
        lbl = QLabel(text)
        f = lbl.font()
        f.setBold(True)
        lbl.setFont(f)
        return lbl

    def set_editable(self, editable: bool) -> None:
        for key in ("confirm", "dismiss", "escalate", "assign", "note", "order_rectification", "close", "release"):
            self.buttons[key].setVisible(editable)
        self.reset_button.setVisible(editable)

    def set_detail(self, d: AlertDetail | None) -> None:
        self.detail = d
        scroll = self.findChild(QScrollArea)
        scroll.setVisible(d is not None)
        self.empty.setVisible(d is None)
        if d is None:
            self.player.set_clip([], 5)
            return
        a = d.line
        self.title.setText(a.title or a.kind_name)
        colour = SEVERITY_COLOURS.get(a.severity, SEVERITY_COLOURS[2]).name()
        self.badge.setText(f" {a.severity_name} ")
        self.badge.setStyleSheet(f"background: {colour}; color: white; border-radius: 4px; padding: 2px 6px;")
        facts = [f"{a.kind_name} · {a.state_name}", f"{a.raised_at:%Y-%m-%d %H:%M:%S}"]
        if a.where:
            facts.append(a.where)
        if a.score is not None:
            facts.append(self.tr("score %1").replace("%1", f"{a.score:.2f}"))
        if a.repeats:
            facts.append(self.tr("seen %1 more times").replace("%1", str(a.repeats)))
        if a.claimed_by:
            facts.append(self.tr("held by %1").replace("%1", a.claimed_by))
        if a.assignee:
            facts.append(self.tr("assigned to %1").replace("%1", a.assignee))
        self.facts.setText("  ·  ".join(facts))
        img = QImage.fromData(d.snapshot) if d.snapshot else QImage()
        self.snapshot.set_image(img, d.box)
        self.player.set_clip(d.clip, d.clip_fps)
        if d.threshold is not None:
            t = d.threshold
            text = self.tr("Threshold for %1 on this camera: %2 (default %3)").replace("%1", t.kind_name) \
                .replace("%2", f"{t.value:.2f}").replace("%3", f"{t.default:.2f}")
            if t.raised:
                text += " " + self.tr("— raised by %1 dismissal(s)").replace("%1", str(t.dismissals))
            self.threshold.setText(text)
            self.threshold.setStyleSheet("color: #b45309; font-weight: bold;" if t.raised else "")
        self.threshold.setVisible(d.threshold is not None)
        self.reset_button.setEnabled(d.threshold is not None and d.threshold.raised)
        self.reset_button.setVisible(self.buttons["confirm"].isVisibleTo(self) and d.threshold is not None)
        place = [f"<b>{a.business or a.where}</b>"]
        if a.district:
            place.append(a.district)
        if d.address:
            place.append(d.address)
        if d.stars:
            place.append(" ".join(("★" if held else "☆") + name for name, held in d.stars))
        if d.risk_grade:
            place.append(self.tr("risk grade %1").replace("%1", d.risk_grade))
        self.place.setText("<br>".join(place))
        self.history.clear()
        for h in d.history:
            self.history.addItem(f"{h.at:%Y-%m-%d %H:%M}  {h.text}")
        self.history.setVisible(bool(d.history))
        self.timeline.clear()
        for t in d.timeline:
            arrow = f" ({t.from_state} → {t.to_state})" if t.from_state != t.to_state and t.from_state else ""
            self.timeline.addItem(f"{t.at:%m-%d %H:%M:%S}  {t.actor}  {t.action}{arrow}" + (f"  “{t.note}”"
                                                                                         if t.note else ""))
        self.buttons["live"].setEnabled(a.camera_id is not None)
        self.buttons["map"].setEnabled(a.lon is not None and a.lat is not None)
        for key in ("export_snapshot", "copy"):
            self.buttons[key].setEnabled(d.snapshot is not None)
        self.buttons["export_clip"].setEnabled(bool(d.clip))

    def _open_live(self) -> None:
        if self.detail is not None and self.detail.line.camera_id is not None:
            self.openLiveRequested.emit(self.detail.line.camera_id)
