"""``python -m widgets.camera_tree``: a synthetic city's cameras in the tree beside a wall to drop them on."""

from __future__ import annotations

import sys


def sample_entries(n: int = 300) -> list:
    from widgets.camera_tree import CameraEntry

    districts = ("昆都仑区", "青山区", "东河区", "九原区")
    areas = ("热加工区", "粗加工区", "备餐间", "洗消间")
    out = []
    for i in range(n):
        b = i // 3
        out.append(CameraEntry(i + 1, f"样例餐馆{b:03d}·{areas[i % 3]}", areas[i % 3],
                               "offline" if i % 17 == 0 else "online", b, f"样例餐馆{b:03d} (synthetic)",
                               districts[b % len(districts)], "synthetic sample camera"))
    return out


def main() -> int:
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

    from widgets.camera_tree import CameraTree
    from widgets.video_wall import VideoWallView
    from widgets.video_wall.sample import SyntheticProvider

    app = QApplication.instance() or QApplication(sys.argv)
    provider = SyntheticProvider()
    win = QWidget()
    tree = CameraTree()
    tree.set_cameras(sample_entries())
    view = VideoWallView(provider)
    tree.camerasActivated.connect(view.wall.open_cameras)
    lay = QHBoxLayout(win)
    lay.addWidget(tree, 1)
    lay.addWidget(view, 3)
    win.setWindowTitle("Camera tree — synthetic sample cameras")
    win.resize(1400, 800)
    win.show()
    code = app.exec()
    view.wall.release_all()
    provider.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
