"""``shian bench [KIND] [--json]``: measures against the budgets of DESIGN.md §6.

Each kind is a module ``desktop.bench.<kind>`` with ``add_arguments(parser)`` (optional) and
``run(args) -> dict``. The human summary goes first; with ``--json`` the last line is one JSON
object (for ``all``: an object keyed by kind).
"""

from __future__ import annotations

import importlib
import json

BENCH_KINDS = ("map", "ingest", "heatmap", "startup", "video", "soak")
NOT_IN_ALL = ("soak",)  # an hour or more: only when asked for


def _available() -> dict:
    mods = {}
    for kind in BENCH_KINDS:
        try:
            mods[kind] = importlib.import_module(f"desktop.bench.{kind}")
        except ModuleNotFoundError as exc:
            if exc.name != f"desktop.bench.{kind}":
                raise
    return mods


def register(sub) -> None:
    mods = _available()
    p = sub.add_parser("bench", help="measure performance against the design budgets")
    p.add_argument("kind", nargs="?", default="all", choices=[*mods, "all"])
    p.add_argument("--json", action="store_true", help="last line: one JSON object with the figures")
    p.add_argument("--db", metavar="URL", help="database to use (default: a bench database per scale)")
    p.add_argument("--scale", type=float, default=1.0, help="demo-city scale (1 = the real city)")
    p.add_argument("--live", type=int, default=0, metavar="N", help="map: N simulated vehicles moving at 1 Hz")
    for mod in mods.values():
        add = getattr(mod, "add_arguments", None)
        if add:
            add(p)
    p.set_defaults(func=run, _bench_modules=mods)


def run(args) -> int:
    mods = args._bench_modules
    kinds = [k for k in mods if k not in NOT_IN_ALL] if args.kind == "all" else [args.kind]
    results = {}
    for kind in kinds:
        res = mods[kind].run(args)
        results[kind] = res
        print(f"[{kind}] " + ", ".join(f"{k}={v}" for k, v in res.items() if not isinstance(v, (dict, list))))
    if args.json:
        print(json.dumps(results[kinds[0]] if len(kinds) == 1 else results, ensure_ascii=False))
    return 0
