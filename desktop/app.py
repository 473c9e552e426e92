"""Starting the desktop: the application, the database (building the demo city on first use of
the embedded database), the signed-in user, the main window; and offscreen screenshots."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from core.auth import Actor
from core.db.engine import ENV_DB, Database, data_dir, default_db_path
from core.errors import ShianError


def _prepare_platform(offscreen: bool) -> None:
    if offscreen or (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
                     and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_application(lang: str | None, theme_name: str | None = None, large: bool = False):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop import i18n, theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("shian")
    app.setOrganizationName("shian")
    settings = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    lang = i18n.current_lang(lang or settings.value("ui/lang"))
    if not i18n.install(app, lang):
        print(f"shian: translations for {lang} are not compiled (run 'make translations'); showing English",
              file=sys.stderr)
    theme.apply(app, theme_name or settings.value("ui/theme") or ("dark" if large else "light"), large=large)
    return app, settings


def open_database(db_arg: str | None, progress=print) -> Database:
    """The database to show. The embedded default is created and filled with the demo city on
    first use; a database given with --db or SHIAN_DB must already exist (``shian db upgrade``)."""
    from core.db import migrate

    embedded = not db_arg and not os.environ.get(ENV_DB)
    db = Database(db_arg)
    if embedded:
        fresh = not default_db_path().exists() or migrate.current_revision(db.engine) is None
        if fresh or not _has_data(db):
            from core.demo import build_demo

            progress(f"building the demo city (synthetic) in {db.display_url()} …")
            t0 = time.perf_counter()
            build_demo(db, force=True, progress=lambda step: progress(f"  {step}"))
            progress(f"demo city ready in {time.perf_counter() - t0:.1f} s")
        else:
            migrate.upgrade(db.engine)
    elif not migrate.is_current(db.engine):
        raise ShianError(f"{db.display_url()} is not at the current schema; run 'shian db upgrade --db …' first")
    return db


def _has_data(db: Database) -> bool:
    from sqlalchemy import func, select

    from core.db.models import District

    try:
        with db.session() as s:
            return bool(s.scalar(select(func.count()).select_from(District)))
    except Exception:
        return False


def signed_in_actor(db: Database, user: str | None) -> Actor:
    from sqlalchemy import select

    from core.db.models import User

    name = user or os.environ.get("SHIAN_USER") or "admin"
    with db.session() as s:
        u = s.scalar(select(User).where(User.username == name))
    if u is None:
        if user or os.environ.get("SHIAN_USER"):
            raise ShianError(f"no user {name!r} in {db.display_url()}")
        return Actor("local", "admin")
    return Actor(u.username, u.role)


def build_window(db: Database, actor: Actor, settings, wall: bool = False, live: bool = True):
    from desktop.hub import DataHub
    from desktop.main_window import MainWindow

    hub = DataHub(db, actor, live=live)
    win = MainWindow(hub, settings, wall=wall)
    return win


def run_desktop(args) -> int:
    if (sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
            and os.environ.get("QT_QPA_PLATFORM") != "offscreen"):
        raise ShianError("no display to open the desktop on (DISPLAY is not set); "
                         "to see the window without one: shian screenshot OUT.png")
    _prepare_platform(False)
    app, settings = make_application(args.lang, large=args.wall)
    db = open_database(args.db, progress=lambda m: print(m, file=sys.stderr))
    actor = signed_in_actor(db, getattr(args, "user", None))
    win = build_window(db, actor, settings, wall=args.wall, live=not args.no_live)
    win.restore_layout()
    win.hub.refresh_counts()
    if args.wall:
        screens = app.screens()
        if args.screen is not None and 0 <= args.screen < len(screens):
            win.setScreen(screens[args.screen])
            win.setGeometry(screens[args.screen].geometry())
        win.set_theme("dark")
        win.showFullScreen()
    else:
        win.show()
    return app.exec()


def wait_until_ready(app, win, timeout_s: float = 60.0) -> bool:
    """Process events until every panel says its data is shown (or the timeout passes)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        ready = [getattr(p, "ready", lambda: True)() for p in win.panels]
        if all(ready) and not win.hub.tasks.busy:
            for _ in range(5):
                app.processEvents()
                time.sleep(0.01)
            return True
        time.sleep(0.02)
    return False


def run_screenshot(args) -> int:
    _prepare_platform(True)
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise ShianError(f"--size must look like 1920x1080, not {args.size!r}") from None
    app, settings = make_application(args.lang, args.theme)
    db = open_database(args.db, progress=lambda m: print(m, file=sys.stderr))
    win = build_window(db, signed_in_actor(db, None), settings, live=False)
    win.show_view(args.view)
    win.show()
    app.processEvents()
    win.resize(w, h)  # after the view has hidden the docks it does not use
    win.show_view(args.view)  # sizes of the docks, now at the final size
    win.hub.load_counts_now()
    if not wait_until_ready(app, win):
        print("shian: some panels were still loading when the screenshot was taken", file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not win.grab().save(str(out)):
        raise ShianError(f"could not write {out}")
    print(f"{out} ({w}×{h}, view {args.view})")
    win.close()
    return 0
