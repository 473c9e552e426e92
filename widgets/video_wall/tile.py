"""One tile of the wall: the camera's newest picture, its name, state, frame rate and the boxes of
what the detectors see now.

A tile never shows a frozen picture as if it were live: when its camera goes offline the last
picture is dropped and the tile says so; a stalled stream's last picture is dimmed under the word.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from widgets.video_wall.source import (
    CameraRef,
    FrameSource,
    SourceStatus,
    TileFrame,
    cameras_from_mime,
    cameras_mime,
)

STATE_COLOURS = {"online": QColor("#16a34a"), "stalled": QColor("#d97706"), "offline": QColor("#dc2626"),
                 "connecting": QColor("#64748b"), "ended": QColor("#64748b")}
BOX_COLOUR = QColor("#ff3b30")
BACKGROUND = QColor("#05080c")
SELECTED_COLOUR = QColor("#3b82f6")
STATUS_EVERY_S = 0.5  # how often the state and frame rate are read again


def to_qimage(image) -> QImage:
    """A QImage over the array's memory (no copy): keep the array alive as long as the image."""
    h, w = image.shape[:2]
    if image.ndim == 3 and image.shape[2] == 4:
        return QImage(image.data, w, h, image.strides[0], QImage.Format.Format_RGB32)
    return QImage(image.data, w, h, image.strides[0], QImage.Format.Format_BGR888)


