"""The wall with its toolbar: layouts (1, 4, 9, 16, one large), saved layouts, the carousel,
snapshots. Saving a layout asks for its name in the toolbar itself, never in a dialog, so it works
on a wall display."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.video_wall.layouts import PRESETS
from widgets.video_wall.source import CameraRef, SourceProvider
from widgets.video_wall.wall import VideoWall

SAVED_KEY = "video_wall/saved_layouts"


class VideoWallView(QWidget):
    message = Signal(str)

    def __init__(self, provider: SourceProvider | None = None, settings=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.wall = VideoWall(provider, self)
        self.carousel_pool: Callable[[], list[CameraRef] | None] = lambda: None  # None: the wall's own cameras
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.layout_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for name in PRESETS:
            act = QAction(name, self, checkable=True)
            act.setToolTip(self.tr("%1 tiles").replace("%1", name))
            act.triggered.connect(lambda _c=False, n=name: self.wall.set_layout(n))
            group.addAction(act)
            self.toolbar.addAction(act)
            self.layout_actions[name] = act
        self.toolbar.addSeparator()
        self.saved_menu = QMenu(self.tr("Saved layouts"), self)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        saved_button = QToolButton(self)
        saved_button.setText(self.tr("Layouts"))
        saved_button.setMenu(self.saved_menu)
        saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(saved_button)
        self.name_edit = QLineEdit(self, placeholderText=self.tr("Name of this layout, Enter to save"))
        self.name_edit.setMaximumWidth(220)
        self.name_action = self.toolbar.addWidget(self.name_edit)
        self.name_action.setVisible(False)
        self.toolbar.addSeparator()
        self.carousel_action = QAction(self.tr("Carousel"), self, checkable=True)
        self.carousel_action.setToolTip(self.tr("Cycle the cameras page by page"))
        self.carousel_action.toggled.connect(self._carousel_toggled)
        self.toolbar.addAction(self.carousel_action)
        self.seconds = QSpinBox(self, minimum=2, maximum=600, value=10, suffix=self.tr(" s"))
        self.seconds.setToolTip(self.tr("Seconds per page"))
        self.toolbar.addWidget(self.seconds)
        self.toolbar.addSeparator()
        self.snapshot_action = QAction(self.tr("Snapshot"), self)
        self.snapshot_action.setToolTip(self.tr("Save the selected tile's picture"))
        self.snapshot_action.triggered.connect(lambda: self.wall.save_snapshot(self.wall.selected))
        self.toolbar.addAction(self.snapshot_action)
        self.status = QLabel("")
        self.status.setObjectName("VideoWallStatus")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.status)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.wall, 1)

        self.name_edit.returnPressed.connect(self._save_named)
        self.name_edit.installEventFilter(self)
        self.wall.layoutChanged.connect(self._layout_changed)
        self.wall.carouselChanged.connect(self._carousel_changed)
        self.wall.message.connect(self._say)
        self._layout_changed(self.wall.spec.name)

    # --- layouts --------------------------------------------------------------------------------

    def _layout_changed(self, name: str) -> None:
        for n, act in self.layout_actions.items():
            act.setChecked(n == name)

    def _fill_saved_menu(self) -> None:
        m = self.saved_menu
        m.clear()
        names = self.wall.saved_layouts(self.settings, SAVED_KEY) if self.settings is not None else []
        for name in names:
            m.addAction(name, lambda n=name: self.load(n))
        if names:
            delete = m.addMenu(self.tr("Delete"))
            for name in names:
                delete.addAction(name, lambda n=name: self.delete(n))
            m.addSeparator()
        save = m.addAction(self.tr("Save This Layout…"), self.ask_name)
        save.setEnabled(self.settings is not None)

    def ask_name(self) -> None:
        self.name_action.setVisible(True)
        self.name_edit.clear()
        self.name_edit.setFocus()

    def _save_named(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self._say(self.tr("Type a name for the layout"))
            return
        self.save(name)
        self.name_action.setVisible(False)
        self.wall.setFocus()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.name_edit and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.name_action.setVisible(False)
            self.wall.setFocus()
            return True
        return super().eventFilter(obj, event)

    def save(self, name: str) -> None:
        self.wall.save_layout(self.settings, SAVED_KEY, name)
        self._say(self.tr("Layout “%1” saved").replace("%1", name.strip()))

    def load(self, name: str) -> None:
        try:
            self.wall.load_layout(self.settings, SAVED_KEY, name)
        except ValueError as exc:
            self._say(str(exc))
            return
        self._say(self.tr("Layout “%1”").replace("%1", name))

    def delete(self, name: str) -> None:
        self.wall.delete_layout(self.settings, SAVED_KEY, name)
        self._say(self.tr("Layout “%1” deleted").replace("%1", name))

    # --- carousel -------------------------------------------------------------------------------

    def _carousel_toggled(self, on: bool) -> None:
        if on and not self.wall.carousel_running:
            self.wall.start_carousel(self.carousel_pool(), float(self.seconds.value()))
            if not self.wall.carousel_running:
                self.carousel_action.setChecked(False)
        elif not on:
            self.wall.stop_carousel()

    def _carousel_changed(self, running: bool) -> None:
        self.carousel_action.blockSignals(True)
        self.carousel_action.setChecked(running)
        self.carousel_action.blockSignals(False)
        self.seconds.setEnabled(not running)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)
