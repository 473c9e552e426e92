"""The video wall with synthetic cameras: every tile plays, an offline camera never leaves a frozen
picture, frames a slow wall does not take are dropped at the source, layouts, enlarge, drag and
drop, carousel, snapshots and saved layouts."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QDropEvent, QImage

from widgets.video_wall import CameraRef, LayoutSpec, VideoWallView, cameras_mime, preset
from widgets.video_wall.layouts import Cell
from widgets.video_wall.sample import SyntheticProvider, sample_cameras


@pytest.fixture
def provider():
    p = SyntheticProvider(fps=15.0, size=(320, 180))
    yield p
    p.close()


@pytest.fixture
def view(qtbot, provider, tmp_path):
    v = VideoWallView(provider, QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(v)
    v.resize(1280, 760)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.wall.release_all()


def run_for(qtbot, seconds: float) -> None:
    qtbot.wait(int(seconds * 1000))


def drop(tile, cameras, from_tile=None) -> None:
    mime = cameras_mime(cameras, from_tile)
    ev = QDropEvent(QPointF(tile.width() / 2, tile.height() / 2), Qt.DropAction.CopyAction, mime,
                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tile.dropEvent(ev)


def test_sixteen_tiles_all_play_with_name_state_and_fps(qtbot, view, provider):
    wall = view.wall
    wall.set_layout(16)
    wall.set_cameras(sample_cameras(16))
    run_for(qtbot, 2.5)
    tiles = wall.tiles[:16]
    assert all(t.isVisible() for t in tiles)
    assert all(t.status.state == "online" for t in tiles)
    assert min(t.shown_fps() for t in tiles) >= 10, [round(t.shown_fps(), 1) for t in tiles]
    assert all(t.status.fps > 10 for t in tiles)
    assert len(provider.sources) == 16


def test_an_offline_camera_shows_its_state_never_a_frozen_picture(qtbot, view, provider):
    wall = view.wall
    wall.set_layout(1)
    cam = CameraRef(5, "后厨 5")
    wall.set_cameras([cam])
    qtbot.waitUntil(lambda: wall.tiles[0].frame is not None, timeout=5000)
    tile = wall.tiles[0]
    before = tile.grab().toImage()
    x, y = tile.width() // 5, tile.height() // 2  # on the gradient, away from the moving bar's start
    live = before.pixelColor(x, y)
    assert live.value() > 40  # a picture is shown
    provider.sources[5].forced_state = "offline"
    qtbot.waitUntil(lambda: tile.frame is None and tile.status.state == "offline", timeout=3000)
    after = tile.grab().toImage().pixelColor(x, y)
    assert after.value() < 40 and abs(after.value() - live.value()) > 20  # the picture is gone
    provider.sources[5].forced_state = "online"
    qtbot.waitUntil(lambda: tile.frame is not None and tile.status.state == "online", timeout=3000)


def test_frames_a_slow_wall_does_not_take_are_dropped_not_queued(qtbot, view, provider):
    wall = view.wall
    wall.set_layout(1)
    wall.set_cameras([CameraRef(9, "后厨 9")])
    qtbot.waitUntil(lambda: wall.tiles[0].frame is not None, timeout=5000)
    wall.timer.stop()  # the GUI is busy for a second
    src = provider.sources[9]
    dropped0 = src.dropped
    run_for(qtbot, 1.0)
    assert src.dropped - dropped0 >= 10
    wall.tick()
    newest = src.frames - 1
    assert wall.tiles[0].frame.index >= newest - 1  # the newest picture, not the oldest waiting one
    wall.tick()
    assert src.latest() is None  # nothing else was kept for later


def test_layouts_show_one_four_nine_sixteen_and_only_tiles_on_show_hold_a_stream(qtbot, view, provider):
    wall = view.wall
    wall.set_cameras(sample_cameras(16))
    for n in (1, 4, 9, 16, 4):
        view.layout_actions[str(n)].trigger()
        qtbot.waitUntil(lambda n=n: len(provider.sources) == n, timeout=3000)
        assert sum(t.isVisible() for t in wall.tiles) == n
        assert view.layout_actions[str(n)].isChecked()
    assert wall.slots[15] is not None  # cameras beyond the layout are kept for a larger one
    view.hide()
    qtbot.waitUntil(lambda: not provider.sources, timeout=3000)
    view.show()
    qtbot.waitUntil(lambda: len(provider.sources) == 4, timeout=3000)


def test_a_layout_with_one_large_tile_and_custom_grids_are_checked(qtbot, view):
    wall = view.wall
    wall.set_layout("1+5")
    qtbot.wait(50)
    big, small = wall.tiles[0], wall.tiles[1]
    assert big.width() > 1.8 * small.width() and big.height() > 1.8 * small.height()
    with pytest.raises(ValueError, match="overlap"):
        LayoutSpec("bad", 2, 2, (Cell(0, 0, 2, 2), Cell(1, 1)))
    with pytest.raises(ValueError, match="does not fit"):
        LayoutSpec("bad", 2, 2, (Cell(0, 0), Cell(2, 0)))
    with pytest.raises(ValueError, match="unknown wall layout"):
        preset(5)


def test_double_click_enlarges_a_tile_and_again_brings_the_wall_back(qtbot, view):
    wall = view.wall
    wall.set_layout(9)
    wall.set_cameras(sample_cameras(9))
    qtbot.wait(100)
    tile = wall.tiles[4]
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tile.width() > wall.width() * 0.9, timeout=2000)
    assert wall.enlarged == 4 and sum(t.isVisible() for t in wall.tiles) == 1
    qtbot.waitUntil(lambda: tile.frame is not None, timeout=5000)
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sum(t.isVisible() for t in wall.tiles) == 9, timeout=2000)
    assert wall.enlarged is None and tile.width() < wall.width() / 2


def test_cameras_dropped_from_elsewhere_fill_tiles_and_a_tile_dragged_onto_another_swaps(qtbot, view, provider):
    wall = view.wall
    wall.set_layout(4)
    cams = sample_cameras(6)
    drop(wall.tiles[1], cams[:2])
    assert wall.cameras() == [None, cams[0], cams[1], None]
    drop(wall.tiles[3], [cams[2]])
    drop(wall.tiles[1], [cams[0]], from_tile=3)  # tile 3 dragged onto tile 1
    assert wall.cameras() == [None, cams[2], cams[1], cams[0]]
    qtbot.waitUntil(lambda: sorted(provider.sources) == sorted(c.id for c in cams[:3]), timeout=3000)
    # a camera already on show is selected, not opened twice
    assert wall.open_cameras([cams[1]]) == [2] and wall.selected == 2


def test_the_carousel_cycles_the_cameras_page_by_page(qtbot, view):
    wall = view.wall
    wall.set_layout(4)
    pool = sample_cameras(10)
    wall.start_carousel(pool, seconds=1)
    assert view.carousel_action.isChecked()
    assert wall.cameras() == pool[:4]
    qtbot.waitUntil(lambda: wall.cameras() == pool[4:8], timeout=2500)
    qtbot.waitUntil(lambda: wall.cameras() == pool[8:] + [None, None], timeout=2500)
    qtbot.waitUntil(lambda: wall.cameras() == pool[:4], timeout=2500)
    view.carousel_action.trigger()
    assert not wall.carousel_running
    with pytest.raises(ValueError):
        wall.start_carousel(pool, seconds=0.2)


def test_snapshot_to_file_has_the_cameras_resolution_and_passes_the_export_filter(qtbot, view, tmp_path):
    wall = view.wall
    wall.set_layout(4)
    wall.set_cameras(sample_cameras(1))
    qtbot.waitUntil(lambda: wall.tiles[0].frame is not None, timeout=5000)
    seen = []

    def blacken(img: np.ndarray) -> np.ndarray:
        seen.append(img.shape)
        return np.zeros_like(img)

    wall.export_filter = blacken
    out = wall.save_snapshot(0, tmp_path / "snap.png")
    assert out is not None and out.exists()
    img = QImage(str(out))
    assert (img.width(), img.height()) == (320, 180) and seen == [(180, 320, 3)]
    corner = img.pixelColor(2, 2)
    assert (corner.red(), corner.green(), corner.blue()) == (0, 0, 0)
    assert "Snapshot saved" in view.status.text() or "snap.png" in view.status.text()
    # on a wall display no dialog opens: the picture goes to the snapshot folder
    wall.dialogs, wall.snapshot_dir = False, tmp_path / "snaps"
    auto = wall.save_snapshot(0)
    assert auto is not None and auto.parent == tmp_path / "snaps" and auto.suffix == ".png"
    assert wall.save_snapshot(3, tmp_path / "empty.png") is None  # an empty tile has nothing to save


def test_saved_layouts_come_back_by_name_and_bad_ones_change_nothing(qtbot, view, tmp_path):
    wall = view.wall
    cams = sample_cameras(9)
    wall.set_layout(9)
    wall.set_cameras(cams)
    view.ask_name()
    assert view.name_action.isVisible()
    view.name_edit.setText("早班后厨")  # typed; QTest cannot type Chinese characters
    qtbot.keyClick(view.name_edit, Qt.Key.Key_Return)
    assert not view.name_action.isVisible()
    wall.set_layout(4)
    wall.set_cameras(cams[5:])
    view.load("早班后厨")
    assert wall.spec.tiles == 9 and wall.cameras() == cams
    again = saved_names(view)
    assert "早班后厨" in again
    view.load("no such layout")
    assert "no saved layout" in view.status.text() and wall.spec.tiles == 9
    with pytest.raises(ValueError):
        wall.restore_state({"layout": {"rows": 2}, "cameras": []})
    assert wall.spec.tiles == 9 and wall.cameras() == cams
    view.delete("早班后厨")
    assert "早班后厨" not in saved_names(view)


def saved_names(view) -> list[str]:
    """What a wall opened afresh would find in the settings file."""
    from widgets.video_wall.view import SAVED_KEY

    return view.wall.saved_layouts(QSettings(view.settings.fileName(), QSettings.Format.IniFormat), SAVED_KEY)


def test_the_keyboard_moves_the_selection_and_enter_enlarges(qtbot, view):
    wall = view.wall
    wall.set_layout(4)
    wall.set_cameras(sample_cameras(4))
    wall.setFocus()
    qtbot.keyClick(wall, Qt.Key.Key_Right)
    qtbot.keyClick(wall, Qt.Key.Key_Down)
    assert wall.selected == 3
    qtbot.keyClick(wall, Qt.Key.Key_Return)
    assert wall.enlarged == 3
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert wall.enlarged is None
    menu = wall.tile_menu(3)
    titles = [a.text() for a in menu.actions() if a.text()]
    assert "Enlarge" in titles and "Save Snapshot…" in titles
