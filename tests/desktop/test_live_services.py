"""The demo's live feeds as real child processes: the GPS server and the simulator start with the
desktop, drive the fleet the window shows, say what they do in the status bar, come back when
they die, and are gone when the window closes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QSettings

from core.auth import Actor
from core.db.engine import Database
from core.demo import build_demo
from desktop import live_services
from desktop.app import build_window, wait_until_ready
from desktop.hub import DataHub
from desktop.live_services import LiveServices, LiveStatus, demo_services
from widgets.vehicle_list.model import AGE, PLATE

ADMIN = Actor("admin", "admin")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("feeds") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.05, seed=11)
    db.dispose()
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_feeds_start_with_the_window_drive_its_fleet_and_stop_when_it_closes(qapp, qtbot, demo_file, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setenv(live_services.ENV_FORCE, "1")  # a --db database: the feeds must be asked for
    shutil.copy(demo_file, tmp_path / "demo.db")
    db = Database(f"sqlite:///{tmp_path / 'demo.db'}")
    win = build_window(db, ADMIN, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), live=True)
    win.show()
    panel = win.vehicles_panel
    services = panel.services
    assert services is not None
    try:
        badge = next(w for w in win.statusBar().findChildren(LiveStatus))
        qtbot.waitUntil(lambda: bool(services.services)
                        and all(s.state == "running" for s in services.services.values()), timeout=90000)
        assert badge.objectName() == "OnlineBadge"
        port = services.services["gps"].info["gps_port"]
        assert f"GPS server :{port}" in badge.text() and "Simulator 3 vehicles" in badge.text()
        assert wait_until_ready(qapp, win, 30)

        def all_reporting() -> bool:
            m = panel.list.table.model()
            ages = [m.index(r, AGE).data() for r in range(m.rowCount())]
            return len(ages) == 3 and all(a.endswith("s ago") for a in ages)

        qtbot.waitUntil(all_reporting, timeout=60000)
        pids = [s.process.processId() for s in services.services.values()]
        assert all(_alive(p) for p in pids)
    finally:
        win.close()
    assert not any(_alive(p) for p in pids)
    assert all(s.state == "stopped" and s.stopped_cleanly for s in services.services.values())
    m = panel.list.table.model()
    assert m.rowCount() == 3 and all(m.index(r, PLATE).data() for r in range(3))
    db.dispose()


def test_a_feed_that_dies_comes_back_and_the_badge_says_why(qapp, qtbot, sqlite_db):
    services = LiveServices(sqlite_db.url, demo_services())  # an empty database: the simulator has nothing to drive
    badge = LiveStatus(services)
    services.start()
    try:
        qtbot.waitUntil(lambda: services.state("gps") == "running", timeout=60000)
        qtbot.waitUntil(lambda: services.state("simulator") == "restarting", timeout=60000)
        assert "no banquet trucks or test vehicles" in services.last_error("simulator")
        assert badge.objectName() == "OfflineBadge"
        assert "no banquet trucks or test vehicles" in badge.toolTip()
        qtbot.waitUntil(lambda: services.services["simulator"].restarts >= 2, timeout=60000)
        assert services.state("gps") == "running"  # the server was never touched
    finally:
        services.stop()
    assert services.state("gps") == services.state("simulator") == "stopped"
    badge.deleteLater()


def test_feeds_run_only_for_a_live_desktop_on_the_embedded_database(qapp, sqlite_db, monkeypatch):
    embedded = Database(None)
    hubs = []
    try:
        for db, live, env, want in ((embedded, True, {}, True), (embedded, False, {}, False),
                                    (sqlite_db, True, {}, False),
                                    (sqlite_db, True, {live_services.ENV_FORCE: "1"}, True),
                                    (embedded, True, {"SHIAN_DB": sqlite_db.url}, False)):
            for k in (live_services.ENV_FORCE, "SHIAN_DB"):
                monkeypatch.delenv(k, raising=False)
            for k, v in env.items():
                monkeypatch.setenv(k, v)
            hub = DataHub(db, ADMIN, live=live)
            hubs.append(hub)
            assert live_services.wanted(hub) is want, (db.url, live, env)
    finally:
        for hub in hubs:
            hub.close()
        embedded.dispose()


def test_another_feed_registers_and_starts_the_same_way(qapp, qtbot, sqlite_db, monkeypatch):
    monkeypatch.setattr(live_services, "_REGISTERED", {})
    live_services.register_service(live_services.ServiceSpec("vision", lambda ctx: ["--version"]))
    names = [s.name for s in live_services.all_services()]
    assert names == ["gps", "simulator", "vision"]
    services = LiveServices(sqlite_db.url, [s for s in live_services.all_services() if s.name == "vision"])
    services.start()
    try:
        # without a ready line a feed counts as up once started; `shian --version` then exits and is restarted
        qtbot.waitUntil(lambda: services.services["vision"].restarts >= 1, timeout=60000)
    finally:
        services.stop()
    assert services.state("vision") == "stopped"


_CRASHING_DESKTOP = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)  # as for a desktop started in the background by a script
from PySide6.QtCore import QCoreApplication
from desktop.live_services import LiveServices, demo_services
app = QCoreApplication([])
services = LiveServices(sys.argv[1], demo_services())
services.start()
deadline = time.monotonic() + 90
while time.monotonic() < deadline and not all(s.state == "running" for s in services.services.values()):
    app.processEvents()
    time.sleep(0.05)
print(" ".join(str(s.process.processId()) for s in services.services.values()), flush=True)
os._exit(9)  # no clean-up at all, as when the desktop is killed
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_feeds_do_not_outlive_a_desktop_that_crashes(demo_file, tmp_path):
    shutil.copy(demo_file, tmp_path / "demo.db")
    out = subprocess.run([sys.executable, "-c", _CRASHING_DESKTOP, f"sqlite:///{tmp_path / 'demo.db'}"],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2, out.stderr[-2000:]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)
