"""``python -m widgets.layer_panel``: the layer tree beside a map of synthetic Baotou data."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

    from widgets.layer_panel.panel import LayerPanel
    from widgets.map_canvas.canvas import MapCanvas
    from widgets.map_canvas.sample import BAOTOU_EXTENT, sample_city

    app = QApplication.instance() or QApplication(sys.argv)
    canvas = MapCanvas()
    for layer in sample_city().layers:
        canvas.add_layer(layer)
    panel = LayerPanel()
    panel.bind(canvas, {"restaurants": "餐饮", "cameras": "餐饮", "markets": "市场", "stalls": "市场",
                        "vendor_zones": "市场", "test_rooms": "快检", "vehicles": "快检", "districts": "底图"})
    panel.zoomToLayerRequested.connect(canvas.zoom_to_layer)
    win = QMainWindow()
    win.setWindowTitle("Layer panel — synthetic sample data")
    win.setCentralWidget(canvas)
    dock = QDockWidget("图层", win)
    dock.setWidget(panel)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    win.resize(1400, 860)
    win.show()
    canvas.zoom_to_extent(*BAOTOU_EXTENT)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
