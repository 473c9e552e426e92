"""``shian vision scan VIDEO`` and ``shian vision worker``: headless, no Qt."""

from __future__ import annotations

import json
import logging
import signal
import sys
from datetime import time

from core.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser("vision", help="kitchen-camera detection: scan a video file, run a vision worker")
    vsub = p.add_subparsers(dest="vision_command", required=True, metavar="ACTION")

    s = vsub.add_parser("scan", help="run the detectors over a video file; one JSON object per detection")
    s.add_argument("video", help="video file (or demo:<scenario>)")
    s.add_argument("--detectors", metavar="A,B", help="comma-separated detector names (default: all built-in)")
    s.add_argument("--closed-hours", metavar="HH:MM-HH:MM", help="closed hours for after_hours_motion")
    s.add_argument("--start", metavar="HH:MM", help="local time of day at the video's first frame (default: now)")
    s.add_argument("--model", action="append", default=[], metavar="CONFIG",
                   help="model detector config (JSON or TOML); may be given more than once")
    s.add_argument("--threshold", action="append", default=[], metavar="KIND=VALUE",
                   help="override the threshold of one kind, e.g. blurred=0.8")
    s.set_defaults(func=scan)

    w = vsub.add_parser("worker", help="lease cameras from the database, detect, raise alerts")
    w.add_argument("--db", metavar="URL", help="database URL (default: SHIAN_DB, else the embedded database)")
    w.add_argument("--name", help="this worker's name in camera leases (default: host name and a number)")
    w.add_argument("--max-cameras", type=int, default=16, metavar="N",
                   help="never hold more than N cameras (default 16, what two cores watch at 15 fps; 0: no cap)")
    w.add_argument("--lease-seconds", type=float, default=30.0, metavar="S",
                   help="lease length; another worker takes over S seconds after this one dies (default 30)")
    w.add_argument("--offline-after", type=float, default=10.0, metavar="S",
                   help="raise camera_offline after S seconds without a picture (default 10)")
    w.add_argument("--detectors", metavar="A,B", help="comma-separated detector names (default: all built-in)")
    w.add_argument("--model", action="append", default=[], metavar="CONFIG", help="model detector config")
    w.add_argument("--for", dest="duration", type=float, metavar="S", help="stop after S seconds (default: run on)")
    w.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    w.set_defaults(func=worker)


def _names(text: str | None) -> list[str] | None:
    if not text:
        return None
    from core.vision.detectors import REGISTRY

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in REGISTRY or n == "model"]
    if unknown:
        known = ", ".join(sorted(n for n in REGISTRY if n != "model"))
        raise UsageError(f"unknown detector(s) {', '.join(unknown)}; known: {known} (models: --model CONFIG)")
    return names


def _thresholds(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        kind, _, value = item.partition("=")
        try:
            out[kind.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--threshold wants KIND=VALUE, e.g. blurred=0.8, not {item!r}") from None
        if not 0 <= out[kind.strip()] <= 1:
            raise UsageError(f"threshold {item!r} must be between 0 and 1")
    return out


def scan(args) -> int:
    from core.vision.capture import SourceError
    from core.vision.detectors.after_hours_motion import parse_closed_hours
    from core.vision.detectors.model import ConfigError, ModelConfig
    from core.vision.scan import scan as run_scan

    names = _names(args.detectors)
    try:
        closed = parse_closed_hours(args.closed_hours) if args.closed_hours else None
        start = time.fromisoformat(args.start) if args.start else None
        models = [ModelConfig.load(p) for p in args.model]
    except (ValueError, ConfigError) as exc:
        raise UsageError(str(exc)) from None
    try:
        for det in run_scan(args.video, detectors=names, closed_hours=closed, start=start, models=models,
                            thresholds=_thresholds(args.threshold)):
            sys.stdout.write(json.dumps(det) + "\n")
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    except BrokenPipeError:
        return 0
    return 0


def worker(args) -> int:
    from core.db.engine import Database
    from core.vision.detectors.model import ConfigError
    from core.vision.worker import VisionWorker, WorkerOptions

    logging.basicConfig(level=args.log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.max_cameras < 0:
        raise UsageError("--max-cameras must be 0 (no cap) or more")
    options = WorkerOptions(max_cameras=args.max_cameras or None, lease_seconds=args.lease_seconds,
                            offline_after=args.offline_after, detectors=_names(args.detectors), models=args.model)
    if args.name:
        options.name = args.name
    if args.lease_seconds < 1:
        raise UsageError("--lease-seconds must be at least 1")
    db = Database(args.db)
    try:
        vw = VisionWorker(db, options)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: vw.stop())
    logging.getLogger(__name__).info("vision worker %s on %s", options.name, db.display_url())
    try:
        vw.run(duration=args.duration)
    finally:
        db.dispose()
    return 0
