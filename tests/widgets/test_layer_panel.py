"""The layer tree: ticking boxes shows and hides layers, moving rows reorders the map, and the
whole arrangement survives a save and restore."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from widgets.layer_panel import LayerPanel, drop_allowed
from widgets.map_canvas import MapCanvas, PointLayer, Symbol

GROUPS = {"restaurants": "餐饮", "cameras": "餐饮", "markets": "市场"}


def point_layer(layer_id: str, legend: str = "") -> PointLayer:
    layer = PointLayer(layer_id, layer_id.title(), symbols={0: Symbol(label=legend)} if legend else None)
    layer.set_data([109.85, 109.86], [40.65, 40.66])
    return layer


@pytest.fixture
def setup(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    for lid in ("districts", "markets", "cameras", "restaurants"):
        canvas.add_layer(point_layer(lid, legend="一星" if lid == "restaurants" else ""))
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.bind(canvas, GROUPS)
    return canvas, panel


def top_rows(panel):
    t = panel.tree
    return [t.topLevelItem(i).text(0) for i in range(t.topLevelItemCount())]


def test_tree_lists_groups_and_layers_top_of_the_map_first(setup):
    canvas, panel = setup
    assert top_rows(panel) == ["餐饮", "市场", "Districts"]
    food = panel.group_item("餐饮")
    assert [food.child(i).text(0) for i in range(food.childCount())] == ["Restaurants", "Cameras"]
    assert panel.order() == [lay.id for lay in canvas.layers()]


def test_legend_swatches_sit_under_their_layer(setup):
    _canvas, panel = setup
    item = panel.layer_item("restaurants")
    assert item.childCount() == 1 and item.child(0).text(0) == "一星"
    assert not item.child(0).icon(0).isNull()


def test_unticking_a_layer_hides_it_on_the_map(setup, qtbot):
    canvas, panel = setup
    with qtbot.waitSignal(panel.visibilityChanged) as sig:
        panel.layer_item("cameras").setCheckState(0, Qt.CheckState.Unchecked)
    assert sig.args == ["cameras", False]
    assert not canvas.layer("cameras").visible


def test_unticking_a_group_hides_all_its_layers_and_remembers_their_boxes(setup):
    canvas, panel = setup
    panel.layer_item("cameras").setCheckState(0, Qt.CheckState.Unchecked)
    panel.group_item("餐饮").setCheckState(0, Qt.CheckState.Unchecked)
    assert not canvas.layer("restaurants").visible and not canvas.layer("cameras").visible
    panel.group_item("餐饮").setCheckState(0, Qt.CheckState.Checked)
    assert canvas.layer("restaurants").visible and not canvas.layer("cameras").visible


def test_a_layer_hidden_by_code_is_unticked_in_the_tree(setup):
    canvas, panel = setup
    canvas.layer("markets").set_visible(False)
    assert panel.layer_item("markets").checkState(0) == Qt.CheckState.Unchecked


def test_moving_a_layer_reorders_the_map(setup, qtbot):
    canvas, panel = setup
    with qtbot.waitSignal(panel.orderChanged) as sig:
        panel.move_layer("districts", "餐饮", 0)  # now drawn on top of everything
    assert sig.args[0][-1] == "districts"
    assert [lay.id for lay in canvas.layers()][-1] == "districts"
    with pytest.raises(KeyError):
        panel.move_layer("districts", "no such group")


def test_state_round_trips_through_json(setup, qtbot):
    canvas, panel = setup
    panel.layer_item("cameras").setCheckState(0, Qt.CheckState.Unchecked)
    panel.set_layer_opacity("restaurants", 0.5)
    panel.move_layer("districts", None, 0)
    panel.group_item("市场").setExpanded(False)
    saved = json.loads(json.dumps(panel.save_state()))
    order = [lay.id for lay in canvas.layers()]

    # a fresh start: default order and visibility, then the saved state
    canvas2 = MapCanvas()
    qtbot.addWidget(canvas2)
    for lid in ("districts", "markets", "cameras", "restaurants"):
        canvas2.add_layer(point_layer(lid))
    panel2 = LayerPanel()
    qtbot.addWidget(panel2)
    panel2.bind(canvas2, GROUPS)
    panel2.restore_state(saved)
    assert [lay.id for lay in canvas2.layers()] == order
    assert not canvas2.layer("cameras").visible
    assert canvas2.layer("restaurants").opacity == 0.5
    assert not panel2.group_item("市场").isExpanded()
    assert panel2.save_state() == saved


def test_state_naming_unknown_layers_still_applies_the_rest(setup):
    canvas, panel = setup
    panel.restore_state({"version": 1, "tree": [{"layer": "gone"}, {"layer": "markets", "visible": False}]})
    assert not canvas.layer("markets").visible
    assert panel.order()[-1] == "markets"  # named layers above the ones the state did not mention


def test_a_malformed_state_is_refused_and_changes_nothing(setup):
    canvas, panel = setup
    before = panel.save_state()
    for bad in ({}, {"version": 99, "tree": []}, {"version": 1, "tree": [{"layer": "markets", "opacity": 3}]},
                {"version": 1, "tree": ["markets"]}):
        with pytest.raises(ValueError):
            panel.restore_state(bad)
    assert panel.save_state() == before
    assert all(lay.visible for lay in canvas.layers())


def test_what_may_be_dropped_where():
    assert drop_allowed("layer", "group", "on")
    assert drop_allowed("layer", "layer", "above")
    assert not drop_allowed("layer", "layer", "on")  # layers do not nest
    assert not drop_allowed("group", "group", "on")  # nor do groups
    assert drop_allowed("group", "group", "below")
    assert not drop_allowed("legend", "group", "on")
    assert not drop_allowed("layer", "legend", "above")
