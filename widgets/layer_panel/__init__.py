"""The map's layer tree: groups, visibility, legend swatches, drag to reorder, saved state."""

from widgets.layer_panel.panel import LayerPanel, drop_allowed

__all__ = ["LayerPanel", "drop_allowed"]
