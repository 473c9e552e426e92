"""The ``shian`` command line.

Each command lives in ``desktop/commands/<name>.py`` with a ``register(subparsers)`` function.
Headless commands (gps, vision, demo, import, export, coords, report bulletin…) import no Qt,
so the GPS server and vision workers run on machines without a display or PySide6.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from importlib.metadata import PackageNotFoundError, version

from core.errors import ShianError

COMMAND_MODULES = (
    "desktop.commands.app",
    "desktop.commands.data",
    "desktop.commands.coords",
    "desktop.commands.gps",
    "desktop.commands.vision",
    "desktop.commands.bench",
    "desktop.commands.report",
)


def _version() -> str:
    try:
        return version("shian")
    except PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shian",
        description="Food-safety command center (食安指挥中心). With no command, opens the desktop.",
    )
    parser.add_argument("--version", action="version", version=f"shian {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv or ["desktop"])
    try:
        return int(args.func(args) or 0)
    except ShianError as exc:
        print(f"shian: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
