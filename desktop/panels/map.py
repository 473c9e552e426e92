"""The map in the centre of the main window, with every layer the database holds.

Installed first, so every later panel finds it. Contract for other panels:

- ``window.map_canvas``: the ``MapCanvas``; add layers to it, listen to its signals.
- ``window.map_panel`` (this ``MapPanel``):
  - ``fly_to(lon, lat, zoom=None)``: centre the map on a WGS-84 place (zoom 16–17 for a street).
  - ``flash(lon, lat)``: pulse rings on a place for a few seconds (alerts use it).
  - ``feature_selected(str layer_id, object feature_id)``: emitted when a feature is clicked, or
    chosen in the search box or the details dock. A choice made there is also replayed as the
    canvas's ``featureClicked``, so a panel listening to clicks reacts to it the same way.
  - ``select(layer_id, feature_id, lon=None, lat=None, zoom=None)``: fly to a feature, select it
    and open its details, as if the user had clicked it.
  - ``add_details_section(kinds, read)``: ``read(db, kind, feature_id)`` runs off the GUI thread
    with the details query and returns a ``widgets.details.Section`` (or a list, or None),
    appended to the details of features of those kinds: business, market, zone, stall, camera,
    lab, district (``DETAILS_KINDS``; layers map to kinds through ``LAYER_KINDS``).
  - ``add_details_action(kinds, title, callback)``: a button in those details;
    ``callback(kind, feature_id)``.
  - ``add_context_action(title, callback, when=None)``: a right-click menu entry;
    ``callback(MapContext)``, shown only where ``when(MapContext)`` is true if given.
  - ``reload(layer_ids=None)``: read layers again (all by default). Layers also reload by
    themselves on ``hub.changed``: "business"/"star_rating" → restaurants (a star change shows
    at once), "camera" → cameras, "market" → markets, "vendor_zone" → vendor_zones, "stall" →
    stalls; an open details view is read again when its tables change.
  - ``set_business_filter(risk_grades=None, kinds=None, min_stars=None)``: which restaurants
    and canteens the map shows (None: no filter on that).
  - ``ready()`` is true once every layer is loaded and drawn (screenshots wait for it).

Layer ids: districts, vendor_zones, stalls, restaurants, cameras, markets, test_labs (feature
ids are database ids). Vendor zones are coloured open or closed by Asia/Shanghai local time and
re-coloured every minute.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

import numpy as np
import shapely
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QWidgetAction

from desktop import theme
from desktop.panels import map_data as md
from desktop.panels.map_basemaps import Basemaps
from desktop.panels.map_details import read_details
from desktop.panels.map_details_text import DetailsText
from desktop.panels.map_flash import FlashOverlay
from desktop.panels.map_layers import CityLayers
from desktop.panels.map_search import SearchHit, search
from gis.extent import dense_extent
from widgets.details import Action, Details, DetailsView, Note, Row, Section
from widgets.layer_panel import LayerPanel
from widgets.map_canvas import MapCanvas, MapContext
from widgets.map_canvas.scalebar import ground_resolution
from widgets.map_canvas.tools import format_area, format_length
from widgets.search_box import SearchBox, Suggestion

log = logging.getLogger(__name__)

DETAILS_KINDS = ("business", "market", "zone", "stall", "camera", "lab", "district")
LAYER_KINDS = {md.RESTAURANTS: "business", "risk_grades": "business", md.MARKETS: "market",
               "overdue_retests": "market", md.ZONES: "zone", md.STALLS: "stall", md.CAMERAS: "camera",
               md.LABS: "lab", md.DISTRICTS: "district"}
KIND_LAYERS = {"business": md.RESTAURANTS, "market": md.MARKETS, "zone": md.ZONES, "stall": md.STALLS,
               "camera": md.CAMERAS, "lab": md.LABS, "district": md.DISTRICTS}
# tables whose change makes an open details view stale
KIND_TABLES = {"business": {"business", "star_rating", "camera", "alert", "inspection"},
               "market": {"market", "rapid_test", "alert", "stall"}, "zone": {"vendor_zone", "stall"},
               "stall": {"stall"}, "camera": {"camera", "alert"}, "lab": {"rapid_test"}, "district": set()}
# bottom to top; the layer tree's groups are runs of this order
PREFERRED_ORDER = (md.DISTRICTS, "rapid_test_heatmap", md.ZONES, md.STALLS, md.CAMERAS, md.RESTAURANTS,
                   "risk_grades", md.MARKETS, "overdue_retests", md.LABS, "replay_track", "replay_stops",
                   "vehicle_trails", "vehicles", "replay_cursor")
FLY_ZOOM = 17.0
HOME_LAYERS = (md.MARKETS, md.RESTAURANTS, md.STALLS)  # the city's places: where the map opens
MAX_LISTED = 40  # features listed per layer for a box selection
ZONE_CLOCK_MS = 60_000
VIEW_SETTING, TREE_SETTING = "map/view", "map/layer_tree"
METRES_PER_PIXEL_96DPI = 0.0254 / 96


class MapPanel(QObject):
    feature_selected = Signal(str, object)  # layer id, feature id

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = window.hub
        self.settings = window.settings
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.text = DetailsText(self)
        self._loading: set[str] = set()
        self._failed: dict[str, str] = {}
        self._settled = False
        self._bound = False
        self._fit_pending = True
        self._shown: tuple[str, object] | None = None  # (layer id, feature id) in the details
        self._sections: list[tuple[frozenset, Callable]] = []
        self._detail_actions: list[tuple[frozenset, str, Callable]] = []
        self._context_actions: list[tuple[str, Callable, Callable | None]] = []

        app = QApplication.instance()
        self.canvas = MapCanvas(theme=theme.current(app) if app else "light")
        self.canvas.setObjectName("MapCanvas")
        window.set_central(self.canvas)
        window.map_canvas = self.canvas
        window.map_panel = self
        self.city = CityLayers(self.canvas, self)
        self.flasher = FlashOverlay(self.canvas)

        self.layer_panel = LayerPanel()
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.layers_dock = window.add_dock("map_layers", self.tr("Map Layers"), self.layer_panel, left)
        self.details = DetailsView()
        self.details.show_message(self.tr("Click a feature on the map to see its details."))
        self.details_dock = window.add_dock("map_details", self.tr("Details"), self.details, right, visible=False)

        self._build_search()
        self._build_actions()
        self.basemaps = Basemaps(window, self.canvas, self.city, self.basemap_menu)
        self.basemaps.restore()
        self._restore_view()

        c = self.canvas
        c.featureClicked.connect(self._clicked)
        c.boxSelected.connect(self._box_selected)
        c.cursorMoved.connect(self._cursor)
        c.viewChanged.connect(lambda _v: self._show_scale())
        c.measured.connect(self._measured)
        c.contextMenuRequested.connect(self._context_menu)
        c.toolChanged.connect(self._tool_changed)
        c.layersChanged.connect(self._schedule_bind)
        c.installEventFilter(self)
        self.details.linkActivated.connect(self._link)
        self.details.actionTriggered.connect(self._details_action)
        self.layer_panel.stateChanged.connect(self._save_tree)
        self.layer_panel.zoomToLayerRequested.connect(self.canvas.zoom_to_layer)
        self.hub.changed.connect(self._changed)
        window.theme_changed.connect(self.canvas.set_theme)
        self._bind_timer = QTimer(self, singleShot=True, interval=0, timeout=self._bind)
        self._zone_clock = QTimer(self, interval=ZONE_CLOCK_MS, timeout=self.refresh_zone_hours)
        self._zone_clock.start()
        self._schedule_bind()
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_search(self) -> None:
        self.search_box = SearchBox()
        self.search_box.setObjectName("MapSearch")
        self.search_box.setPlaceholderText(self.tr("Search name, licence no., address, plate… (Ctrl+F)"))
        self.search_box.setMinimumWidth(340)
        self.search_box.setMaximumWidth(460)
        self.search_box.queryChanged.connect(self._query)
        self.search_box.chosen.connect(self._search_chosen)
        self.search_box.notFound.connect(lambda q: self._say(self.tr("Nothing found for “%1”").replace("%1", q)))
        self.search_box.cancelled.connect(lambda: self.canvas.setFocus())
        holder = QWidgetAction(self)
        holder.setDefaultWidget(self.search_box)
        self.window.toolbar.addSeparator()
        self.window.toolbar.addAction(holder)

    def _action(self, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        act = QAction(text, self.window, checkable=checkable)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        w = self.window
        view, tools = w.menus["view"], w.menus["tools"]
        first = view.actions()[0] if view.actions() else None
        self.act_find = self._action(self.tr("Find on &Map"), self.focus_search, QKeySequence.StandardKey.Find)
        self.act_home = self._action(self.tr("Zoom to &City"), self.zoom_to_city, "Home")
        self.act_zoom_in = self._action(self.tr("Zoom &In"), lambda: self.canvas.zoom_by(2.0), QKeySequence.StandardKey.ZoomIn)
        self.act_zoom_out = self._action(self.tr("Zoom &Out"), lambda: self.canvas.zoom_by(0.5),
                                         QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_sel = self._action(self.tr("Zoom to &Selection"), self.canvas.zoom_to_selection, "Ctrl+Shift+G")
        self.act_layers = w.dock_actions["map_layers"]
        self.act_layers.setText(self.tr("Map &Layers"))
        self.act_layers.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_details = w.dock_actions["map_details"]
        self.act_details.setText(self.tr("D&etails"))
        self.act_details.setShortcut(QKeySequence("Ctrl+Shift+I"))
        for act in (self.act_find, self.act_home, self.act_zoom_in, self.act_zoom_out, self.act_zoom_sel):
            view.insertAction(first, act)
            w.addAction(act)
        view.insertSeparator(first)
        for act in (self.act_layers, self.act_details):
            view.insertAction(first, act)
        self.basemap_menu = view.addMenu(self.tr("&Basemap"))
        view.insertMenu(first, self.basemap_menu)
        view.insertSeparator(first)

        self.tool_group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for name, text, key in (("pan", self.tr("&Pan"), "Ctrl+Shift+H"), ("zoom_box", self.tr("&Zoom to Box"), "Ctrl+Shift+Z"),
                                ("select_box", self.tr("&Select in Box"), "Ctrl+Shift+B"),
                                ("measure_distance", self.tr("Measure &Distance"), "Ctrl+Shift+M"),
                                ("measure_area", self.tr("Measure &Area"), "Ctrl+Shift+J")):
            act = self._action(text, partial(self.canvas.set_tool, name), key, checkable=True)
            act.setToolTip(f"{text.replace('&', '')} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.tool_group.addAction(act)
            tools.addAction(act)
            self.tool_actions[name] = act
        self.tool_actions["pan"].setChecked(True)
        tools.addSeparator()
        w.toolbar.addSeparator()
        w.toolbar.addAction(self.act_home)
        for name in ("pan", "select_box", "measure_distance", "measure_area"):
            w.toolbar.addAction(self.tool_actions[name])

    # --- loading ------------------------------------------------------------------------------

    def reload(self, layer_ids=None) -> None:
        """Read layers again off the GUI thread (all of them by default); the newest read wins."""
        ids = md.LOAD_ORDER if layer_ids is None else tuple(layer_ids)
        unknown = [i for i in ids if i not in md.READERS]
        if unknown:
            raise KeyError(f"the map panel reads no layers {unknown}; it reads {', '.join(md.LAYER_IDS)}")
        for layer_id in ids:
            self._loading.add(layer_id)
            self.hub.run(f"map:layer:{layer_id}", md.READERS[layer_id], on_done=partial(self._loaded, layer_id),
                         on_error=partial(self._load_failed, layer_id))

    def _loaded(self, layer_id: str, data) -> None:
        self._loading.discard(layer_id)
        self._failed.pop(layer_id, None)
        self.city.apply(layer_id, data, self.clock())
        if layer_id in HOME_LAYERS or layer_id == md.DISTRICTS:
            self._update_home()

    def _update_home(self) -> None:
        """Home (and the first view) is where the city's places are, read from the data: another
        city's database opens on that city. Without places, the districts' extent."""
        if any(lid in self._loading for lid in (*HOME_LAYERS, md.DISTRICTS)):
            return  # once, when they are all in: the first view does not jump as layers arrive
        points = [self.city.data[lid] for lid in HOME_LAYERS if lid in self.city.data]
        extent = dense_extent(np.concatenate([p.lon for p in points]) if points else [],
                              np.concatenate([p.lat for p in points]) if points else [])
        areas = self.city.data.get(md.DISTRICTS)
        if extent is None and areas is not None and len(areas.geoms):
            extent = tuple(float(v) for v in shapely.total_bounds(np.asarray(areas.geoms, dtype=object)))
        if extent is None:
            return
        self.canvas.set_home_extent(*extent)
        if self._fit_pending:
            self.canvas.zoom_home()

    def _load_failed(self, layer_id: str, exc: BaseException) -> None:
        self._loading.discard(layer_id)
        self._failed[layer_id] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        log.warning("map layer %s could not be read: %s", layer_id, self._failed[layer_id])
        self._say(self.tr("Map layer %1 could not be read: %2").replace("%1", layer_id)
                  .replace("%2", self._failed[layer_id]))

    def _changed(self, tables: set) -> None:
        stale = sorted({lid for t in tables for lid in md.LAYERS_OF_TABLE.get(t, ())})
        if stale:
            self.reload(stale)
        if self._shown is not None:
            kind = LAYER_KINDS.get(self._shown[0])
            if kind and KIND_TABLES.get(kind, set()) & set(tables):
                self._read_details(*self._shown, quiet=True)

    def refresh_zone_hours(self) -> None:
        """Re-colour vendor zones open or closed at the current time (every minute)."""
        self.city.refresh_zone_hours(self.clock())

    def set_business_filter(self, risk_grades=None, kinds=None, min_stars=None) -> None:
        self.city.set_business_filter(risk_grades=risk_grades, kinds=kinds, min_stars=min_stars)

    def loaded(self) -> bool:
        return not self._loading and all(lid in self.city.data or lid in self._failed for lid in md.LAYER_IDS)

    def ready(self) -> bool:
        if not (self.loaded() and self._bound and self.canvas.is_ready()):
            return False
        if not self._settled:
            self._settled = True
            self.canvas.settle()  # every label drawn before a screenshot
        return True

    # --- the layer tree --------------------------------------------------------------------------

    def _groups(self) -> dict[str, str]:
        basemap, vendors, catering = self.tr("Basemap"), self.tr("Street vendors"), self.tr("Catering")
        markets, vehicles = self.tr("Markets and rapid tests"), self.tr("Vehicles")
        return {md.DISTRICTS: basemap, md.ZONES: vendors, md.STALLS: vendors, md.RESTAURANTS: catering,
                md.CAMERAS: catering, "risk_grades": catering, md.MARKETS: markets, "overdue_retests": markets,
                md.LABS: markets, "vehicle_trails": vehicles, "vehicles": vehicles, "replay_track": vehicles,
                "replay_stops": vehicles, "replay_cursor": vehicles}

    def _schedule_bind(self) -> None:
        if hasattr(self, "_bind_timer"):
            self._bind_timer.start()

    def _bind(self) -> None:
        """Show the canvas's layers in the tree: once every panel has added its layers (the
        saved order and visibility restored), and again whenever layers come or go."""
        first = not self._bound
        if first:
            self._sort_layers()
        self.layer_panel.bind(self.canvas, self._groups())
        self._bound = True
        if first:
            saved = self.settings.value(TREE_SETTING)
            if saved:
                try:
                    self.layer_panel.restore_state(json.loads(str(saved)))
                except ValueError as exc:
                    log.warning("ignoring the saved layer tree: %s", exc)
        else:
            self._save_tree(self.layer_panel.save_state())

    def _sort_layers(self) -> None:
        """Group-friendly drawing order; a layer this panel does not know stays just above the
        known layer it was above."""
        rank = {lid: i for i, lid in enumerate(PREFERRED_ORDER)}
        keyed, last = [], -1.0
        for layer in self.canvas.layers():
            r = rank.get(layer.id)
            last = float(r) if r is not None else last + 0.001
            keyed.append((last, layer.id))
        keyed.sort(key=lambda k: k[0])
        self.canvas.set_layer_order([lid for _, lid in keyed])

    def _save_tree(self, state: dict) -> None:
        self.settings.setValue(TREE_SETTING, json.dumps(state, ensure_ascii=False))

    # --- view ------------------------------------------------------------------------------------

    def _restore_view(self) -> None:
        saved = str(self.settings.value(VIEW_SETTING) or "")
        try:
            lon, lat, zoom = (float(v) for v in saved.split(","))
            if not (73 < lon < 136 and 3 < lat < 54 and 3 <= zoom <= 20):
                raise ValueError(saved)
        except ValueError:
            return  # fitted to the city's places once they are read, and as the window takes its size
        self._fit_pending = False
        self.canvas.center_on(lon, lat, zoom)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.canvas:
            kind = event.type()
            if kind == QEvent.Type.Resize and self._fit_pending:
                self.canvas.zoom_home()
            elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.KeyPress):
                self._fit_pending = False
        return False

    def fly_to(self, lon: float, lat: float, zoom: float | None = None) -> None:
        """Centre the map on a WGS-84 place, at ``zoom`` if given."""
        self._fit_pending = False
        self.canvas.center_on(float(lon), float(lat), zoom)

    def flash(self, lon: float, lat: float) -> None:
        """Pulse rings on a place for a few seconds."""
        self.flasher.flash(lon, lat)

    def zoom_to_city(self) -> None:
        self._fit_pending = False
        self.canvas.zoom_home()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _cursor(self, lon: float, lat: float, gcj) -> None:
        text = self.tr("WGS-84 %1, %2").replace("%1", f"{lon:.5f}").replace("%2", f"{lat:.5f}")
        if gcj is not None:
            text += "   " + self.tr("GCJ-02 %1, %2").replace("%1", f"{gcj[0]:.5f}").replace("%2", f"{gcj[1]:.5f}")
        self._cursor_text = text
        self._show_scale()

    def scale_text(self) -> str:
        denominator = ground_resolution(self.canvas.view) / METRES_PER_PIXEL_96DPI
        step = 10 ** max(0, len(str(int(denominator))) - 2)
        return self.tr("Scale 1:%1").replace("%1", f"{round(denominator / step) * step:,}")

    def _show_scale(self) -> None:
        lbl = getattr(self.window, "lbl_cursor", None)
        if lbl is not None:
            lbl.setText("   ".join(t for t in (getattr(self, "_cursor_text", ""), self.scale_text()) if t))

    def _measured(self, kind: str, value: float, _points: list) -> None:
        if kind == "distance":
            text = self.tr("Distance: %1").replace("%1", format_length(value))
        else:
            text = self.tr("Area: %1").replace("%1", format_area(value))
        self.last_measure = text
        self._say(text, 30000)

    def _tool_changed(self, name: str) -> None:
        act = self.tool_actions.get(name)
        if act is not None and not act.isChecked():
            act.setChecked(True)

    def _say(self, text: str, ms: int = 10000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- selection and details ---------------------------------------------------------------------

    def _clicked(self, layer_id: str, feature_id) -> None:
        if feature_id is None:
            return
        if layer_id in LAYER_KINDS:
            self.show_details(layer_id, feature_id)
        self.feature_selected.emit(layer_id, feature_id)

    def select(self, layer_id: str, feature_id, lon: float | None = None, lat: float | None = None,
               zoom: float | None = FLY_ZOOM) -> None:
        """Fly to a feature, select it and tell every panel, as a click on it would."""
        if lon is None or lat is None:
            pos = self.city.position(layer_id, feature_id)
            if pos is not None:
                lon, lat = pos
        if layer_id == md.DISTRICTS and self.canvas.layer(layer_id) is not None:
            self.canvas.set_selection({layer_id: [feature_id]})
            self._fit_pending = False
            self.canvas.zoom_to_selection()
        elif lon is not None and lat is not None:
            self.fly_to(lon, lat, zoom)
        if self.canvas.layer(layer_id) is not None:
            self.canvas.set_selection({layer_id: [feature_id]})
        self.canvas.featureClicked.emit(layer_id, feature_id)

    def show_details(self, layer_id: str, feature_id) -> None:
        kind = LAYER_KINDS.get(layer_id)
        if kind is None:
            raise KeyError(f"the map has no details for layer {layer_id!r}")
        self._shown = (layer_id, feature_id)
        self._show_details_dock()
        name = self.city.label(KIND_LAYERS[kind], feature_id)
        self.details.show_message(self.tr("Reading %1…").replace("%1", name or str(feature_id)))
        self._read_details(layer_id, feature_id)

    def _read_details(self, layer_id: str, feature_id, quiet: bool = False) -> None:
        kind = LAYER_KINDS[layer_id]
        extras = [read for kinds, read in self._sections if kind in kinds]
        self.hub.run("map:details", _read_with_sections, kind, feature_id, self.clock(), extras,
                     on_done=partial(self._got_details, layer_id, feature_id, kind),
                     on_error=partial(self._details_failed, quiet))

    def _got_details(self, layer_id: str, feature_id, kind: str, result) -> None:
        if self._shown != (layer_id, feature_id):
            return
        data, sections = result
        details = self.text.build(kind, data, self.clock()).with_sections(sections)
        actions = [Action(self.tr("Zoom To"), ("zoom", layer_id, feature_id))]
        actions += [Action(title, ("extra", i, kind, feature_id))
                    for i, (kinds, title, _cb) in enumerate(self._detail_actions) if kind in kinds]
        self.details.set_details(Details(details.title, details.subtitle, details.badge, details.badge_colour,
                                         details.sections, tuple(actions) + details.actions))

    def _details_failed(self, quiet: bool, exc: BaseException) -> None:
        if not quiet:
            self.details.show_message(self.tr("Could not read the details: %1")
                                      .replace("%1", str(exc).splitlines()[0] if str(exc) else type(exc).__name__))

    def _details_action(self, key) -> None:
        if key[0] == "zoom":
            self.select(key[1], key[2])
        elif key[0] == "extra":
            _kinds, _title, callback = self._detail_actions[key[1]]
            callback(key[2], key[3])

    def _link(self, link) -> None:
        layer_id, feature_id = link
        self.select(layer_id, feature_id)

    def _box_selected(self, found: dict) -> None:
        """List what a Ctrl+drag box caught, per layer, in the details dock."""
        total = sum(len(ids) for ids in found.values())
        self._shown = None
        self._say(self.tr("%1 feature(s) selected").replace("%1", f"{total:,}"))
        if not total:
            return
        names = {layer.id: layer.name for layer in self.canvas.layers()}
        sections = []
        for layer_id, ids in found.items():
            rows = [Row(self.city.label(layer_id, fid) or str(fid), "", link=(layer_id, fid) if layer_id in LAYER_KINDS
                        else None) for fid in ids[:MAX_LISTED]]
            if len(ids) > MAX_LISTED:
                rows.append(Note(self.tr("… and %1 more").replace("%1", f"{len(ids) - MAX_LISTED:,}"), "muted"))
            sections.append(Section(f"{names.get(layer_id, layer_id)}: {len(ids):,}", tuple(rows)))
        self.details.set_details(Details(self.tr("Selection"), self.tr("%1 feature(s) in the box")
                                         .replace("%1", f"{total:,}"), sections=tuple(sections)))
        self._show_details_dock()

    def _show_details_dock(self) -> None:
        self.window.workspace.reveal("map_details")

    # --- extension points ----------------------------------------------------------------------

    def add_details_section(self, kinds, read: Callable) -> None:
        kinds = frozenset([kinds] if isinstance(kinds, str) else kinds)
        unknown = kinds - set(DETAILS_KINDS)
        if unknown:
            raise ValueError(f"unknown details kinds {sorted(unknown)}; use {', '.join(DETAILS_KINDS)}")
        self._sections.append((kinds, read))

    def add_details_action(self, kinds, title: str, callback: Callable) -> None:
        kinds = frozenset([kinds] if isinstance(kinds, str) else kinds)
        unknown = kinds - set(DETAILS_KINDS)
        if unknown:
            raise ValueError(f"unknown details kinds {sorted(unknown)}; use {', '.join(DETAILS_KINDS)}")
        self._detail_actions.append((kinds, title, callback))

    def add_context_action(self, title: str, callback: Callable, when: Callable | None = None) -> None:
        self._context_actions.append((title, callback, when))

    def _context_menu(self, menu, ctx: MapContext) -> None:
        if ctx.layer_id in LAYER_KINDS and ctx.feature_id is not None:
            menu.addSeparator()
            menu.addAction(self.tr("Details"), partial(self.select, ctx.layer_id, ctx.feature_id, zoom=None))
        district = self.city.area_at(md.DISTRICTS, ctx.lon, ctx.lat)
        if district is not None:
            name = self.city.label(md.DISTRICTS, district)
            menu.addAction(self.tr("About %1").replace("%1", name), partial(self.show_details, md.DISTRICTS, district))
        extra = [(title, cb) for title, cb, when in self._context_actions if when is None or when(ctx)]
        if extra:
            menu.addSeparator()
            for title, cb in extra:
                menu.addAction(title, partial(cb, ctx))

    # --- search ----------------------------------------------------------------------------------

    def _query(self, text: str) -> None:
        if not text:
            return
        self.hub.run("map:search", search, text, on_done=partial(self._suggest, text),
                     on_error=lambda exc: self._say(self.tr("Search failed: %1").replace("%1", str(exc).splitlines()[0])))

    def _suggest(self, text: str, hits: list[SearchHit]) -> None:
        self.search_box.set_suggestions(text, [Suggestion(h.title, self._hit_subtitle(h), h) for h in hits])

    def _hit_subtitle(self, h: SearchHit) -> str:
        kind = {"business": self.tr("Catering"), "market": self.tr("Market"), "zone": self.tr("Vendor zone"),
                "vehicle": self.tr("Vehicle"), "lab": self.tr("Test lab"), "camera": self.tr("Camera"),
                "district": self.tr("District")}.get(h.kind, h.kind)
        return f"{kind} · {h.detail}" if h.detail else kind

    def _search_chosen(self, s: Suggestion) -> None:
        h: SearchHit = s.data
        if h.lon is None or h.lat is None:
            self._say(self.tr("%1 has no position on the map").replace("%1", h.title))
        self.select(h.layer_id, h.id, h.lon, h.lat)
        self.canvas.setFocus()

    # --- the panel contract ---------------------------------------------------------------------

    def show_view(self, name: str) -> None:
        """Every view but the wall and camera views keeps the map in the centre."""
        if name not in ("wall", "cameras"):
            self.window.set_central(self.canvas)

    def close(self) -> None:
        self._zone_clock.stop()
        lon, lat = self.canvas.to_wgs84(self.canvas.view.cx, self.canvas.view.cy)
        self.settings.setValue(VIEW_SETTING, f"{float(lon):.6f},{float(lat):.6f},{self.canvas.view.zoom:.3f}")
        self.canvas.set_basemap(None)  # stops tile fetching


def _read_with_sections(db, kind: str, feature_id, now: datetime, extras: list[Callable]):
    """The feature's details and the sections other panels add (one failing adds a note)."""
    data = read_details(db, kind, feature_id, now)
    sections = []
    for read in extras:
        try:
            got = read(db, kind, feature_id)
        except Exception as exc:  # another panel's section must not cost the user the details
            log.warning("a details section failed: %s", exc)
            continue
        if got is None:
            continue
        sections.extend(got if isinstance(got, (list, tuple)) else [got])
    return data, sections


def install(window) -> MapPanel:
    return MapPanel(window)
