"""``shian screenshot --view map`` renders the window with the map drawn: the offline districts
and the restaurants coloured by their stars."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QImage

from core.db.engine import Database
from core.demo import build_demo
from widgets.map_canvas.symbology import STAR_COLOURS
from widgets.map_canvas.themes import LIGHT


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("shot") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.03, seed=5)
    db.dispose()
    return f"sqlite:///{path}"


def pixels(path) -> np.ndarray:
    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), dtype=np.uint32, count=img.width() * img.height()).copy()
    return a & 0xFFFFFF


def rgb(name: str) -> int:
    return int(name.lstrip("#")[-6:], 16)


def test_the_map_screenshot_shows_the_city(qapp, demo_url, tmp_path):
    out = tmp_path / "map.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHIAN_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-m", "desktop.cli", "screenshot", str(out), "--view", "map", "--size",
                          "1920x1080", "--db", demo_url, "--lang", "en", "--theme", "light"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    assert "still loading" not in run.stderr
    img = QImage(str(out))
    assert img.width() == 1920 and img.height() >= 1080  # the window never shrinks below its docks' minimum
    px = pixels(out)
    land = np.isin(px, [rgb(c) for c in LIGHT.land]).mean()
    assert land > 0.02  # the offline basemap's districts fill part of the window
    stars = np.isin(px, [rgb(c) for c in STAR_COLOURS]).sum()
    assert stars > 200  # restaurants, coloured by their stars
