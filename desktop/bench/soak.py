"""``shian bench soak [--soak-minutes M] [--json]``: memory of a wall display left running.

A fresh process runs the desktop as a wall display does: live, the sixteen-camera wall view at
1920×1080 (offscreen), the demo feeds (GPS server, simulated fleet, vision worker) started as
child processes, on a scratch copy of the bench demo database (the feeds write to it). The
parent samples the resident memory of the desktop and, apart, of all its child processes (the
feeds and the wall's picture process) from ``/proc`` every few seconds. The budget (DESIGN.md
§6) is for 24 hours: flat, under 5 % growth after the first hour. A shorter run judges the
same way after its first quarter (at most an hour), so a short run is an early look, not the
figure; the result says how long it ran. Linux only (``/proc``); not part of ``bench all``.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_GROWTH_PCT = 5.0  # DESIGN.md §6, after the first hour
WARMUP_MAX_S = 3600.0


def add_arguments(p) -> None:
    p.add_argument("--soak-minutes", type=float, default=60.0, metavar="M", help="soak: how long to run the wall")
    p.add_argument("--soak-every", type=float, default=10.0, metavar="S", help="soak: seconds between samples")


def rss_kb(pid: int) -> int:
    """Resident memory of one process in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, their children…)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def judge(samples: list[tuple[float, int, int]], seconds: float) -> dict:
    """Growth of the median of the last tenth of the run over the median just after warm-up."""
    warm = min(WARMUP_MAX_S, seconds / 4)
    window = max(seconds / 10, 1e-9)
    base = [s for s in samples if warm <= s[0] < warm + window]
    tail = [s for s in samples if s[0] >= seconds - window]
    if not base or not tail:
        raise RuntimeError("too few samples to judge; run longer or sample more often")

    def mb(rows, i):
        return statistics.median(r[i] for r in rows) / 1024

    gui0, gui1, kids0, kids1 = mb(base, 1), mb(tail, 1), mb(base, 2), mb(tail, 2)
    return {"warmup_s": round(warm), "gui_rss_mb_after_warmup": round(gui0, 1), "gui_rss_mb_end": round(gui1, 1),
            "gui_growth_pct": round(100 * (gui1 - gui0) / gui0, 2),
            "children_rss_mb_after_warmup": round(kids0, 1), "children_rss_mb_end": round(kids1, 1),
            "children_growth_pct": round(100 * (kids1 - kids0) / kids0, 2) if kids0 else None}


def run(args) -> dict:
    from desktop.bench.map import bench_database

    if not Path("/proc/self/status").exists():
        raise RuntimeError("bench soak reads /proc: Linux only")
    seconds = float(getattr(args, "soak_minutes", 60.0)) * 60
    every = max(1.0, float(getattr(args, "soak_every", 10.0)))
    source = getattr(args, "db", None) or bench_database(float(getattr(args, "scale", 1.0) or 1.0),
                                                         progress=lambda m: print(m, flush=True))
    with tempfile.TemporaryDirectory() as scratch:
        url = source
        if source.startswith("sqlite:///"):  # the feeds write: keep the cached bench city clean
            copy = Path(scratch) / "soak.db"
            shutil.copy(source[len("sqlite:///"):], copy)
            url = f"sqlite:///{copy}"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SHIAN_DEMO_FEEDS="1", SHIAN_BENCH_SETTINGS=scratch)
        proc = subprocess.Popen([sys.executable, "-m", "desktop.bench.soak", url], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, int, int]] = []
        children_seen = 0
        t0 = time.monotonic()
        try:
            while (t := time.monotonic() - t0) < seconds:
                if proc.poll() is not None:
                    err = proc.stderr.read() if proc.stderr else ""
                    raise RuntimeError(f"the desktop ended after {t:.0f} s (exit {proc.returncode}): {err[-800:]}")
                kids = descendants(proc.pid)
                children_seen = max(children_seen, len(kids))
                samples.append((t, rss_kb(proc.pid), sum(rss_kb(k) for k in kids)))
                time.sleep(every)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # the window closes and stops its feeds
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
    out = {"minutes": round(seconds / 60, 1), "samples": len(samples), "child_processes": children_seen,
           **judge(samples, seconds), "budget_growth_pct": BUDGET_GROWTH_PCT}
    out["within_budget"] = out["gui_growth_pct"] < BUDGET_GROWTH_PCT and (
        out["children_growth_pct"] is None or out["children_growth_pct"] < BUDGET_GROWTH_PCT)
    return out


def child(url: str) -> int:
    """The desktop as a wall display runs it, until SIGTERM."""
    from PySide6.QtCore import QSettings, QTimer

    from desktop.app import _prepare_platform, make_application, open_database, signed_in_actor

    _prepare_platform(True)
    app, _settings = make_application(None, large=True)
    settings = QSettings(os.path.join(os.environ.get("SHIAN_BENCH_SETTINGS", tempfile.gettempdir()), "s.ini"),
                         QSettings.Format.IniFormat)
    db = open_database(url, progress=lambda m: None)
    from desktop.app import build_window

    win = build_window(db, signed_in_actor(db, None), settings, wall=True, live=True)
    win.resize(1920, 1080)
    win.show_view("wall")
    win.show()
    signal.signal(signal.SIGTERM, lambda *_: win.close())
    tick = QTimer(interval=200, timeout=lambda: None)  # lets Python see the signal between Qt events
    tick.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(child(sys.argv[1]))
