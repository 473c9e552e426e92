"""An alert's evidence: the snapshot with the detection's box, and its clip played in a loop."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QVBoxLayout, QWidget

BOX_COLOUR = QColor("#facc15")


def _fit(w: int, h: int, area: QRect) -> QRect:
    if w <= 0 or h <= 0:
        return QRect(area)
    scale = min(area.width() / w, area.height() / h)
    tw, th = int(w * scale), int(h * scale)
    return QRect(area.x() + (area.width() - tw) // 2, area.y() + (area.height() - th) // 2, tw, th)


class PictureView(QWidget):
    """A picture scaled to fit, with an optional box (in the picture's pixels) outlined over it."""

    def __init__(self, empty_text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.image = QImage()
        self.box: tuple[float, float, float, float] | None = None
        self.empty_text = empty_text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def set_image(self, image: QImage, box=None) -> None:
        self.image, self.box = image, box
        self.update()

    def picture_rect(self) -> QRect:
        return _fit(self.image.width(), self.image.height(), self.rect())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0b1118"))
        if self.image.isNull():
            p.setPen(QColor("#64748b"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        r = self.picture_rect()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        p.drawImage(r, self.image)
        if self.box is not None:
            x, y, w, h = self.box
            sx, sy = r.width() / self.image.width(), r.height() / self.image.height()
            p.setPen(QPen(BOX_COLOUR, 2, Qt.PenStyle.DashLine))
            p.drawRect(QRectF(r.x() + x * sx - 3, r.y() + y * sy - 3, w * sx + 6, h * sy + 6))
        p.end()


def to_qimage(frame: np.ndarray) -> QImage:
    h, w = frame.shape[:2]
    frame = np.ascontiguousarray(frame)
    return QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888).copy()


class ClipPlayer(QWidget):
    """Plays frames in a loop at their frame rate; play/pause and a position slider."""

    positionChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frames: list[np.ndarray] = []
        self.fps = 5.0
        self.view = PictureView(self.tr("No clip"), self)
        self.play_button = QPushButton(self.tr("Pause"), self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.position = QLabel("")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.position)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        self.timer = QTimer(self, timeout=self._next)
        self.play_button.clicked.connect(self.toggle)
        self.slider.valueChanged.connect(self._seek)
        self._set_controls()

    def set_clip(self, frames: list[np.ndarray], fps: float) -> None:
        """Show a clip and start playing it (an empty list: no clip)."""
        self.timer.stop()
        self.frames, self.fps = list(frames), max(1.0, float(fps or 5.0))
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self.frames) - 1))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self._show(0)
        self._set_controls()
        if self.frames:
            self.play()

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        if self.frames:
            self.timer.start(int(1000 / self.fps))
            self.play_button.setText(self.tr("Pause"))

    def pause(self) -> None:
        self.timer.stop()
        self.play_button.setText(self.tr("Play"))

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def _next(self) -> None:
        if self.frames:
            self.slider.setValue((self.slider.value() + 1) % len(self.frames))

    def _seek(self, i: int) -> None:
        self._show(i)

    def _show(self, i: int) -> None:
        if not self.frames:
            self.view.set_image(QImage())
            self.position.setText("")
            return
        self.view.set_image(to_qimage(self.frames[i]))
        self.position.setText(f"{i / self.fps:4.1f} / {len(self.frames) / self.fps:.1f} s")
        self.positionChanged.emit(i)

    def _set_controls(self) -> None:
        for w in (self.play_button, self.slider):
            w.setEnabled(bool(self.frames))
