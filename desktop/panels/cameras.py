"""Kitchen cameras on the desktop: the video wall and the camera tree.

The wall lives in a dock beside the map (four tiles by default) and moves into the centre of the
window for the wall view (sixteen tiles; ``show_view("wall")``, View ▸ Video Wall). Cameras come
onto it from the camera tree (drag, or Enter), from the map (right-click a camera or a
restaurant: "Open on the Video Wall"), from a restaurant's or camera's details, and from the
alert panel (``open_camera``). The demo city's cameras play through the real capture path
(``desktop.panels.camera_sources``), with the detectors' boxes on the tiles.

Snapshots leave the program with faces blurred (``core.vision.privacy.FaceBlurrer``); camera
addresses are shown only through ``mask_url``. Contract for later panels: ``window.cameras_panel``
with ``open_camera(camera_id)``, ``open_business(business_id)`` and ``camera_row(camera_id)``.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from core.db.engine import data_dir
from desktop import live_services
from desktop.panels.alert_words import AlertWords
from desktop.panels.camera_data import CameraRow, read_cameras, read_states
from desktop.panels.camera_sources import CameraSources
from widgets.camera_tree import CameraTree
from widgets.video_wall import VideoWallView

log = logging.getLogger(__name__)

CAMERA_LAYER, RESTAURANT_LAYERS = "cameras", ("restaurants", "risk_grades")
STATE_KEY = "video_wall/current"
LAYOUT_KEYS = {False: "video_wall/dock_layout", True: "video_wall/central_layout"}
DEFAULT_LAYOUTS = {False: "4", True: "16"}
FIRST_CAMERAS = 16


class _Blur:
    """The wall's export filter: faces blurred before a picture leaves the program."""

    def __init__(self):
        self._blurrer = None

    def __call__(self, image):
        if self._blurrer is None:
            from core.vision.privacy import FaceBlurrer

            self._blurrer = FaceBlurrer()
        return self._blurrer.blur(image)


