"""View → Basemap: the offline map (the default, needs no network), OpenStreetMap, Tianditu (its
key from settings), AMap (GCJ-02: vector layers shift while it is on), or a local MBTiles file.

The choice is kept in the settings and restored without asking anything. A provider that fails
leaves the map responsive: the status bar says so and the offline land fills come back under
whatever tiles are still in memory. On a wall display nothing opens a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit

from core.db.engine import data_dir
from gis.tiles import MBTilesError, amap, mbtiles, openstreetmap, tianditu
from gis.tiles.sources import Basemap

CHOICES = ("offline", "osm", "tianditu", "amap", "mbtiles")
KEY_SETTING = "map/tianditu_key"
MBTILES_SETTING = "map/mbtiles"
CHOICE_SETTING = "map/basemap"


class Basemaps(QObject):
    changed = Signal(str)  # the choice now shown

    def __init__(self, window, canvas, city, menu):
        super().__init__(window)
        self.window = window
        self.canvas = canvas
        self.city = city
        self.settings = window.settings
        self.choice = "offline"
        self.name = ""
        self.label = QLabel("")
        self.label.setObjectName("BasemapStatus")
        window.statusBar().addPermanentWidget(self.label)
        self.group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        titles = {"offline": self.tr("&Offline Map (Districts)"), "osm": self.tr("&OpenStreetMap"),
                  "tianditu": self.tr("&Tianditu"), "amap": self.tr("&AMap (GCJ-02)"), "mbtiles": self.tr("Local &MBTiles File…")}
        for choice in CHOICES:
            act = QAction(titles[choice], self, checkable=True)
            act.triggered.connect(lambda _on=False, c=choice: self.choose(c, ask=True))
            self.group.addAction(act)
            menu.addAction(act)
            self.actions[choice] = act
        menu.addSeparator()
        self.key_action = QAction(self.tr("Tianditu &Key…"), self, triggered=self.ask_key)
        menu.addAction(self.key_action)
        self.open_action = QAction(self.tr("Open MBTiles &File…"), self, triggered=lambda: self.choose("mbtiles", ask=True,
                                                                                                 new_file=True))
        menu.addAction(self.open_action)
        for act in (self.key_action, self.open_action):
            act.setEnabled(not window.wall)
        canvas.basemapStatusChanged.connect(self._status)

    def restore(self) -> None:
        """The choice saved last time, asking nothing; the offline map if it cannot be had."""
        saved = str(self.settings.value(CHOICE_SETTING) or "offline")
        if not self.choose(saved if saved in CHOICES else "offline", ask=False):
            self.choose("offline", ask=False)

    # --- choosing ---------------------------------------------------------------------------

    def choose(self, choice: str, *, ask: bool = False, new_file: bool = False) -> bool:
        """Show ``choice``; False (and the previous basemap kept) if it cannot be shown."""
        if choice not in CHOICES:
            raise ValueError(f"unknown basemap {choice!r}; use one of {', '.join(CHOICES)}")
        ask = ask and not self.window.wall
        try:
            basemap = self._basemap(choice, ask, new_file)
        except (ValueError, MBTilesError, OSError) as exc:
            self._say(self.tr("Basemap not changed: %1").replace("%1", str(exc)))
            self._recheck()
            return False
        if basemap is None and choice != "offline":  # the user cancelled a dialog
            self._recheck()
            return False
        self.use(basemap, choice)
        return True

    def _recheck(self) -> None:
        act = self.actions.get(self.choice)
        if act is not None:
            act.setChecked(True)

    def _basemap(self, choice: str, ask: bool, new_file: bool) -> Basemap | None:
        if choice == "offline":
            return None
        if choice == "osm":
            return openstreetmap()
        if choice == "amap":
            return amap()
        if choice == "tianditu":
            key = str(self.settings.value(KEY_SETTING) or "")
            if not key and ask:
                key = self.ask_key(apply=False) or ""
            if not key:
                if ask:
                    return None
                raise ValueError(self.tr("Tianditu needs a key (View → Basemap → Tianditu Key…)"))
            return tianditu(key)
        path = "" if new_file else str(self.settings.value(MBTILES_SETTING) or "")
        if not path and ask:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open MBTiles File"), "",
                                                  self.tr("MBTiles (*.mbtiles);;All files (*)"))
        if not path:
            if ask:
                return None
            raise ValueError(self.tr("no MBTiles file chosen"))
        basemap = mbtiles(path)  # raises MBTilesError for a file that is not one
        self.settings.setValue(MBTILES_SETTING, path)
        return basemap

    def use(self, basemap: Basemap | None, choice: str | None = None) -> None:
        """Put ``basemap`` under the layers (None: the offline map). A ``choice`` from CHOICES is
        remembered for the next start; any other basemap (a site's own tile server) is not."""
        self.choice = choice or ("offline" if basemap is None else basemap.id)
        self.name = basemap.name if basemap is not None else ""
        self.canvas.set_basemap(basemap, cache_dir=data_dir() / "tiles" if basemap is not None else None)
        self.city.set_raster_basemap(basemap is not None)
        if self.choice in CHOICES:
            self.settings.setValue(CHOICE_SETTING, self.choice)
            self.actions[self.choice].setChecked(True)
        else:
            checked = self.group.checkedAction()
            if checked is not None:
                checked.setChecked(False)
        self._show_ok()
        self.changed.emit(self.choice)

    def ask_key(self, apply: bool = True) -> str | None:
        """Ask for the Tianditu key (kept in the settings); with ``apply``, switch to Tianditu."""
        if self.window.wall:
            return None
        old = str(self.settings.value(KEY_SETTING) or "")
        key, ok = QInputDialog.getText(self.window, self.tr("Tianditu Key"),
                                       self.tr("Tianditu API key (from console.tianditu.gov.cn):"),
                                       QLineEdit.EchoMode.Normal, old)
        key = key.strip()
        if not ok or not key:
            return None
        try:
            tianditu(key)  # validates the form of the key
        except ValueError as exc:
            self._say(self.tr("Basemap not changed: %1").replace("%1", str(exc)))
            return None
        self.settings.setValue(KEY_SETTING, key)
        if apply:
            self.choose("tianditu")
        return key

    # --- status ---------------------------------------------------------------------------------

    def _show_ok(self) -> None:
        if self.name:
            self.label.setText(self.tr("Basemap: %1").replace("%1", self.name))
        else:
            self.label.setText(self.tr("Basemap: offline"))
        self.label.setStyleSheet("")
        self.label.setToolTip("")

    def _status(self, ok: bool, reason: str) -> None:
        if self.canvas.tile_layer is None:
            return
        self.city.set_raster_basemap(ok)
        if ok:
            self._show_ok()
            return
        self.label.setText(self.tr("Basemap %1 unavailable: showing the offline map").replace("%1", self.name))
        self.label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.label.setToolTip(reason)
        self._say(self.tr("Basemap %1 unavailable (%2); the map keeps working offline")
                  .replace("%1", self.name).replace("%2", reason))

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    @property
    def message(self) -> str:
        """What the status bar says about the basemap."""
        return self.label.text()
