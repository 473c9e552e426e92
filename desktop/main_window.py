"""The main window: the map in the centre, docks around it, menus, toolbar and a status bar
that says which database is in use, what it holds, and whether it is reachable."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop import theme
from desktop.hub import DataHub
from desktop.panels import PANEL_MODULES
from desktop.workspace import DEFAULT_VIEW, VIEWS, Workspace


class MainWindow(QMainWindow):
    theme_changed = Signal(str)

    def __init__(self, hub: DataHub, settings: QSettings, wall: bool = False):
        super().__init__()
        self.hub = hub
        self.settings = settings
        self.wall = wall
        self.dock_actions: dict[str, QAction] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.menus: dict[str, object] = {}
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Food Safety Command Center"))
        self.setDockNestingEnabled(True)
        self.central = QStackedWidget(self)
        self.setCentralWidget(self.central)
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        hub.counts_changed.connect(self._show_counts)
        hub.connection_changed.connect(self._show_connection)
        hub.outbox_changed.connect(self._show_outbox)
        self.panels = []
        self.workspace = Workspace(self)
        for name in PANEL_MODULES:
            self.panels.append(importlib.import_module(name).install(self))
        self.workspace.arrange()
        self.show_view(DEFAULT_VIEW)

    # -- building --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        m_file = bar.addMenu(self.tr("&File"))
        m_view = bar.addMenu(self.tr("&View"))
        m_data = bar.addMenu(self.tr("&Data"))
        m_tools = bar.addMenu(self.tr("&Tools"))
        m_help = bar.addMenu(self.tr("&Help"))
        self.menus = {"file": m_file, "view": m_view, "data": m_data, "tools": m_tools, "help": m_help}

        self.act_screenshot = QAction(self.tr("Save &Screenshot…"), self, shortcut=QKeySequence("Ctrl+Shift+S"),
                                      triggered=self._save_screenshot)
        self.act_quit = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        m_file.addAction(self.act_screenshot)
        m_file.addSeparator()
        self.file_end = m_file.addSeparator()
        m_file.addAction(self.act_quit)

        self.act_refresh = QAction(self.tr("&Refresh"), self, shortcut=QKeySequence("F5"),
                                   triggered=self.hub.refresh_counts)
        m_data.addAction(self.act_refresh)

        self.act_dark = QAction(self.tr("&Dark Theme"), self, checkable=True, shortcut=QKeySequence("Ctrl+Shift+D"),
                                toggled=lambda on: self.set_theme("dark" if on else "light"))
        self.act_fullscreen = QAction(self.tr("&Full Screen"), self, checkable=True, shortcut=QKeySequence("F11"),
                                      toggled=self._set_fullscreen)
        m_view.addAction(self.act_dark)
        m_view.addAction(self.act_fullscreen)
        m_view.addSeparator()
        self.views_menu = m_view.addMenu(self.tr("&Views"))
        self.view_group = QActionGroup(self)
        self.view_actions: dict[str, QAction] = {}
        names = {"map": self.tr("&Map"), "alerts": self.tr("&Alerts"), "tests": self.tr("&Rapid Tests"),
                 "cameras": self.tr("&Cameras"), "wall": self.tr("Video &Wall")}
        for i, name in enumerate(VIEWS, start=1):
            act = QAction(names.get(name, name), self, checkable=True, shortcut=QKeySequence(f"Ctrl+{i}"),
                          triggered=lambda _checked=False, n=name: self.show_view(n))
            self.view_group.addAction(act)
            self.views_menu.addAction(act)
            self.view_actions[name] = act
        self.docks_menu = m_view.addMenu(self.tr("&Panels"))

        m_help.addAction(QAction(self.tr("&About"), self, triggered=self._about))

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar.setObjectName("MainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.addAction(self.act_refresh)

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.lbl_synthetic = QLabel(self.tr("Demo data (synthetic)"), objectName="SyntheticBadge")
        self.lbl_synthetic.setVisible(False)
        self.lbl_counts = QLabel("")
        self.lbl_cursor = QLabel("")
        self.lbl_db = QLabel(self.hub.db.display_url())
        self.lbl_db.setToolTip(self.tr("Database in use"))
        self.lbl_conn = QLabel(self.tr("Connected"), objectName="OnlineBadge")
        self.lbl_outbox = QLabel("")
        self.lbl_user = QLabel(self.tr("User: %1 (%2)").replace("%1", self.hub.actor.username)
                               .replace("%2", self.role_name(self.hub.actor.role)))
        sb.addWidget(self.lbl_synthetic)
        sb.addWidget(self.lbl_counts, 1)
        sb.addPermanentWidget(self.lbl_cursor)
        sb.addPermanentWidget(self.lbl_outbox)
        sb.addPermanentWidget(self.lbl_user)
        sb.addPermanentWidget(self.lbl_conn)
        sb.addPermanentWidget(self.lbl_db)

    def role_name(self, role: str) -> str:
        return {"operator": self.tr("operator"), "inspector": self.tr("inspector"),
                "supervisor": self.tr("supervisor"), "analyst": self.tr("analyst"),
                "admin": self.tr("administrator")}.get(role, role)

    # -- docks ------------------------------------------------------------------------------------
    def add_dock(self, name: str, title: str, widget: QWidget, area=Qt.DockWidgetArea.RightDockWidgetArea,
                 visible: bool = True) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        dock.setVisible(visible)
        self.docks[name] = dock
        act = QAction(title, self, checkable=True, checked=visible)
        act.triggered.connect(lambda _checked=False, n=name: self.toggle_dock(n))
        dock.visibilityChanged.connect(act.setChecked)  # false too while another tab is in front
        dock.windowTitleChanged.connect(act.setText)
        self.dock_actions[name] = act
        self.docks_menu.addAction(act)
        return dock

    def toggle_dock(self, name: str) -> None:
        """A panel's menu entry: put it away if it is in front, else bring it forward (with its tab
        group); a panel behind another tab is not closed by asking for it."""
        dock = self.docks[name]
        in_front = dock.isVisible() and not dock.visibleRegion().isEmpty()
        if in_front:
            dock.hide()
        else:
            self.workspace.reveal(name)
        self.dock_actions[name].setChecked(not in_front)

    def show_view(self, name: str) -> None:
        """A named view (map, wall, alerts, cameras, tests): each panel prepares its content, the
        workspace shows the docks the view needs."""
        for panel in self.panels:
            show = getattr(panel, "show_view", None)
            if show:
                show(name)
        self.workspace.show(name)
        act = self.view_actions.get(name)
        if act is not None:
            act.setChecked(True)

    def set_central(self, widget: QWidget) -> None:
        self.central.addWidget(widget)
        self.central.setCurrentWidget(widget)

    # -- state ------------------------------------------------------------------------------------
    def _show_counts(self, c: dict) -> None:
        self.lbl_synthetic.setVisible(bool(c.get("synthetic")))
        parts = [
            self.tr("Markets %1").replace("%1", f"{c.get('markets', 0):,}"),
            self.tr("Vendor zones %1").replace("%1", f"{c.get('zones', 0):,}"),
            self.tr("Stalls %1").replace("%1", f"{c.get('stalls', 0):,}"),
            self.tr("Catering units %1").replace("%1", f"{c.get('businesses', 0):,}"),
            self.tr("Cameras %1").replace("%1", f"{c.get('cameras', 0):,}"),
            self.tr("Vehicles %1").replace("%1", f"{c.get('vehicles', 0):,}"),
            self.tr("Open alerts %1").replace("%1", f"{c.get('open_alerts', 0):,}"),
        ]
        self.lbl_counts.setText("   ".join(parts))

    def _show_connection(self, online: bool, message: str) -> None:
        if online:
            self.lbl_conn.setObjectName("OnlineBadge")
            self.lbl_conn.setText(self.tr("Connected"))
            self.lbl_conn.setToolTip("")
        else:
            self.lbl_conn.setObjectName("OfflineBadge")
            self.lbl_conn.setText(self.tr("Database unreachable: showing the last state, retrying"))
            self.lbl_conn.setToolTip(message)
        self.lbl_conn.style().unpolish(self.lbl_conn)
        self.lbl_conn.style().polish(self.lbl_conn)

    def _show_outbox(self, n: int) -> None:
        self.lbl_outbox.setText(self.tr("%1 change(s) waiting to be saved").replace("%1", str(n)) if n else "")

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        theme.apply(app, name, large=self.wall)
        self.act_dark.blockSignals(True)
        self.act_dark.setChecked(name == "dark")
        self.act_dark.blockSignals(False)
        self.settings.setValue("ui/theme", name)
        self.theme_changed.emit(name)

    def _set_fullscreen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def restore_layout(self) -> None:
        geo = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
        view = self.settings.value("window/view")
        if view in VIEWS and view != self.workspace.view:
            self.show_view(str(view))  # the centre (map or wall) first; the docks as they were left
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/view", self.workspace.view)
        for panel in self.panels:
            close = getattr(panel, "close", None)
            if close:
                close()
        self.hub.close()
        super().closeEvent(event)

    # -- actions ----------------------------------------------------------------------------------
    def _save_screenshot(self) -> None:
        if self.wall:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Screenshot"), "shian.png", "PNG (*.png)")
        if path:
            self.grab().save(path)

    def _about(self) -> None:
        if self.wall:
            return
        QMessageBox.about(self, self.tr("About"), self.tr(
            "Food Safety Command Center\nMarkets, rapid tests, kitchen cameras, banquet trucks and ratings on one map."))
