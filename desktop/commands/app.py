"""``shian desktop`` and ``shian screenshot``: the only commands that load Qt."""

from __future__ import annotations

from desktop.commands import add_db_option

VIEWS = ("map", "wall", "alerts", "cameras", "tests")


def register(sub) -> None:
    p = sub.add_parser("desktop", help="open the desktop (the default command)")
    add_db_option(p)
    p.add_argument("--wall", action="store_true", help="wall-display mode: full screen, dark, no dialogs")
    p.add_argument("--screen", type=int, default=None, metavar="N", help="show on screen N (wall mode)")
    p.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="interface language (default zh_CN)")
    p.add_argument("--no-live", action="store_true", help="do not start the GPS server and demo feeds")
    p.set_defaults(func=cmd_desktop)

    s = sub.add_parser("screenshot", help="render the main window offscreen to a PNG")
    s.add_argument("out", metavar="OUT.png")
    add_db_option(s)
    s.add_argument("--view", choices=VIEWS, default="map")
    s.add_argument("--size", default="1920x1080", metavar="WxH")
    s.add_argument("--lang", choices=("zh_CN", "en"), default=None)
    s.add_argument("--theme", choices=("light", "dark"), default=None)
    s.set_defaults(func=cmd_screenshot)


def cmd_desktop(args) -> int:
    from desktop.app import run_desktop

    return run_desktop(args)


def cmd_screenshot(args) -> int:
    from desktop.app import run_screenshot

    return run_screenshot(args)