def fit(size: tuple[int, int], area: QRect) -> QRect:
    """The largest rectangle of the picture's aspect ratio centred in ``area``."""
    w, h = size
    if w <= 0 or h <= 0 or area.width() <= 0 or area.height() <= 0:
        return QRect(area)
    scale = min(area.width() / w, area.height() / h)
    tw, th = max(1, int(w * scale)), max(1, int(h * scale))
    return QRect(area.x() + (area.width() - tw) // 2, area.y() + (area.height() - th) // 2, tw, th)


class VideoTile(QWidget):
    clicked = Signal(int)
    doubleClicked = Signal(int)
    camerasDropped = Signal(int, list, object)  # tile index, [CameraRef], tile it came from or None
    contextRequested = Signal(int, QPoint)  # tile index, global position

    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.camera: CameraRef | None = None
        self.source: FrameSource | None = None
        self.frame: TileFrame | None = None
        self._qimage: QImage | None = None
        self.status = SourceStatus()
        self._status_at = 0.0
        self.selected = False
        self.enlarged = False
        self.shown: deque[float] = deque(maxlen=64)  # when each new frame was painted
        self.painted_frames = 0
        self._painted_index = -1
        self._press: QPoint | None = None
        self._header: QImage | None = None
        self._header_key: tuple | None = None
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(80, 45)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    # --- camera and frames ----------------------------------------------------------------------

    def set_camera(self, camera: CameraRef | None, source: FrameSource | None) -> None:
        self.camera, self.source = camera, source
        self.frame, self._qimage = None, None
        self.status = SourceStatus() if source is not None else SourceStatus("", 0.0)
        self._status_at = 0.0
        self.shown.clear()
        self._tooltip(self.status)
        self._hint_size()
        self.update()

    def poll(self, now: float) -> bool:
        """Take the source's newest frame and, now and then, its state; True when a repaint is due."""
        if self.source is None:
            return False
        dirty = False
        if now - self._status_at >= STATUS_EVERY_S:
            self._status_at = now
            status = self.source.status()
            if status.state in ("offline", "ended", "connecting") and self.frame is not None:
                self.frame, self._qimage = None, None  # never show a frozen picture as live
                dirty = True
            if status != self.status:
                dirty = dirty or (status.state != self.status.state or round(status.fps) != round(self.status.fps))
                if status.detail != self.status.detail or status.state != self.status.state:
                    self._tooltip(status)
                self.status = status
        frame = self.source.latest()
        if frame is not None:
            if self.status.state != "online":  # a picture: the state has surely moved on, say so at once
                self._status_at = 0.0
                self.status = self.source.status()
            self.frame = frame
            self._qimage = to_qimage(frame.image)
            dirty = True
        return dirty

    def _tooltip(self, status: SourceStatus) -> None:
        """The camera's name and details, and why it is offline (the source masks any password)."""
        if self.camera is None:
            self.setToolTip("")
            return
        lines = [self.camera.name, self.camera.detail]
        if status.detail and status.state in ("offline", "ended", "stalled"):
            lines.append(status.detail)
        self.setToolTip("\n".join(x for x in lines if x))

    def _hint_size(self) -> None:
        hint = getattr(self.source, "set_display_size", None)
        if hint is not None and self.width() > 0 and self.height() > 0:
            hint(self.width(), self.height())

    def resizeEvent(self, event) -> None:
        self._hint_size()
        super().resizeEvent(event)

    def shown_fps(self, now: float | None = None, window: float = 3.0) -> float:
        """New frames painted per second over the last few seconds (what the viewer sees)."""
        now = time.monotonic() if now is None else now
        recent = [t for t in self.shown if now - t <= window]
        if len(recent) < 2:
            return 0.0
        return (len(recent) - 1) / max(recent[-1] - recent[0], 1e-6)

    # --- painting -------------------------------------------------------------------------------

    def _font(self, px: float, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPixelSize(max(9, int(px)))
        f.setBold(bold)
        return f

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        r = self.rect()
        unit = max(10.0, min(22.0, r.height() / 18))
        state = self.status.state
        picture = fit(self.frame.size, r) if self._qimage is not None and self.frame is not None else None
        if picture is None:
            p.fillRect(r, BACKGROUND)
        else:  # only the bars beside the picture: it covers the rest
            p.fillRect(QRect(r.x(), r.y(), r.width(), picture.y() - r.y()), BACKGROUND)
            p.fillRect(QRect(r.x(), picture.bottom() + 1, r.width(), r.bottom() - picture.bottom()), BACKGROUND)
            p.fillRect(QRect(r.x(), picture.y(), picture.x() - r.x(), picture.height()), BACKGROUND)
            p.fillRect(QRect(picture.right() + 1, picture.y(), r.right() - picture.right(), picture.height()),
                       BACKGROUND)
        if self.camera is None:
            self._paint_empty(p, r, unit)
        else:
            if picture is not None:
                img = self._qimage
                if (img.width(), img.height()) == (picture.width(), picture.height()):
                    p.drawImage(picture.topLeft(), img)
                else:  # the source did not scale for us: fast when shrinking, smooth when enlarging
                    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, img.width() < picture.width())
                    p.drawImage(picture, img)
                if self.frame.index != self._painted_index:
                    self._painted_index = self.frame.index
                    self.painted_frames += 1
                    self.shown.append(time.monotonic())
                if state == "stalled":
                    p.fillRect(picture, QColor(0, 0, 0, 150))  # the last picture, not a live one
                else:
                    self._paint_detections(p, picture, unit)
            if picture is None or state in ("stalled", "offline", "ended", "connecting"):
                self._paint_state_word(p, r, unit, state)
            self._paint_header(p, r, unit)
        p.setBrush(Qt.BrushStyle.NoBrush)
        if self.selected:
            p.setPen(QPen(SELECTED_COLOUR, 3))
            p.drawRect(r.adjusted(1, 1, -2, -2))
        else:
            p.setPen(QPen(QColor("#1f2a37"), 1))
            p.drawRect(r.adjusted(0, 0, -1, -1))
        p.end()

    def _paint_empty(self, p: QPainter, r: QRect, unit: float) -> None:
        p.setPen(QPen(QColor("#334155"), 1, Qt.PenStyle.DashLine))
        p.drawRect(r.adjusted(4, 4, -5, -5))
        p.setFont(self._font(unit * 0.85))
        p.setPen(QColor("#64748b"))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tr("Drop a camera here"))

    def state_name(self, state: str) -> str:
        return {"online": self.tr("Online"), "stalled": self.tr("Stalled"), "offline": self.tr("Offline"),
                "connecting": self.tr("Connecting…"), "ended": self.tr("Ended")}.get(state, state)

    def _paint_state_word(self, p: QPainter, r: QRect, unit: float, state: str) -> None:
        colour = STATE_COLOURS.get(state, QColor("#64748b"))
        if state in ("offline", "ended"):
            p.fillRect(r, QColor(colour.red(), colour.green(), colour.blue(), 40))
        p.setFont(self._font(unit * 1.5, bold=True))
        p.setPen(colour.lighter(140))
        words = self.state_name(state or "connecting")
        if state == "offline":
            words += "\n" + self.tr("reconnecting…")
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, words)

    def _paint_header(self, p: QPainter, r: QRect, unit: float) -> None:
        """The name, state and frame rate band, drawn into a cached image that is redrawn only
        when one of them changes: text is the dearest thing a tile paints."""
        state = self.status.state or "connecting"
        fps = f"{self.status.fps:.0f} fps" if state in ("online", "stalled") else ""
        key = (r.width(), int(unit), self.camera.name if self.camera else "", state, fps)
        if self._header_key != key:
            self._header_key = key
            self._header = self._render_header(r.width(), unit, state, fps)
        p.drawImage(r.topLeft(), self._header)

    def _render_header(self, width: int, unit: float, state: str, fps: str) -> QImage:
        img = QImage(max(1, width), int(unit * 1.7), QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QColor(0, 0, 0, 140))
        band = img.rect()
        p = QPainter(img)
        pad = int(unit * 0.4)
        colour = STATE_COLOURS.get(state, QColor("#64748b"))
        p.setFont(self._font(unit * 0.8, bold=True))
        fm = p.fontMetrics()
        pill_text = self.state_name(state)
        pill_w = fm.horizontalAdvance(pill_text) + pad * 2
        fps_w = fm.horizontalAdvance(fps) + pad if fps else 0
        pill = QRect(band.right() - pill_w - fps_w - pad, band.y() + pad // 2, pill_w, band.height() - pad)
        p.setBrush(colour)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(pill, 4, 4)
        p.setPen(QColor("white"))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, pill_text)
        if fps:
            p.setPen(QColor("#e2e8f0"))
            p.drawText(QRect(pill.right() + pad // 2, band.y(), fps_w, band.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, fps)
        p.setFont(self._font(unit * 0.85))
        fm = p.fontMetrics()
        p.setPen(QColor("#f8fafc"))
        name_rect = QRect(band.x() + pad, band.y(), max(0, pill.x() - band.x() - 2 * pad), band.height())
        name = fm.elidedText(self.camera.name, Qt.TextElideMode.ElideRight, name_rect.width()) if self.camera else ""
        p.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        p.end()
        return img

    def _paint_detections(self, p: QPainter, picture: QRect, unit: float) -> None:
        frame = self.frame
        if frame is None or (not frame.boxes and not frame.alarms):
            return
        sx, sy = picture.width() / max(1, frame.size[0]), picture.height() / max(1, frame.size[1])
        p.setFont(self._font(unit * 0.75, bold=True))
        fm = p.fontMetrics()
        for b in frame.boxes:
            rect = QRectF(picture.x() + b.x * sx, picture.y() + b.y * sy, b.w * sx, b.h * sy)
            p.setPen(QPen(BOX_COLOUR, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect)
            if b.label:
                tw = fm.horizontalAdvance(b.label) + 6
                tag = QRectF(rect.x(), max(picture.y(), rect.y() - fm.height() - 2), tw, fm.height() + 2)
                p.fillRect(tag, BOX_COLOUR)
                p.setPen(QColor("white"))
                p.drawText(tag, Qt.AlignmentFlag.AlignCenter, b.label)
        if frame.alarms:
            text = " · ".join(frame.alarms)
            band = QRect(picture.x(), picture.bottom() - int(unit * 1.8), picture.width(), int(unit * 1.8))
            p.fillRect(band, QColor(220, 38, 38, 200))
            p.setPen(QColor("white"))
            p.drawText(band, Qt.AlignmentFlag.AlignCenter, fm.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                          band.width() - 8))

    # --- mouse, drag and drop -------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self.clicked.emit(self.index)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if (self._press is not None and self.camera is not None and event.buttons() & Qt.MouseButton.LeftButton
                and (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance()):
            self._press = None
            drag = QDrag(self)
            drag.setMimeData(cameras_mime([self.camera], from_tile=self.index))
            drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.doubleClicked.emit(self.index)

    def contextMenuEvent(self, event) -> None:
        self.clicked.emit(self.index)
        self.contextRequested.emit(self.index, event.globalPos())

    def dragEnterEvent(self, event) -> None:
        cams, _ = cameras_from_mime(event.mimeData())
        if cams:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        cams, from_tile = cameras_from_mime(event.mimeData())
        if cams:
            event.acceptProposedAction()
            self.camerasDropped.emit(self.index, cams, from_tile)
