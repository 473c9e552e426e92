"""``shian bench ingest``: JT/T 808 location reports per second, terminal → TCP → codec → server →
database, counted only once committed (the server acknowledges a report after its batch commits).

The server runs as its own process (``shian gps serve``, with its rules), so it has a core to
itself as in production; the terminals run here on asyncio. The bench always works in a scratch
database it creates and removes: a temporary SQLite file by default, or with ``--db
postgresql://…`` a scratch database created on that server (never tables of an existing one).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

BUDGET = 5000  # reports per second (DESIGN.md §6)


def add_arguments(p) -> None:
    p.add_argument("--ingest-terminals", type=int, default=50, metavar="N", help="ingest: concurrent terminals")
    p.add_argument("--ingest-reports", type=int, default=60000, metavar="N", help="ingest: reports to send in all")


@contextmanager
def scratch_database(db: str | None):
    """A fresh, migrated database URL on the engine ``db`` names; removed afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from core.db import migrate
    from core.db.engine import make_engine, resolve_url

    url = resolve_url(db) if db else None
    if url and make_url(url).get_backend_name() == "postgresql":
        name = f"shian_bench_ingest_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        scratch = make_url(url).set(database=name).render_as_string(hide_password=False)
        try:
            engine = make_engine(scratch)
            migrate.upgrade(engine)
            engine.dispose()
            yield scratch
        finally:
            with admin.connect() as c:
                c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            admin.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="shian-bench-ingest-") as d:
        scratch = f"sqlite:///{Path(d) / 'ingest.db'}"
        engine = make_engine(scratch)
        migrate.upgrade(engine)
        engine.dispose()
        yield scratch


@contextmanager
def server_process(url: str):
    """``shian gps serve`` on a free loopback port; yields the port."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "gps", "serve", "--port", "0", "--db", url],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    try:
        line = proc.stdout.readline()
        if not line.startswith("listening on"):
            raise RuntimeError(f"the GPS server did not start: {line!r}")
        yield int(line.rsplit(":", 1)[1])
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _blast(port: int, phones: list[str], per_terminal: int, window: int = 400) -> float:
    from core.feeds import jt808
    from core.feeds.terminal import Terminal

    t0 = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    terms = []
    for phone in phones:
        t = Terminal(phone, timeout=60)
        await t.connect("127.0.0.1", port)
        await t.register("模" + phone[-6:])
        await t.authenticate()
        terms.append(t)
    frames = []
    for k, t in enumerate(terms):
        batch = []
        for i in range(per_terminal):
            loc = jt808.Location(lat=40.6 + k * 1e-4 + i * 1e-6, lon=109.8 + i * 1e-6, time=t0 + timedelta(seconds=i),
                                 speed_kmh=35.0, direction=90, extras=(jt808.extra(0x01, 1000 + i / 100),))
            batch.append(jt808.encode(jt808.LocationReport(loc), t.phone, 100 + i))
        frames.append(batch)

    async def pump(t, batch):
        sent = 0
        while sent < len(batch):
            room = window - (sent - t.acked - t.refused)
            if room <= 0:
                await t.wait_acked(sent - window // 2)
                continue
            chunk = batch[sent:sent + room]
            t.send_frame(b"".join(chunk))
            sent += len(chunk)
            await t.drain()
        await t.wait_acked(len(batch))

    start = time.perf_counter()
    await asyncio.gather(*(pump(t, b) for t, b in zip(terms, frames, strict=True)))
    elapsed = time.perf_counter() - start
    refused = sum(t.refused for t in terms)
    for t in terms:
        await t.close()
    if refused:
        raise RuntimeError(f"the server refused {refused} reports")
    return elapsed


def run(args) -> dict:
    from sqlalchemy import func, select

    from core.db.engine import Database
    from core.db.models import Position
    from core.feeds.simulator import ensure_vehicles, synthetic_fleet

    n_terms = max(1, args.ingest_terminals)
    per_terminal = max(1, args.ingest_reports // n_terms)
    with scratch_database(getattr(args, "db", None)) as url:
        db = Database(url)
        fleet = synthetic_fleet(n_terms, phone_prefix="0188")
        with db.session() as s:
            ensure_vehicles(s, fleet)
        try:
            with server_process(url) as port:
                elapsed = asyncio.run(_blast(port, [v.phone for v in fleet], per_terminal))
            with db.session() as s:
                stored = s.scalar(select(func.count()).select_from(Position))
        finally:
            dialect = db.dialect
            db.dispose()
    total = n_terms * per_terminal
    if stored != total:
        raise RuntimeError(f"{total} reports were acknowledged but {stored} are in the database")
    rate = total / elapsed
    return {
        "reports_per_s": round(rate, 1),
        "db": dialect,
        "reports": total,
        "terminals": n_terms,
        "seconds": round(elapsed, 3),
        "budget_per_s": BUDGET,
        "within_budget": rate >= BUDGET,
    }
