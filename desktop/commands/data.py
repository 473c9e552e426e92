"""Data commands: ``demo``, ``db upgrade``, ``import``, ``export``. None of them imports Qt."""

from __future__ import annotations

import getpass
import sys
import time
from datetime import date

from desktop.commands import add_db_option


def cli_actor():
    """The command line acts for whoever may open the database directly: an administrator."""
    from core.auth import Actor

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Actor(f"cli:{user}", "admin")


def register(sub) -> None:
    p = sub.add_parser("demo", help="build the synthetic demo city into a database")
    add_db_option(p)
    p.add_argument("--scale", type=float, default=1.0, help="1 = the real city's figures (default)")
    p.add_argument("--seed", type=int, default=42, help="same seed, same city (default 42)")
    p.add_argument("--today", type=date.fromisoformat, help="anchor day of the 90 days of tests (default: today)")
    p.add_argument("--force", action="store_true", help="replace whatever the database holds")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("db", help="database maintenance")
    dsub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    u = dsub.add_parser("upgrade", help="run the migrations up to the newest schema")
    add_db_option(u)
    u.set_defaults(func=cmd_upgrade)
    d = dsub.add_parser("districts", help="load a city's real district boundaries (e.g. 150200 Baotou)")
    add_db_option(d)
    d.add_argument("adcode", help="six-digit adcode of a prefecture-level city")
    d.set_defaults(func=cmd_districts)

    from core.io.names import KIND_NAMES

    kinds = [*KIND_NAMES, "positions"]
    p = sub.add_parser("import", help="import a registry file (CSV, XLSX, GeoJSON, GPKG)")
    p.add_argument("kind", choices=kinds, metavar="KIND", help=", ".join(kinds))
    p.add_argument("file")
    add_db_option(p)
    p.add_argument("--crs", default="wgs84", choices=("wgs84", "gcj02", "bd09"),
                   help="coordinate system of the file (default wgs84)")
    p.add_argument("--vehicle", metavar="PLATE", help="positions: the vehicle the track belongs to")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export a registry (GeoJSON, GPKG, CSV or XLSX by extension), WGS-84")
    p.add_argument("kind", choices=KIND_NAMES, metavar="KIND", help=", ".join(KIND_NAMES))
    p.add_argument("out")
    add_db_option(p)
    p.set_defaults(func=cmd_export)


def _db(args):
    from core.db.engine import Database

    return Database(args.db)


def cmd_demo(args) -> int:
    from core.demo import build_demo

    db = _db(args)
    t0 = time.perf_counter()
    counts = build_demo(db, scale=args.scale, seed=args.seed, today=args.today, force=args.force,
                        progress=lambda step: print(f"  {time.perf_counter() - t0:5.1f} s  {step}", file=sys.stderr))
    took = time.perf_counter() - t0
    print(f"demo city (synthetic) built in {took:.1f} s into {db.display_url()}")
    for table, n in counts.items():
        print(f"  {table:16s} {n:>8,d}")
    return 0


def cmd_upgrade(args) -> int:
    from core.db import migrate

    db = _db(args)
    before = migrate.current_revision(db.engine)
    after = migrate.upgrade(db.engine)
    print(f"{db.display_url()}: schema {before or 'empty'} → {after}")
    return 0


def cmd_districts(args) -> int:
    from core.db import migrate
    from core.services.districts import load_districts

    db = _db(args)
    migrate.upgrade(db.engine)
    with db.session() as s:
        n = load_districts(s, args.adcode, cli_actor())
    print(f"{n} districts of {args.adcode} loaded into {db.display_url()}")
    return 0


def cmd_import(args) -> int:
    from core.db import migrate

    db = _db(args)
    migrate.upgrade(db.engine)
    if args.kind == "positions":
        from core.errors import UsageError
        from core.feeds.geolife import import_positions

        if not args.vehicle:
            raise UsageError("import positions needs --vehicle PLATE")
        with db.session() as s:
            result = import_positions(s, args.file, args.vehicle, cli_actor())
        print(result)
        return 0
    from core.io.importer import import_file

    report = import_file(db, args.kind, args.file, cli_actor(), source_crs=args.crs)
    print(report.summary())
    return 0


def cmd_export(args) -> int:
    from core.io.exporter import export_file

    n = export_file(_db(args), args.kind, args.out, cli_actor())
    print(f"{n} {args.kind} written to {args.out}")
    return 0
