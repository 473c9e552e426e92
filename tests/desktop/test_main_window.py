"""The main window as an operator sees it."""

import pytest
from PySide6.QtCore import QSettings, Qt

from core.auth import Actor
from core.db.engine import Database
from core.demo import build_demo
from desktop.app import build_window, wait_until_ready


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("win") / "demo.db"
    db = Database(f"sqlite:///{path}")
    build_demo(db, scale=0.03, seed=5)
    db.dispose()
    return f"sqlite:///{path}"


@pytest.fixture
def window(qapp, demo_url, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(Database(demo_url), Actor("supervisor", "supervisor"), settings, live=False)
    win.resize(1600, 900)
    win.show()
    win.hub.load_counts_now()
    wait_until_ready(qapp, win, 30)
    yield win
    win.close()


def test_status_bar_names_the_database_and_its_counts(window):
    assert window.lbl_db.text().endswith("demo.db")
    assert window.lbl_synthetic.isVisible()
    counts = window.hub.counts
    assert counts["markets"] == round(46 * 0.03) + round(53 * 0.03)
    assert f"{counts['businesses']:,}" in window.lbl_counts.text()
    assert "supervisor" in window.lbl_user.text()


def test_menus_are_real(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert len(titles) == 5
    view = window.menus["view"]
    assert any(a.isCheckable() for a in view.actions())


def test_dark_theme_persists(window, qapp):
    window.set_theme("dark")
    assert window.settings.value("ui/theme") == "dark"
    assert "#0f1720" in qapp.styleSheet()
    window.set_theme("light")


def test_layout_is_restored(qapp, demo_url, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(Database(demo_url), Actor("a", "admin"), settings, live=False)
    win.resize(1400, 800)
    win.show()
    win.docks["overview"].hide()
    win.close()
    again = build_window(Database(demo_url), Actor("a", "admin"), settings, live=False)
    again.restore_layout()
    again.show()
    assert not again.docks["overview"].isVisible()
    again.close()


def test_views_switch_from_the_keyboard_and_the_last_one_comes_back(qapp, qtbot, demo_url, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = build_window(Database(demo_url), Actor("a", "admin"), settings, live=False)
    win.resize(1600, 900)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    assert win.view_actions["map"].isChecked() and win.central.currentWidget() is win.map_canvas
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # the tests view
    assert win.workspace.view == "tests" and win.view_actions["tests"].isChecked()
    assert win.docks["city_dashboard"].isVisible() and not win.docks["alert_detail"].isVisible()
    qtbot.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # the wall fills the centre
    assert win.workspace.view == "wall" and win.central.currentWidget() is win.cameras_panel.view
    assert not win.docks["map_layers"].isVisible()
    win.close()
    again = build_window(Database(demo_url), Actor("a", "admin"), settings, live=False)
    again.restore_layout()
    again.show()
    assert again.workspace.view == "wall" and again.view_actions["wall"].isChecked()
    assert again.central.currentWidget() is again.cameras_panel.view and not again.docks["map_layers"].isVisible()
    again.show_view("map")
    assert again.central.currentWidget() is again.map_canvas and again.docks["map_layers"].isVisible()
    again.close()


def test_a_panel_behind_another_tab_comes_forward_from_the_menu_and_is_not_closed(window, qtbot):
    risk, layers = window.docks["risk_grades"], window.docks["map_layers"]
    act = window.dock_actions["risk_grades"]
    assert act in window.docks_menu.actions() and act.text() == risk.windowTitle()
    assert risk.visibleRegion().isEmpty() and not act.isChecked()  # behind the map layers' tab
    act.trigger()
    qtbot.waitUntil(lambda: not risk.visibleRegion().isEmpty(), timeout=3000)
    assert risk.isVisible() and act.isChecked() and layers.visibleRegion().isEmpty()
    act.trigger()  # in front: put away
    assert not risk.isVisible() and not act.isChecked()


@pytest.mark.postgres
def test_database_going_away_is_shown_and_nothing_the_user_did_is_lost(qapp, pg_migrated, tmp_path, qtbot):
    from sqlalchemy.engine import make_url

    from desktop import hub as hubmod
    from tests.support.tcp_proxy import TcpProxy

    done = []

    @hubmod.action("test.note")
    def note(session, actor, text):
        done.append((actor.username, text))

    url = make_url(pg_migrated)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    db = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    win = build_window(db, Actor("wang", "supervisor"), settings, live=False)
    win.show()
    win.hub.refresh_counts()
    qtbot.waitUntil(lambda: bool(win.hub.counts), timeout=10000)
    assert win.hub.online

    proxy.stop()
    win.hub.refresh_counts()
    qtbot.waitUntil(lambda: not win.hub.online, timeout=20000)
    assert win.lbl_conn.objectName() == "OfflineBadge"
    win.hub.perform("test.note", text="confirmed while offline")
    assert win.hub.outbox_size == 1 and win.lbl_outbox.text()
    assert done == []

    proxy.start()
    qtbot.waitUntil(lambda: win.hub.online and bool(done), timeout=40000)
    assert done == [("wang", "confirmed while offline")]
    assert win.hub.outbox_size == 0 and win.lbl_conn.objectName() == "OnlineBadge"
    win.close()
    proxy.stop()
