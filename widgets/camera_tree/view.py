"""The camera tree dock: find a camera by district, business or name, see which are offline, drag
cameras (or a whole business) onto the wall, or press Enter to open them there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from widgets.camera_tree.model import CAMERAS_ROLE, CameraEntry, CameraTreeModel
from widgets.video_wall.source import CameraRef


class CameraTree(QWidget):
    camerasActivated = Signal(list)  # [CameraRef]: open these on the wall
    currentChanged = Signal(list)  # [CameraRef] under the current row (the carousel's pool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CameraTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.search = QLineEdit(self, placeholderText=self.tr("Find a camera, business or district…"),
                                clearButtonEnabled=True)
        self.count = QLabel("")
        self.hint = QLabel(self.tr("Drag cameras onto the wall, or press Enter"))
        self.hint.setObjectName("MutedLabel")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.hint)
        self._typing = QTimer(self, singleShot=True, interval=250,
                              timeout=lambda: self._filter(self.search.text()))  # filter once typing pauses
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.tree.doubleClicked.connect(lambda idx: self._activate([idx]))
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self.currentChanged.emit(
            self.proxy.data(cur, CAMERAS_ROLE) or []))
        self.tree.installEventFilter(self)

    def set_cameras(self, entries: list[CameraEntry]) -> None:
        self.model.set_cameras(entries)
        if self.search.text():
            self._filter(self.search.text())
        self._count()

    def set_state(self, camera_id: int, state: str) -> None:
        self.model.set_state(camera_id, state)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip() and self._shown_rows() < 500:
            self.tree.expandAll()  # a narrow search shows its cameras at once
        self._count()

    def _shown_rows(self) -> int:
        n, stack = 0, [self.tree.rootIndex()]
        while stack:
            idx = stack.pop()
            rows = self.proxy.rowCount(idx)
            n += rows
            if n >= 500:
                break
            stack.extend(self.proxy.index(r, 0, idx) for r in range(rows))
        return n

    def _count(self) -> None:
        self.count.setText(self.tr("%1 cameras").replace("%1", f"{self.model.camera_count():,}"))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.tree and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                                          Qt.Key.Key_Enter):
            self._activate(self.tree.selectionModel().selectedIndexes() or [self.tree.currentIndex()])
            return True
        return super().eventFilter(obj, event)

    def _activate(self, indexes) -> None:
        cams: list[CameraRef] = []
        seen: set[int] = set()
        for idx in indexes:
            for c in self.proxy.data(idx, CAMERAS_ROLE) or []:
                if c.id not in seen:
                    seen.add(c.id)
                    cams.append(c)
        if cams:
            self.camerasActivated.emit(cams)

    def current_cameras(self) -> list[CameraRef]:
        return self.proxy.data(self.tree.currentIndex(), CAMERAS_ROLE) or []

    def _clear_search(self) -> None:
        """A camera picked from elsewhere must be findable in the tree whatever was typed."""
        if self.search.text():
            self.search.clear()
            self._typing.stop()
            self._filter("")

    def select_camera(self, camera_id: int) -> bool:
        """Show a camera in the tree (its business expanded) and make it current."""
        src = self.model.index_of_camera(camera_id)
        if not src.isValid():
            return False
        self._clear_search()
        idx = self.proxy.mapFromSource(src)
        self.tree.scrollTo(idx)
        self.tree.setCurrentIndex(idx)
        return True

    def select_business(self, business_id: int) -> bool:
        src = self.model.index_of_business(business_id)
        if not src.isValid():
            return False
        self._clear_search()
        idx = self.proxy.mapFromSource(src)
        self.tree.expand(idx)
        self.tree.scrollTo(idx)
        self.tree.setCurrentIndex(idx)
        return True