class CamerasPanel(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = window.hub
        self.words = AlertWords(self)
        self.rows: dict[int, CameraRow] = {}
        self.by_business: dict[int, list[int]] = {}
        self._loaded = False
        self.central = False
        self._pending_open: list[int] = []
        self._closed = False

        self.sources = CameraSources(detect=True, kind_names=self.words.kinds())
        self.view = VideoWallView(self.sources, window.settings)
        self.wall = self.view.wall
        self.wall.export_filter = _Blur()
        self.wall.dialogs = not window.wall
        self.wall.snapshot_dir = data_dir() / "snapshots"
        self.wall.add_tile_action(self.tr("Show on the Map"), lambda cam: self.locate(cam.id))
        self.wall.add_tile_action(self.tr("Find in the Camera Tree"), lambda cam: self.reveal(cam.id))
        self.view.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.view.carousel_pool = self._carousel_pool
        self.tree = CameraTree()
        self.tree.camerasActivated.connect(self._open_refs)

        bottom, left = Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.wall_dock = window.add_dock("video_wall", self.tr("Video wall"), self.view, bottom)
        self.tree_dock = window.add_dock("camera_tree", self.tr("Cameras"), self.tree, left, visible=False)
        window.cameras_panel = self
        live_services.register_service(live_services.vision_service())  # started with the demo's other feeds

        self.act_wall = QAction(self.tr("&Video Wall"), self, checkable=True, shortcut=QKeySequence("F9"),
                                toggled=self._toggle_central)
        window.menus["view"].addAction(self.act_wall)
        window.toolbar.addAction(self.act_wall)
        self._hook_map()
        self.hub.changed.connect(self._changed)
        self._states_timer = QTimer(self, singleShot=True, interval=500, timeout=self._load_states)
        self.wall.camerasChanged.connect(self._remember)
        self.wall.layoutChanged.connect(self._layout_changed)
        self._apply_layout()
        self.load()

    # --- wiring to the map ------------------------------------------------------------------------

    def _hook_map(self) -> None:
        panel = getattr(self.window, "map_panel", None)
        if panel is None:
            log.info("no map in this window: cameras open from the tree and the alerts only")
            return
        if hasattr(panel, "add_context_action"):
            panel.add_context_action(self.tr("Open Camera on the Video Wall"),
                                     lambda ctx: self.open_camera(int(ctx.feature_id)),
                                     when=lambda ctx: ctx.layer_id == CAMERA_LAYER and ctx.feature_id is not None)
            panel.add_context_action(self.tr("Open the Restaurant's Cameras on the Video Wall"),
                                     lambda ctx: self.open_business(int(ctx.feature_id)),
                                     when=lambda ctx: ctx.layer_id in RESTAURANT_LAYERS and ctx.feature_id is not None)
        if hasattr(panel, "add_details_action"):
            panel.add_details_action("business", self.tr("Open Cameras"), lambda _k, fid: self.open_business(int(fid)))
            panel.add_details_action("camera", self.tr("Open on the Video Wall"),
                                     lambda _k, fid: self.open_camera(int(fid)))

    def locate(self, camera_id: int) -> None:
        row = self.rows.get(camera_id)
        panel = getattr(self.window, "map_panel", None)
        if row is None or row.lon is None or panel is None:
            self.window.statusBar().showMessage(self.tr("This camera has no place on the map"), 6000)
            return
        if self.central:
            self.act_wall.setChecked(False)
        if hasattr(panel, "select"):
            panel.select(CAMERA_LAYER, camera_id, row.lon, row.lat)
        elif hasattr(panel, "fly_to"):
            panel.fly_to(row.lon, row.lat, 17.0)
        if hasattr(panel, "flash"):
            panel.flash(row.lon, row.lat)

    def reveal(self, camera_id: int) -> None:
        self.window.workspace.reveal("camera_tree")
        self.tree.select_camera(camera_id)

    # --- loading ----------------------------------------------------------------------------------

    def load(self) -> None:
        self.hub.run("cameras.list", read_cameras, on_done=self._got_cameras,
                     on_error=lambda e: self._failed(str(e).splitlines()[0]))

    def _got_cameras(self, rows: list[CameraRow]) -> None:
        if self._closed:
            return
        self.rows = {r.id: r for r in rows}
        self.by_business = {}
        for r in rows:
            if r.business_id is not None:
                self.by_business.setdefault(r.business_id, []).append(r.id)
        self.sources.know(r.spec() for r in rows)
        self.tree.set_cameras([r.entry() for r in rows])
        first_load = not self._loaded
        self._loaded = True
        if first_load:
            self._restore_cameras()
        if self._pending_open:
            ids, self._pending_open = self._pending_open, []
            self._open_ids(ids)

    def _restore_cameras(self) -> None:
        saved = self.window.settings.value(STATE_KEY)
        if isinstance(saved, str) and saved:
            try:
                state = json.loads(saved)
                refs = [self.rows[c["id"]].ref() if c and c.get("id") in self.rows else None
                        for c in state.get("cameras", [])]
                if any(refs):
                    self.wall.set_cameras(refs)
                    return
            except (ValueError, TypeError, AttributeError, KeyError):
                log.warning("the saved video wall could not be read; showing the first cameras")
        # the first cameras: in the demo city these are the ones the vision worker watches
        self.wall.set_cameras([r.ref() for r in list(self.rows.values())[:FIRST_CAMERAS]])

    def _remember(self) -> None:
        if self._loaded:
            self.window.settings.setValue(STATE_KEY, json.dumps(self.wall.state(), ensure_ascii=False))

    def _changed(self, tables: set) -> None:
        if "camera" in tables and self._loaded:
            self._states_timer.start()

    def _load_states(self) -> None:
        if self._closed:
            return
        self.hub.run("cameras.states", read_states, on_done=self._got_states)

    def _got_states(self, states: dict[int, str]) -> None:
        for cid, state in states.items():
            row = self.rows.get(cid)
            if row is not None and row.state != state:
                self.tree.set_state(cid, state)

    def _failed(self, message: str) -> None:
        self._loaded = True
        self.window.statusBar().showMessage(self.tr("Cameras could not be read: %1").replace("%1", message), 10000)

    # --- opening cameras --------------------------------------------------------------------------

    def open_camera(self, camera_id: int) -> None:
        self._open_ids([int(camera_id)])

    def open_business(self, business_id: int) -> None:
        ids = self.by_business.get(int(business_id), [])
        if not ids and self._loaded:
            self.window.statusBar().showMessage(self.tr("This business has no kitchen camera"), 6000)
            return
        self._open_ids(ids)

    def _open_ids(self, ids: list[int]) -> None:
        if not self._loaded:
            self._pending_open.extend(ids)
            return
        refs = [self.rows[i].ref() for i in ids if i in self.rows]
        if not refs:
            self.window.statusBar().showMessage(self.tr("That camera is not in the camera list"), 6000)
            return
        self._open_refs(refs)

    def _open_refs(self, refs) -> None:
        """Cameras onto the wall, which comes into view if the current view had put it away."""
        if not self.central:
            self.window.workspace.reveal("video_wall")
        self.wall.open_cameras(refs)

    def camera_row(self, camera_id: int) -> CameraRow | None:
        return self.rows.get(camera_id)

    def _carousel_pool(self):
        """The cameras under the tree's current row (a district, a business), else the wall's own."""
        cams = self.tree.current_cameras() if self.tree_dock.isVisible() else []
        return cams if len(cams) > 1 else None

    # --- where the wall sits ----------------------------------------------------------------------

    def _toggle_central(self, on: bool) -> None:
        self._place(on)

    def _place(self, central: bool) -> None:
        if central == self.central:
            return
        self.central = central
        win = self.window
        if central:
            self.wall_dock.hide()
            win.set_central(self.view)
        else:
            win.central.removeWidget(self.view)
            self.wall_dock.setWidget(self.view)
            win.workspace.reveal("video_wall")
            canvas = getattr(win, "map_canvas", None)
            if canvas is not None:
                win.central.setCurrentWidget(canvas)
        self.act_wall.blockSignals(True)
        self.act_wall.setChecked(central)
        self.act_wall.blockSignals(False)
        self._apply_layout()

    def _apply_layout(self) -> None:
        name = self.window.settings.value(LAYOUT_KEYS[self.central]) or DEFAULT_LAYOUTS[self.central]
        try:
            self.wall.set_layout(str(name))
        except ValueError:
            self.wall.set_layout(DEFAULT_LAYOUTS[self.central])

    def _layout_changed(self, name: str) -> None:
        from widgets.video_wall import PRESETS

        if name in PRESETS:
            self.window.settings.setValue(LAYOUT_KEYS[self.central], name)

    # --- the panel contract -----------------------------------------------------------------------

    def show_view(self, name: str) -> None:
        """"wall": sixteen tiles fill the centre; "cameras": nine tiles (the workspace shows the
        camera tree beside them); any other view: the wall back in its dock."""
        if name in ("wall", "cameras"):
            self._place(True)
            self.wall.set_layout(16 if name == "wall" else 9)
        else:
            self._place(False)

    def ready(self) -> bool:
        """Cameras read; while the wall is on show (in the centre or in its dock) also a picture
        (or a settled state) in every tile, so a screenshot shows the cameras, not their loading."""
        if not self._loaded:
            return False
        if not self.view.isVisible() or self.view.visibleRegion().isEmpty():
            return True
        for i in self.wall.visible_indices():
            tile = self.wall.tiles[i]
            if self.wall.slots[i] is None or tile.status.state in ("offline", "ended", "stalled"):
                continue
            if tile.frame is None or tile.status.fps <= 0:  # still opening, or too soon to say how fast
                return False
        return True

    def close(self) -> None:
        self._closed = True
        self._states_timer.stop()
        self.hub.changed.disconnect(self._changed)
        self._remember()
        self.wall.release_all()
        self.sources.close()


def install(window) -> CamerasPanel:
    return CamerasPanel(window)
