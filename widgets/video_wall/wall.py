"""The video wall: tiles in a layout, one paint timer, a carousel, enlarge, snapshots.

The GUI thread does one thing per tick of a fixed-rate timer: it asks each visible tile's source
for its newest frame and repaints the tiles that got one. Frames a busy wall does not take are
replaced at the source (dropped and counted there), never queued. Only the tiles on show hold a
source: a hidden wall, or tiles outside the current layout, release theirs so nothing is decoded
for nobody.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtWidgets import QFileDialog, QGridLayout, QMenu, QWidget

from widgets.video_wall.layouts import LayoutSpec, preset
from widgets.video_wall.source import CameraRef, FrameSource, SourceProvider
from widgets.video_wall.tile import BOX_COLOUR, VideoTile

PAINT_HZ = 30  # ticks per second: a new frame waits at most one tick, however the streams are timed
MAX_SLOTS = 64


class VideoWall(QWidget):
    layoutChanged = Signal(str)  # layout name
    camerasChanged = Signal()
    carouselChanged = Signal(bool)
    tileSelected = Signal(int)
    enlargedChanged = Signal(object)  # tile index or None
    message = Signal(str)

    def __init__(self, provider: SourceProvider | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.provider = provider
        self.spec: LayoutSpec = preset(4)
        self.slots: list[CameraRef | None] = [None] * MAX_SLOTS
        self.tiles: list[VideoTile] = []
        self._held: dict[int, tuple[CameraRef, FrameSource]] = {}  # tile index → what it acquired
        self.selected = 0
        self.enlarged: int | None = None
        self.export_filter: Callable[[np.ndarray], np.ndarray] | None = None  # applied to every snapshot
        self.snapshot_dir: Path | None = None
        self.dialogs = True  # False on a wall display: snapshots go to ``snapshot_dir`` without asking
        self._tile_actions: list[tuple[str, Callable[[CameraRef], None]]] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("#000000"))
        self.setPalette(pal)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(False)
        self.timer = QTimer(self, interval=1000 // PAINT_HZ, timeout=self.tick)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._carousel = QTimer(self, timeout=self._next_page)
        self._pool: list[CameraRef] = []
        self._page = 0
        self._sync_pending = False
        self._arrange()

    # --- layout ---------------------------------------------------------------------------------

    def _tile(self, index: int) -> VideoTile:
        while len(self.tiles) <= index:
            t = VideoTile(len(self.tiles), self)
            t.clicked.connect(self.select)
            t.doubleClicked.connect(self.toggle_enlarge)
            t.camerasDropped.connect(self._dropped)
            t.contextRequested.connect(self._context_menu)
            t.hide()
            self.tiles.append(t)
        return self.tiles[index]

    def set_layout(self, spec: LayoutSpec | str | int) -> None:
        self.spec = spec if isinstance(spec, LayoutSpec) else preset(spec)
        self.enlarged = None
        self.selected = min(self.selected, self.spec.tiles - 1)
        self._arrange()
        self.layoutChanged.emit(self.spec.name)

    def _arrange(self) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        for r in range(MAX_SLOTS // 8):
            self._grid.setRowStretch(r, 0)
            self._grid.setColumnStretch(r, 0)
        if self.enlarged is not None:
            shown = {self.enlarged: (0, 0, 1, 1)}
            rows = cols = 1
        else:
            shown = {i: (c.row, c.col, c.rows, c.cols) for i, c in enumerate(self.spec.cells)}
            rows, cols = self.spec.rows, self.spec.cols
        for r in range(rows):
            self._grid.setRowStretch(r, 1)
        for c in range(cols):
            self._grid.setColumnStretch(c, 1)
        for i in range(max(len(self.tiles), self.spec.tiles)):
            tile = self._tile(i)
            if i in shown:
                self._grid.addWidget(tile, *shown[i])
                tile.enlarged = self.enlarged == i
                tile.selected = i == self.selected
                tile.show()
            else:
                tile.hide()
        self._schedule_sync()

    def visible_indices(self) -> list[int]:
        if self.enlarged is not None:
            return [self.enlarged]
        return list(range(self.spec.tiles))

    # --- cameras --------------------------------------------------------------------------------

    def set_camera(self, index: int, camera: CameraRef | None) -> None:
        if not 0 <= index < MAX_SLOTS:
            raise IndexError(f"the wall has tiles 0–{MAX_SLOTS - 1}, not {index}")
        self.slots[index] = camera
        self._schedule_sync()
        self.camerasChanged.emit()

    def set_cameras(self, cameras: list[CameraRef | None]) -> None:
        """Fill the tiles in order (the rest are emptied)."""
        cameras = list(cameras)[:MAX_SLOTS]
        self.slots = cameras + [None] * (MAX_SLOTS - len(cameras))
        self._schedule_sync()
        self.camerasChanged.emit()

    def cameras(self) -> list[CameraRef | None]:
        """The cameras of the tiles on show, in tile order."""
        return [self.slots[i] for i in range(self.spec.tiles)]

    def open_cameras(self, cameras: list[CameraRef], start: int | None = None) -> list[int]:
        """Put cameras on the wall: from ``start``, else the selected tile when it is empty, else
        the first empty tile, else the selected one; at most as many as the layout shows. A camera
        already on show is not opened twice: its tile is selected. Returns the tiles used."""
        if self._carousel.isActive():
            self.stop_carousel()
        n = self.spec.tiles
        on_show = {c.id: i for i in range(n) if (c := self.slots[i]) is not None}
        todo = [c for c in cameras if c.id not in on_show]
        used = [on_show[c.id] for c in cameras if c.id in on_show]
        if start is None:
            empty = [i for i in range(n) if self.slots[i] is None]
            start = self.selected if self.slots[self.selected] is None or not empty else empty[0]
        order = [(start + k) % n for k in range(n)]
        free = [i for i in order if self.slots[i] is None]
        taken = [i for i in order if self.slots[i] is not None and i not in used]
        for cam, i in zip(todo, free + taken, strict=False):
            self.slots[i] = cam
            used.append(i)
        if self.enlarged is not None and used and self.enlarged not in used:
            self.enlarged = None
            self._arrange()
        if used:
            self.select(used[0])
        self._schedule_sync()
        self.camerasChanged.emit()
        return used

    def swap(self, a: int, b: int) -> None:
        self.slots[a], self.slots[b] = self.slots[b], self.slots[a]
        self._schedule_sync()
        self.camerasChanged.emit()

    def clear_tile(self, index: int) -> None:
        self.set_camera(index, None)

    def _dropped(self, index: int, cameras: list, from_tile) -> None:
        if from_tile is not None and 0 <= from_tile < MAX_SLOTS and from_tile != index:
            self.swap(from_tile, index)
            self.select(index)
        elif from_tile is None:
            self.open_cameras(cameras, start=index)

    # --- sources --------------------------------------------------------------------------------

    def _schedule_sync(self) -> None:
        """Acquire and release sources once the current burst of changes is over."""
        if not self._sync_pending:
            self._sync_pending = True
            QTimer.singleShot(0, self, self.sync_sources)

    def sync_sources(self) -> None:
        self._sync_pending = False
        wanted: dict[int, CameraRef] = {}
        if self.isVisible() and self.provider is not None:
            wanted = {i: cam for i in range(self.spec.tiles) if (cam := self.slots[i]) is not None}
        for i, (cam, _src) in list(self._held.items()):
            if wanted.get(i) != cam:
                del self._held[i]
                self.tiles[i].set_camera(None, None)
                self.provider.release(cam)
        for i, cam in wanted.items():
            if i not in self._held:
                src = self.provider.acquire(cam)
                self._held[i] = (cam, src)
                self._tile(i).set_camera(cam, src)
        for i in range(len(self.tiles)):
            if i not in self._held:
                cam = self.slots[i] if i < self.spec.tiles else None
                if self.tiles[i].camera != cam:
                    self.tiles[i].set_camera(cam, None)
        if self._held and self.isVisible():
            self.timer.start()
        else:
            self.timer.stop()

    def release_all(self) -> None:
        for cam, _src in self._held.values():
            self.provider.release(cam)
        self._held.clear()
        for t in self.tiles:
            t.set_camera(None, None)
        self.timer.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule_sync()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._schedule_sync()

    def tick(self) -> int:
        """Take each visible tile's newest frame and repaint the tiles that changed; returns how many."""
        now = time.monotonic()
        changed = 0
        for i in self.visible_indices():
            tile = self.tiles[i]
            if tile.poll(now):
                tile.update()
                changed += 1
        return changed

    # --- selection and enlarging --------------------------------------------------------------------

    def select(self, index: int) -> None:
        if not 0 <= index < len(self.tiles):
            return
        if index != self.selected:
            old = self.tiles[self.selected] if self.selected < len(self.tiles) else None
            if old is not None:
                old.selected = False
                old.update()
        self.selected = index
        self.tiles[index].selected = True
        self.tiles[index].update()
        self.tileSelected.emit(index)

    def toggle_enlarge(self, index: int) -> None:
        self.enlarged = None if self.enlarged == index else index
        if self.enlarged is not None:
            self.select(index)
        self._arrange()
        self.enlargedChanged.emit(self.enlarged)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle_enlarge(self.selected)
        elif key == Qt.Key.Key_Escape and self.enlarged is not None:
            self.toggle_enlarge(self.enlarged)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down) and self.enlarged is None:
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -self.spec.cols,
                    Qt.Key.Key_Down: self.spec.cols}[Qt.Key(key)]
            self.select(min(max(0, self.selected + step), self.spec.tiles - 1))
        else:
            super().keyPressEvent(event)

    # --- carousel -------------------------------------------------------------------------------

    def start_carousel(self, cameras: list[CameraRef] | None = None, seconds: float = 10.0) -> None:
        """Cycle ``cameras`` (default: every camera now on the wall) page by page every ``seconds``."""
        pool = list(cameras) if cameras is not None else [c for c in self.slots if c is not None]
        if not pool:
            self.message.emit(self.tr("The carousel needs cameras: drop some on the wall first"))
            return
        if seconds < 1:
            raise ValueError("the carousel changes pictures every second at most")
        self._pool, self._page = pool, 0
        self.enlarged = None
        self._arrange()
        self._show_page()
        self._carousel.start(int(seconds * 1000))
        self.carouselChanged.emit(True)

    def stop_carousel(self) -> None:
        if self._carousel.isActive():
            self._carousel.stop()
            self.carouselChanged.emit(False)

    @property
    def carousel_running(self) -> bool:
        return self._carousel.isActive()

    def _pages(self) -> int:
        n = self.spec.tiles
        return max(1, -(-len(self._pool) // n))

    def _show_page(self) -> None:
        n = self.spec.tiles
        page = self._pool[self._page * n:(self._page + 1) * n]
        for i in range(n):
            self.slots[i] = page[i] if i < len(page) else None
        self._schedule_sync()
        self.camerasChanged.emit()

    def _next_page(self) -> None:
        self._page = (self._page + 1) % self._pages()
        self._show_page()

    # --- saved layouts --------------------------------------------------------------------------

    def state(self) -> dict:
        """The layout and the cameras of its tiles, as plain data (for settings)."""
        return {"layout": self.spec.as_dict(),
                "cameras": [c.as_dict() if c else None for c in self.slots[:max(self.spec.tiles, self._last_used())]]}

    def _last_used(self) -> int:
        return max((i + 1 for i, c in enumerate(self.slots) if c is not None), default=0)

    def restore_state(self, state: dict) -> None:
        """Apply what ``state()`` gave; data that is not a layout raises ValueError and changes nothing."""
        try:
            spec = LayoutSpec.from_dict(state["layout"])
            cams = [CameraRef.from_dict(c) if c else None for c in state.get("cameras", [])]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not a saved wall layout: {exc}") from None
        self.stop_carousel()
        self.set_layout(spec)
        self.set_cameras(cams)

    @staticmethod
    def _read_saved(settings, key: str) -> dict:
        raw = settings.value(key)
        try:
            data = json.loads(raw) if isinstance(raw, str) and raw else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def saved_layouts(self, settings, key: str) -> list[str]:
        return sorted(self._read_saved(settings, key))

    def save_layout(self, settings, key: str, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("a saved layout needs a name")
        data = self._read_saved(settings, key)
        data[name] = self.state() | {"layout": self.spec.as_dict() | {"name": name}}
        settings.setValue(key, json.dumps(data, ensure_ascii=False))

    def load_layout(self, settings, key: str, name: str) -> None:
        data = self._read_saved(settings, key)
        if name not in data:
            raise ValueError(f"no saved layout called {name!r}")
        self.restore_state(data[name])

    def delete_layout(self, settings, key: str, name: str) -> None:
        data = self._read_saved(settings, key)
        if data.pop(name, None) is not None:
            settings.setValue(key, json.dumps(data, ensure_ascii=False))

    # --- snapshots ------------------------------------------------------------------------------

    def add_tile_action(self, title: str, callback: Callable[[CameraRef], None]) -> None:
        """A tile's context-menu entry for the application (show on the map, its alerts…)."""
        self._tile_actions.append((title, callback))

    def snapshot(self, index: int) -> QImage | None:
        """The tile's newest picture at the camera's resolution with the detection boxes drawn,
        passed through ``export_filter`` (face blurring) first; None when it has no picture."""
        tile = self.tiles[index] if 0 <= index < len(self.tiles) else None
        if tile is None or tile.frame is None:
            return None
        full = getattr(tile.source, "full_frame", None)
        image = full() if full is not None else None
        if image is None:
            image = tile.frame.image
        if image.ndim == 3 and image.shape[2] == 4:
            image = np.ascontiguousarray(image[:, :, :3])
        if self.export_filter is not None:
            image = self.export_filter(image)
        h, w = image.shape[:2]
        qimg = QImage(np.ascontiguousarray(image).data, w, h, image.strides[0], QImage.Format.Format_BGR888).copy()
        sx, sy = w / max(1, tile.frame.size[0]), h / max(1, tile.frame.size[1])
        p = QPainter(qimg)
        p.setPen(QPen(BOX_COLOUR, max(2, h // 240)))
        for b in tile.frame.boxes:
            p.drawRect(QRectF(b.x * sx, b.y * sy, b.w * sx, b.h * sy))
        p.end()
        return qimg

    def save_snapshot(self, index: int, path: str | Path | None = None) -> Path | None:
        """Write the tile's snapshot (PNG or JPEG by the extension). Without a path: ask where
        (or, on a wall display, into ``snapshot_dir`` under the camera's name and the time)."""
        img = self.snapshot(index)
        cam = self.slots[index]
        if img is None or cam is None:
            self.message.emit(self.tr("This tile has no picture to save"))
            return None
        stem = f"{cam.name}-{datetime.now():%Y%m%d-%H%M%S}".replace("/", "_").replace("·", "-")
        if path is None:
            folder = self.snapshot_dir or Path.home()
            if self.dialogs:
                chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save snapshot"), str(folder / f"{stem}.png"),
                                                        self.tr("Pictures (*.png *.jpg)"))
                if not chosen:
                    return None
                path = chosen
            else:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"{stem}.png"
        path = Path(path)
        if not img.save(str(path)):
            self.message.emit(self.tr("The snapshot could not be written to %1").replace("%1", str(path)))
            return None
        self.message.emit(self.tr("Snapshot saved: %1").replace("%1", str(path)))
        return path

    def copy_snapshot(self, index: int) -> bool:
        img = self.snapshot(index)
        if img is None:
            self.message.emit(self.tr("This tile has no picture to copy"))
            return False
        QGuiApplication.clipboard().setImage(img)
        self.message.emit(self.tr("Snapshot copied"))
        return True

    def _context_menu(self, index: int, pos: QPoint) -> None:
        menu = self.tile_menu(index)
        menu.exec(pos)
        menu.deleteLater()

    def tile_menu(self, index: int) -> QMenu:
        menu = QMenu(self)
        cam = self.slots[index]
        enlarge = self.tr("Back to the Wall") if self.enlarged == index else self.tr("Enlarge")
        menu.addAction(enlarge, lambda: self.toggle_enlarge(index))
        snap = menu.addAction(self.tr("Save Snapshot…"), lambda: self.save_snapshot(index))
        copy = menu.addAction(self.tr("Copy Snapshot"), lambda: self.copy_snapshot(index))
        has_picture = self.tiles[index].frame is not None
        snap.setEnabled(has_picture)
        copy.setEnabled(has_picture)
        if cam is not None and self._tile_actions:
            menu.addSeparator()
            for title, cb in self._tile_actions:
                menu.addAction(title, lambda cb=cb, cam=cam: cb(cam))
        menu.addSeparator()
        clear = menu.addAction(self.tr("Remove from the Wall"), lambda: self.clear_tile(index))
        clear.setEnabled(cam is not None)
        return menu
