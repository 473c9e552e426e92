"""The cameras of the city as a tree: district → business → camera, ten thousand rows cheaply.

Plain Python nodes in one list; the Qt model only answers for the rows on screen. Cameras and
whole businesses or districts are dragged onto the video wall as the cameras they hold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from widgets.video_wall.source import CAMERA_MIME, CameraRef, cameras_mime

STATE_COLOURS = {"online": QColor("#16a34a"), "stalled": QColor("#d97706"), "offline": QColor("#dc2626"),
                 "unknown": QColor("#94a3b8")}
CAMERAS_ROLE = Qt.ItemDataRole.UserRole + 1  # list[CameraRef] under a row
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "district", "business", "camera"
ID_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class CameraEntry:
    """One camera as the tree shows it; ``detail`` is the tooltip (the caller masks any password)."""

    id: int
    name: str
    area: str
    state: str
    business_id: int | None
    business: str
    district: str
    detail: str = ""

    def ref(self) -> CameraRef:
        return CameraRef(self.id, self.name, self.detail)


class _Node:
    __slots__ = ("children", "entry", "id", "kind", "label", "num", "offline", "parent", "row", "total")

    def __init__(self, kind: str, label: str, parent: _Node | None, num: int, ident=None,
                 entry: CameraEntry | None = None):
        self.kind, self.label, self.parent, self.num, self.id, self.entry = kind, label, parent, num, ident, entry
        self.children: list[_Node] = []
        self.row = len(parent.children) if parent is not None else 0
        self.total = self.offline = 0
        if parent is not None:
            parent.children.append(self)

    def cameras(self) -> list[CameraRef]:
        if self.entry is not None:
            return [self.entry.ref()]
        out: list[CameraRef] = []
        for c in self.children:
            out.extend(c.cameras())
        return out


class CameraTreeModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self.root = self._new("root", "", None)
        self.by_camera: dict[int, _Node] = {}
        self.by_business: dict[int, _Node] = {}

    def _new(self, kind: str, label: str, parent: _Node | None, ident=None, entry=None) -> _Node:
        node = _Node(kind, label, parent, len(self._nodes), ident, entry)
        self._nodes.append(node)
        return node

    def set_cameras(self, entries: list[CameraEntry]) -> None:
        self.beginResetModel()
        self._nodes = []
        self.root = self._new("root", "", None)
        self.by_camera, self.by_business = {}, {}
        districts: dict[str, _Node] = {}
        ordered = sorted(entries, key=lambda e: (e.district or "~", e.business, e.business_id or 0, e.id))
        for e in ordered:
            d = districts.get(e.district)
            if d is None:
                d = districts[e.district] = self._new("district", e.district or self.tr("No district"), self.root,
                                                      e.district)
            key = e.business_id if e.business_id is not None else -e.id
            b = self.by_business.get(key)
            if b is None or b.parent is not d:
                b = self.by_business[key] = self._new("business", e.business or self.tr("No business"), d,
                                                      e.business_id)
            cam = self._new("camera", e.area or e.name, b, e.id, e)
            self.by_camera[e.id] = cam
            offline = e.state == "offline"
            for n in (b, d, self.root):
                n.total += 1
                n.offline += offline
        self.endResetModel()

    def set_state(self, camera_id: int, state: str) -> None:
        node = self.by_camera.get(camera_id)
        if node is None or node.entry is None or node.entry.state == state:
            return
        was = node.entry.state == "offline"
        node.entry = replace(node.entry, state=state)
        delta = (state == "offline") - was
        p = node.parent
        while p is not None:
            p.offline += delta
            p = p.parent
        idx = self.createIndex(node.row, 0, node.num)
        self.dataChanged.emit(idx, idx)

    # --- the Qt model ---------------------------------------------------------------------------

    def _node(self, index: QModelIndex) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self.root

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        p = self._node(parent)
        if column != 0 or not 0 <= row < len(p.children):
            return QModelIndex()
        return self.createIndex(row, 0, p.children[row].num)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's signature
        if not index.isValid():
            return QModelIndex()
        p = self._nodes[index.internalId()].parent
        if p is None or p is self.root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p.num)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        n = self._nodes[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            if n.kind == "camera":
                return n.label
            text = f"{n.label} ({n.total:,})"
            if n.offline:
                text += " · " + self.tr("%1 offline").replace("%1", f"{n.offline:,}")
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if n.entry is not None:
                return f"{n.entry.name}\n{n.entry.detail}".strip()
            return n.label
        if role == Qt.ItemDataRole.DecorationRole:
            if n.entry is not None:
                return STATE_COLOURS.get(n.entry.state, STATE_COLOURS["unknown"])
            return None
        if role == Qt.ItemDataRole.ForegroundRole and n.kind != "camera" and n.offline == n.total and n.total:
            return QColor("#dc2626")
        if role == CAMERAS_ROLE:
            return n.cameras()
        if role == KIND_ROLE:
            return n.kind
        if role == ID_ROLE:
            return n.id
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def mimeData(self, indexes):
        cams: list[CameraRef] = []
        seen: set[int] = set()
        for idx in indexes:
            for c in self._node(idx).cameras():
                if c.id not in seen:
                    seen.add(c.id)
                    cams.append(c)
        return cameras_mime(cams)

    def supportedDragActions(self):
        return Qt.DropAction.CopyAction

    def index_of_camera(self, camera_id: int) -> QModelIndex:
        node = self.by_camera.get(camera_id)
        return self.createIndex(node.row, 0, node.num) if node is not None else QModelIndex()

    def index_of_business(self, business_id: int) -> QModelIndex:
        node = self.by_business.get(business_id)
        return self.createIndex(node.row, 0, node.num) if node is not None else QModelIndex()

    def cameras_of_business(self, business_id: int) -> list[CameraRef]:
        node = self.by_business.get(business_id)
        return node.cameras() if node is not None else []

    def camera(self, camera_id: int) -> CameraEntry | None:
        node = self.by_camera.get(camera_id)
        return node.entry if node is not None else None

    def camera_count(self) -> int:
        return self.root.total
