"""The camera tree: cameras grouped by district and business with offline counts, found by name,
opened with Enter and dragged as the cameras they hold."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from widgets.camera_tree import CAMERAS_ROLE, CameraEntry, CameraTree
from widgets.video_wall import CAMERA_MIME, cameras_from_mime


def entries() -> list[CameraEntry]:
    rows = []
    n = 0
    for d, businesses in (("昆都仑区", ("老王烧麦馆", "草原涮肉馆")), ("青山区", ("青山饺子馆",))):
        for b_i, b in enumerate(businesses):
            bid = len(rows) + 100 + b_i
            for area in ("热加工区", "备餐间", "洗消间"):
                n += 1
                rows.append(CameraEntry(n, f"{b}·{area}", area, "offline" if n in (2, 3) else "online", bid, b, d,
                                        f"{b}\nrtsp://admin:***@10.0.0.{n}/stream"))
    return rows


@pytest.fixture
def tree(qtbot):
    t = CameraTree()
    qtbot.addWidget(t)
    t.set_cameras(entries())
    t.resize(400, 600)
    t.show()
    return t


def test_cameras_are_grouped_by_district_and_business_with_offline_counts(tree):
    m = tree.proxy
    top = [m.index(r, 0).data() for r in range(m.rowCount())]
    assert top == ["昆都仑区 (6) · 2 offline", "青山区 (3)"]
    kun = m.index(0, 0)
    businesses = [m.index(r, 0, kun).data() for r in range(m.rowCount(kun))]
    assert businesses == ["老王烧麦馆 (3) · 2 offline", "草原涮肉馆 (3)"]
    assert tree.count.text().startswith("9")
    tree.set_state(2, "online")
    assert m.index(0, 0).data() == "昆都仑区 (6) · 1 offline"


def test_tooltips_show_the_masked_address_never_a_password(tree):
    m = tree.proxy
    wang = next(m.index(r, 0, m.index(0, 0)) for r in range(2) if "老王" in m.index(r, 0, m.index(0, 0)).data())
    cam = m.index(0, 0, wang)
    tip = cam.data(Qt.ItemDataRole.ToolTipRole)
    assert "***@10.0.0." in tip and "admin:" in tip


def test_searching_finds_a_business_and_enter_opens_all_its_cameras(qtbot, tree):
    tree.search.setText("饺子")
    m = tree.proxy
    qtbot.waitUntil(lambda: m.rowCount() == 1, timeout=2000)  # once typing pauses
    assert m.index(0, 0).data().startswith("青山区")
    business = m.index(0, 0, m.index(0, 0))
    tree.tree.setCurrentIndex(business)
    tree.tree.setFocus()
    with qtbot.waitSignal(tree.camerasActivated) as got:
        qtbot.keyClick(tree.tree, Qt.Key.Key_Return)
    assert [c.name for c in got.args[0]] == ["青山饺子馆·热加工区", "青山饺子馆·备餐间", "青山饺子馆·洗消间"]
    tree.search.setText("no such place")
    qtbot.waitUntil(lambda: m.rowCount() == 0, timeout=2000)


def test_a_dragged_district_carries_its_cameras_for_the_wall(tree):
    m = tree.proxy
    mime = m.mimeData([m.index(1, 0)])
    assert mime.hasFormat(CAMERA_MIME)
    cams, from_tile = cameras_from_mime(mime)
    assert [c.id for c in cams] == [7, 8, 9] and from_tile is None
    payload = json.loads(bytes(mime.data(CAMERA_MIME).data()).decode())
    assert all("password" not in json.dumps(c) for c in payload["cameras"])


def test_selecting_a_camera_or_business_from_elsewhere_shows_it(qtbot, tree):
    tree.search.setText("草原")
    qtbot.waitUntil(lambda: tree.proxy.rowCount() == 1, timeout=2000)
    assert tree.select_camera(8)
    assert tree.tree.currentIndex().data() == "备餐间"
    assert [c.id for c in tree.current_cameras()] == [8]
    assert tree.select_business(100)
    assert len(tree.proxy.data(tree.tree.currentIndex(), CAMERAS_ROLE)) == 3
    assert not tree.select_camera(999)
