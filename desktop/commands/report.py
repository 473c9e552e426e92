"""``shian report …``: documents for the public and for analysts. None of them imports Qt.

- ``report bulletin OUT --market ID --date YYYY-MM-DD [--all]``: the daily public notice of a
  market's rapid tests, PDF or PNG by OUT's extension (``--all``: OUT is a folder, one per market);
- ``report stars OUT``: the public list of star-rated businesses, CSV, XLSX, HTML or PDF.

Each action is a ``register_<name>(sub)`` function below; ``report map`` joins them the same way.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop.commands import add_db_option


def register(sub) -> None:
    p = sub.add_parser("report", help="write public notices, lists and map reports")
    rsub = p.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    register_bulletin(rsub)
    register_stars(rsub)
    # ``report map OUT [--layers …] [--bbox W,S,E,N]`` (print layouts) registers here: register_map(rsub).


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def register_bulletin(rsub) -> None:
    b = rsub.add_parser("bulletin", help="the daily public notice of a market's rapid tests (日检日公示)")
    b.add_argument("out", help="OUT.pdf or OUT.png (1920×1080); with --all a folder")
    b.add_argument("--market", metavar="ID", help="market id or code, e.g. NM0001")
    b.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="the day tested (default: today, Beijing time)")
    b.add_argument("--all", action="store_true", help="one notice per market that tested that day, into folder OUT")
    b.add_argument("--format", choices=("pdf", "png"), default="pdf", help="with --all: the format (default pdf)")
    add_db_option(b)
    b.set_defaults(func=cmd_bulletin)


def cmd_bulletin(args) -> int:
    from core.db.engine import Database
    from core.errors import UsageError
    from core.rapid_tests.filters import local_today
    from core.reports.bulletin import write_all_bulletins, write_bulletin

    day = args.date or local_today()
    if args.all == bool(args.market):
        raise UsageError("give either --market ID or --all")
    db = Database(args.db)
    try:
        with db.session() as s:
            if args.all:
                outs = write_all_bulletins(s, day, args.out, args.format)
                print(f"{len(outs)} notice(s) for {day} written to {Path(args.out)}")
            else:
                out = write_bulletin(s, args.market, day, args.out)
                print(f"notice for market {args.market} on {day} written to {out}")
    finally:
        db.dispose()
    return 0


def register_stars(rsub) -> None:
    s = rsub.add_parser("stars", help="the public list of star-rated food businesses")
    s.add_argument("out", help="OUT.csv, OUT.xlsx, OUT.html (printable) or OUT.pdf")
    s.add_argument("--district", metavar="NAME", help="only this district (name or adcode)")
    s.add_argument("--min-stars", type=int, default=1, metavar="N", help="list businesses with at least N stars (default 1)")
    add_db_option(s)
    s.set_defaults(func=cmd_stars)


def cmd_stars(args) -> int:
    from core.db.engine import Database
    from core.reports.star_list import write_star_list

    db = Database(args.db)
    try:
        with db.session() as s:
            n = write_star_list(s, args.out, district=args.district, min_stars=args.min_stars)
        print(f"{n} business(es) written to {args.out}")
    finally:
        db.dispose()
    return 0
