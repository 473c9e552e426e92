"""``python -m widgets.video_wall``: a 16-tile wall of synthetic cameras (one offline, one stalled)."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from widgets.video_wall import VideoWallView
    from widgets.video_wall.sample import SyntheticProvider, sample_cameras

    app = QApplication.instance() or QApplication(sys.argv)
    provider = SyntheticProvider(states={3: "offline", 7: "stalled"})
    view = VideoWallView(provider, QSettings("shian", "video-wall-sample"))
    view.wall.set_layout(16)
    view.wall.set_cameras(sample_cameras(16))
    view.setWindowTitle("Video wall — synthetic sample cameras")
    view.resize(1280, 760)
    view.show()
    code = app.exec()
    view.wall.release_all()
    provider.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
