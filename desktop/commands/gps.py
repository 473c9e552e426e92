"""``shian gps decode|serve|simulate``: the JT/T 808 tools. Headless: no Qt is imported."""

from __future__ import annotations

import json
import logging
import re
import sys

from core.errors import UsageError
from desktop.commands import add_db_option


class FrameRejected(UsageError):
    """A frame the decoder refuses (bad escape, checksum, length…): exit code 2."""


def register(sub) -> None:
    p = sub.add_parser("gps", help="JT/T 808 GPS server, simulator and frame decoder")
    gsub = p.add_subparsers(dest="gps_command", required=True, metavar="ACTION")

    d = gsub.add_parser("decode", help="decode one frame (hex) and print it as one JSON object")
    d.add_argument("hex", metavar="HEX", nargs="+", help="the frame, 7E…7E, spaces allowed")
    d.set_defaults(func=decode)

    s = gsub.add_parser("serve", help="run the JT/T 808 TCP server")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=6808, help="TCP port (default 6808; 0 picks a free one)")
    s.add_argument("--idle-timeout", type=float, default=300.0, metavar="S", help="close silent connections after S seconds")
    s.add_argument("--no-rules", action="store_true", help="store positions without evaluating zone and hours rules")
    add_db_option(s)
    s.set_defaults(func=serve)

    m = gsub.add_parser("simulate", help="drive the database's vehicles as JT/T 808 terminals")
    m.add_argument("--host", default="127.0.0.1", help="GPS server address")
    m.add_argument("--port", type=int, default=6808, help="GPS server port")
    m.add_argument("--vehicles", type=int, default=0, metavar="N", help="at most N of the database's vehicles (0 = all)")
    m.add_argument("--synthetic", type=int, default=0, metavar="N",
                   help="instead, N generated vehicles (their rows are created if missing)")
    m.add_argument("--rate", type=float, default=1.0, metavar="HZ", help="reports per second per vehicle")
    m.add_argument("--duration", type=float, default=None, metavar="S", help="stop after S seconds")
    add_db_option(m)
    m.set_defaults(func=simulate)


def decode(args) -> int:
    from core.feeds import jt808

    text = re.sub(r"\s+", "", "".join(args.hex))
    try:
        frame = bytes.fromhex(text)
    except ValueError:
        raise FrameRejected("not a hex string") from None
    try:
        msg = jt808.decode(frame)
    except jt808.FrameError as exc:
        raise FrameRejected(f"{exc.fault} error: {exc}") from None
    print(json.dumps(jt808.to_dict(msg), ensure_ascii=False))
    return 0


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def serve(args) -> int:
    from core.db.engine import Database
    from core.feeds.gps_server import serve as run_server

    _logging()
    db = Database(args.db)

    def ready(port: int) -> None:
        print(f"listening on {args.host}:{port}", flush=True)

    try:
        run_server(db, args.host, args.port, rules=not args.no_rules, idle_timeout=args.idle_timeout, ready=ready)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc}") from None
    finally:
        db.dispose()
    return 0


def simulate(args) -> int:
    import asyncio

    from core.db.engine import Database
    from core.feeds import simulator

    _logging()
    if args.rate <= 0:
        raise UsageError("--rate must be above 0")
    db = Database(args.db)
    try:
        with db.session() as s:
            if args.synthetic:
                fleet = simulator.synthetic_fleet(args.synthetic)
                simulator.ensure_vehicles(s, fleet)
            else:
                fleet = simulator.plan_from_db(s, limit=args.vehicles or None)
    finally:
        db.dispose()
    if not fleet:
        raise UsageError("no banquet trucks or test vehicles in the database (run `shian demo` first, or use --synthetic N)")
    print(f"simulating {len(fleet)} vehicles at {args.rate:g} Hz against {args.host}:{args.port}", flush=True)
    try:
        stats = asyncio.run(simulator.simulate(fleet, args.host, args.port, args.rate, args.duration))
    except KeyboardInterrupt:
        return 130
    print(json.dumps(stats.__dict__), flush=True)
    return 0
