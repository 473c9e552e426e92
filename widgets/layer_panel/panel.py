"""The layer tree: groups of layers with visibility boxes, legend swatches and drag to reorder.

The tree lists layers top to bottom as they are drawn (the top row is drawn last, on top). It
binds to a ``MapCanvas``: ticking a box shows or hides the layer, dragging a row reorders the
map. Its whole state (groups, order, visibility, opacity, which groups are open) is a plain dict
the application stores and gives back next time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from widgets.map_canvas.canvas import MapCanvas
from widgets.map_canvas.layer import MapLayer

STATE_VERSION = 1
_KIND = Qt.ItemDataRole.UserRole
_ID = Qt.ItemDataRole.UserRole + 1
GROUP, LAYER, LEGEND = "group", "layer", "legend"


def drop_allowed(dragged: str, target: str | None, position: str) -> bool:
    """May a ``dragged`` row (group/layer) be dropped ``position`` ("on", "above", "below",
    "viewport") relative to a ``target`` row (group/layer/legend, None for empty space)?

    Layers go into groups or beside other layers; groups stay at the top level.
    """
    if dragged == LEGEND or target == LEGEND:
        return False
    if dragged == LAYER:
        return not (target == LAYER and position == "on")
    if dragged == GROUP:
        return position == "viewport" or (target == GROUP and position in ("above", "below"))
    return False


class _Tree(QTreeWidget):
    moved = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setIndentation(16)

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        pos = {QAbstractItemView.DropIndicatorPosition.OnItem: "on",
               QAbstractItemView.DropIndicatorPosition.AboveItem: "above",
               QAbstractItemView.DropIndicatorPosition.BelowItem: "below",
               QAbstractItemView.DropIndicatorPosition.OnViewport: "viewport"}[self.dropIndicatorPosition()]
        kind = dragged.data(0, _KIND) if dragged else None
        tkind = target.data(0, _KIND) if target else None
        if dragged is None or not drop_allowed(kind, tkind, pos if target else "viewport"):
            event.ignore()
            return
        super().dropEvent(event)
        self.moved.emit()


class LayerPanel(QWidget):
    visibilityChanged = Signal(str, bool)  # layer id, shown on the map
    opacityChanged = Signal(str, float)
    orderChanged = Signal(list)  # layer ids, bottom to top (the map's drawing order)
    zoomToLayerRequested = Signal(str)
    stateChanged = Signal(dict)  # any change the application may want to persist

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = _Tree(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tree)
        self._canvas: MapCanvas | None = None
        self._updating = False
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.moved.connect(self._order_changed)
        self.tree.itemExpanded.connect(lambda _i: self._emit_state())
        self.tree.itemCollapsed.connect(lambda _i: self._emit_state())
        self.tree.customContextMenuRequested.connect(self._menu)

    # --- building --------------------------------------------------------------------------

    def bind(self, canvas: MapCanvas, groups: dict[str, str] | None = None) -> None:
        """Show the canvas's layers, grouped by ``groups`` (layer id → group title; others
        ungrouped), and keep the map in step with the tree."""
        self._canvas = canvas
        self._updating = True
        self.tree.clear()
        groups = groups or {}
        group_items: dict[str, QTreeWidgetItem] = {}
        for layer in reversed(canvas.layers()):  # top of the map first
            title = groups.get(layer.id)
            parent = None
            if title:
                parent = group_items.get(title)
                if parent is None:
                    parent = group_items[title] = self._group_item(title)
            self._layer_item(layer, parent)
            layer.propertiesChanged.connect(self._layer_properties_changed)
        self.tree.expandAll()
        self._updating = False

    def _group_item(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        item.setData(0, _KIND, GROUP)
        item.setData(0, _ID, title)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
        item.setCheckState(0, Qt.CheckState.Checked)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        self.tree.addTopLevelItem(item)
        return item

    def _layer_item(self, layer: MapLayer, parent: QTreeWidgetItem | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([layer.name])
        item.setData(0, _KIND, LAYER)
        item.setData(0, _ID, layer.id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDragEnabled)
        item.setCheckState(0, Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._fill_legend(item, layer)
        return item

    @staticmethod
    def _fill_legend(item: QTreeWidgetItem, layer: MapLayer) -> None:
        item.takeChildren()
        for entry in layer.legend():
            child = QTreeWidgetItem([entry.label])
            child.setIcon(0, entry.icon)
            child.setData(0, _KIND, LEGEND)
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.addChild(child)

    # --- queries -----------------------------------------------------------------------------

    def _items(self, kind: str) -> list[QTreeWidgetItem]:
        out = []

        def walk(item: QTreeWidgetItem):
            if item.data(0, _KIND) == kind:
                out.append(item)
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out

    def layer_item(self, layer_id: str) -> QTreeWidgetItem | None:
        return next((it for it in self._items(LAYER) if it.data(0, _ID) == layer_id), None)

    def group_item(self, title: str) -> QTreeWidgetItem | None:
        return next((it for it in self._items(GROUP) if it.data(0, _ID) == title), None)

    def order(self) -> list[str]:
        """Layer ids bottom to top, as the map draws them."""
        return [it.data(0, _ID) for it in reversed(self._items(LAYER))]

    def _shown(self, item: QTreeWidgetItem) -> bool:
        parent = item.parent()
        group_on = parent is None or parent.checkState(0) == Qt.CheckState.Checked
        return group_on and item.checkState(0) == Qt.CheckState.Checked

    # --- changes -----------------------------------------------------------------------------

    def _apply_visibility(self, item: QTreeWidgetItem) -> None:
        lid = item.data(0, _ID)
        shown = self._shown(item)
        layer = self._canvas.layer(lid) if self._canvas else None
        if layer is not None and layer.visible != shown:
            layer.set_visible(shown)
        self.visibilityChanged.emit(lid, shown)

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._updating:
            return
        kind = item.data(0, _KIND)
        if kind == LAYER:
            self._apply_visibility(item)
        elif kind == GROUP:
            for i in range(item.childCount()):
                self._apply_visibility(item.child(i))
        self._emit_state()

    def _order_changed(self) -> None:
        order = self.order()
        if self._canvas is not None:
            self._canvas.set_layer_order(order)
        # a layer dropped into a hidden group is hidden with it
        for it in self._items(LAYER):
            self._apply_visibility(it)
        self.orderChanged.emit(order)
        self._emit_state()

    def _layer_properties_changed(self) -> None:
        layer = self.sender()
        item = self.layer_item(layer.id) if layer is not None else None
        if item is None:
            return
        self._updating = True
        item.setText(0, layer.name)
        if self._shown(item) != layer.visible:
            item.setCheckState(0, Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
        self._fill_legend(item, layer)
        self._updating = False

    def move_layer(self, layer_id: str, group: str | None, index: int = 0) -> None:
        """Put a layer at ``index`` (0 = top) inside ``group`` (None: the top level)."""
        item = self.layer_item(layer_id)
        if item is None:
            raise KeyError(f"no layer {layer_id!r} in the tree")
        target = self.group_item(group) if group else None
        if group and target is None:
            raise KeyError(f"no group {group!r} in the tree")
        self._updating = True
        old = item.parent()
        (old.takeChild(old.indexOfChild(item)) if old else
         self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item)))
        if target is None:
            self.tree.insertTopLevelItem(index, item)
        else:
            target.insertChild(index, item)
        item.setExpanded(True)
        self._updating = False
        self._order_changed()

    def set_layer_opacity(self, layer_id: str, opacity: float) -> None:
        layer = self._canvas.layer(layer_id) if self._canvas else None
        if layer is not None:
            layer.set_opacity(opacity)
        self.opacityChanged.emit(layer_id, float(opacity))
        self._emit_state()

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None or item.data(0, _KIND) != LAYER:
            return
        lid = item.data(0, _ID)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(QCoreApplication.translate("LayerPanel", "Zoom to layer"), lambda: self.zoomToLayerRequested.emit(lid))
        sub = menu.addMenu(QCoreApplication.translate("LayerPanel", "Opacity"))
        for pct in (100, 75, 50, 25):
            sub.addAction(f"{pct} %", lambda p=pct: self.set_layer_opacity(lid, p / 100))
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # --- state ---------------------------------------------------------------------------------

    def save_state(self) -> dict[str, Any]:
        """Everything the user arranged, as plain data (JSON-safe)."""
        entries = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, _KIND) == GROUP:
                entries.append({
                    "group": top.data(0, _ID),
                    "visible": top.checkState(0) == Qt.CheckState.Checked,
                    "expanded": top.isExpanded(),
                    "layers": [self._layer_state(top.child(j)) for j in range(top.childCount())
                               if top.child(j).data(0, _KIND) == LAYER],
                })
            else:
                entries.append(self._layer_state(top))
        return {"version": STATE_VERSION, "tree": entries}

    def _layer_state(self, item: QTreeWidgetItem) -> dict:
        lid = item.data(0, _ID)
        layer = self._canvas.layer(lid) if self._canvas else None
        return {"layer": lid, "visible": item.checkState(0) == Qt.CheckState.Checked,
                "opacity": layer.opacity if layer is not None else 1.0}

    def restore_state(self, state: dict[str, Any]) -> None:
        """Apply a saved state. Unknown layers are skipped; layers the state does not name keep
        their place below the named ones. A malformed state raises ValueError and changes nothing."""
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION or \
                not isinstance(state.get("tree"), list):
            raise ValueError("not a layer-tree state saved by this version")
        plan = []  # validated first, applied after
        for entry in state["tree"]:
            if not isinstance(entry, dict):
                raise ValueError(f"layer-tree entry {entry!r} is not an object")
            if "group" in entry:
                layers = entry.get("layers", [])
                if not isinstance(layers, list):
                    raise ValueError(f"group {entry['group']!r}: layers must be a list")
                plan.append(("group", str(entry["group"]), bool(entry.get("visible", True)),
                             bool(entry.get("expanded", True)), [self._checked_layer(e) for e in layers]))
            else:
                plan.append(("layer", *self._checked_layer(entry)))
        known = {it.data(0, _ID): it for it in self._items(LAYER)}
        self._updating = True
        items = {lid: (it.parent().takeChild(it.parent().indexOfChild(it)) if it.parent()
                       else self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(it)))
                 for lid, it in known.items()}
        self.tree.clear()
        placed = set()

        def put(lid, visible, opacity, parent):
            it = items[lid]
            it.setCheckState(0, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
            (parent.addChild(it) if parent else self.tree.addTopLevelItem(it))
            placed.add(lid)
            layer = self._canvas.layer(lid) if self._canvas else None
            if layer is not None:
                layer.set_opacity(opacity)

        for step in plan:
            if step[0] == "group":
                _, title, visible, expanded, layers = step
                g = self._group_item(title)
                g.setCheckState(0, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
                for lid, lvis, op in layers:
                    if lid in items and lid not in placed:
                        put(lid, lvis, op, g)
                g.setExpanded(expanded)
            else:
                _, lid, lvis, op = step
                if lid in items and lid not in placed:
                    put(lid, lvis, op, None)
        for lid, it in items.items():
            if lid not in placed:
                layer = self._canvas.layer(lid) if self._canvas else None
                put(lid, it.checkState(0) == Qt.CheckState.Checked, layer.opacity if layer else 1.0, None)
        self._updating = False
        self._order_changed()

    @staticmethod
    def _checked_layer(entry) -> tuple[str, bool, float]:
        if not isinstance(entry, dict) or not isinstance(entry.get("layer"), str):
            raise ValueError(f"layer-tree entry {entry!r} has no layer id")
        opacity = entry.get("opacity", 1.0)
        if not isinstance(opacity, (int, float)) or not 0.0 <= float(opacity) <= 1.0:
            raise ValueError(f"layer {entry['layer']!r}: opacity must be between 0 and 1")
        return entry["layer"], bool(entry.get("visible", True)), float(opacity)

    def _emit_state(self) -> None:
        if not self._updating:
            self.stateChanged.emit(self.save_state())
