"""The frame-timing helper drives the canvas through city, district and street zooms."""

from widgets.map_canvas import MapCanvas, measure_frames, measure_live
from widgets.map_canvas.frame_timing import Step, level_name
from widgets.map_canvas.sample import sample_city


def test_the_scripted_tour_visits_every_zoom_level_and_reports_each(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    for layer in sample_city(0.05, with_districts=False).layers:
        canvas.add_layer(layer)
    report = measure_frames(canvas, size=(800, 500))
    summary = report.summary()
    assert set(summary["levels"]) == {"city", "district", "street"}
    assert summary["frames"] == sum(v["frames"] for v in summary["levels"].values()) > 60
    for key in ("frame_ms_p50", "frame_ms_p95", "frame_cpu_ms_p95"):
        assert summary[key] > 0


def test_a_custom_script_and_live_vehicles(qtbot):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    script = [Step("goto", (109.9, 40.63, 16.0)), Step("key", (0x01000014, 3))]  # Qt.Key_Right
    report = measure_frames(canvas, script, size=(400, 300))
    assert [lv for lv, _, _ in report.frames] == ["street"] * 4
    live = measure_live(canvas, vehicles=200, frames=5, size=(400, 300))
    assert len(live.frames) == 5
    assert canvas.layer("__bench_vehicles__") is None  # the temporary layer is gone


def test_zoom_level_names():
    assert [level_name(z) for z in (11.0, 13.6, 15.4, 17.0)] == ["city", "district", "district", "street"]
