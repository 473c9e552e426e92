"""Batched writing of accepted GPS fixes: one bulk write per batch, never one per report.

Fixes are collected for up to ``max_delay`` seconds or ``max_rows`` rows, then written by one
worker thread (the event loop never waits on the database): COPY into ``position`` on
PostgreSQL, a Core ``executemany`` on SQLite; the latest valid fix of each vehicle onto
``vehicle.last_*``; the zone and hours rules; one change-log row so workstations refresh. While a batch is being written the next
one fills up, so the batch size grows with the load by itself. Each submitter is told, on the
event loop, whether its rows were committed; the GPS server acknowledges reports only then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import String, and_, bindparam, insert, or_, update

from core.db.changes import notify
from core.db.engine import Database
from core.db.models import Position, Vehicle

log = logging.getLogger("shian.gps.writer")

POSITION = Position.__table__
VEHICLE = Vehicle.__table__

_COLUMNS = [c.name for c in POSITION.columns if c.name != "id"]
_COPY = f"COPY position ({', '.join(_COLUMNS)}) FROM STDIN"


# On SQLite the two time columns are bound as the text SQLAlchemy itself stores, formatted once
# here: that halves the cost of a row against the generic type processing.
_SQLITE_INSERT = insert(POSITION).values(time=bindparam("time", type_=String()),
                                         received_at=bindparam("received_at", type_=String()))


def _sqlite_text(t: datetime) -> str:
    # The exact storage format of SQLAlchemy's SQLite DateTime, so comparisons stay consistent.
    return t.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_LAST_FIX = (
    update(VEHICLE)
    .where(and_(VEHICLE.c.id == bindparam("vid"),
                or_(VEHICLE.c.last_time.is_(None), VEHICLE.c.last_time <= bindparam("t"))))
    .values(last_time=bindparam("t"), last_lon=bindparam("lon"), last_lat=bindparam("lat"),
            last_speed=bindparam("speed"), last_heading=bindparam("heading"))
)


@dataclass
class WriterStats:
    batches: int = 0
    rows: int = 0
    failed_batches: int = 0
    largest_batch: int = 0


class PositionWriter:
    """Runs inside an event loop: ``submit`` from coroutines, ``run`` as a task, ``close`` to drain."""

    def __init__(self, db: Database, *, max_delay: float = 0.05, max_rows: int = 5000,
                 rules=None) -> None:
        self.db = db
        self.max_delay = max_delay
        self.max_rows = max_rows
        self.rules = rules  # an object with feed(session, rows) (core.vehicles.rules.RuleEngine) or None
        self.stats = WriterStats()
        self._rows: list[dict] = []
        self._done: list[Callable[[bool], None]] = []
        self._wake = asyncio.Event()
        self._full = asyncio.Event()
        self._first_at = 0.0
        self._closing = False
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gps-writer")

    def submit(self, rows: list[dict], done: Callable[[bool], None] | None = None) -> None:
        if not self._rows and not self._done:
            self._first_at = asyncio.get_running_loop().time()
        self._rows.extend(rows)
        if done is not None:
            self._done.append(done)
        self._wake.set()
        if len(self._rows) >= self.max_rows:
            self._full.set()

    @property
    def pending(self) -> int:
        return len(self._rows)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._wake.wait()
            if not self._rows and not self._done:
                self._wake.clear()
                if self._closing:
                    return
                continue
            # Let the batch fill, counted from its first row: a burst becomes one transaction, and
            # rows that waited through the previous write go out at once.
            wait = self._first_at + self.max_delay - loop.time()
            if wait > 0 and not self._closing and not self._full.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._full.wait(), wait)
            rows, done = self._rows, self._done
            self._rows, self._done = [], []
            self._wake.clear()
            self._full.clear()
            ok = True
            try:
                await loop.run_in_executor(self._thread, self._write, rows)
            except Exception:
                ok = False
                self.stats.failed_batches += 1
                log.exception("writing %d positions failed; their reports are answered with failure", len(rows))
            for cb in done:
                try:
                    cb(ok)
                except Exception:
                    log.exception("acknowledging a batch failed")

    async def close(self) -> None:
        """Ask ``run`` to write what is pending and return."""
        self._closing = True
        self._wake.set()
        self._full.set()

    def shutdown(self) -> None:
        self._thread.shutdown(wait=True)

    def _write(self, rows: list[dict]) -> None:
        if not rows:
            return
        latest: dict[int, dict] = {}
        for r in rows:
            if r["valid"]:
                cur = latest.get(r["vehicle_id"])
                if cur is None or r["time"] >= cur["time"]:
                    latest[r["vehicle_id"]] = r
        with self.db.session() as s:
            conn = s.connection()
            if self.db.is_postgres:
                # COPY is PostgreSQL's bulk path: several times faster than a multi-row INSERT.
                with conn.connection.driver_connection.cursor() as cur, cur.copy(_COPY) as copy:
                    for r in rows:
                        copy.write_row([r[c] for c in _COLUMNS])
            else:
                conn.execute(_SQLITE_INSERT, [{**r, "time": _sqlite_text(r["time"]),
                                               "received_at": _sqlite_text(r["received_at"])} for r in rows])
            if latest:
                conn.execute(_LAST_FIX, [
                    {"vid": vid, "t": r["time"], "lon": r["lon"], "lat": r["lat"],
                     "speed": r["speed_kmh"], "heading": r["heading"]}
                    for vid, r in latest.items()
                ])
            if self.rules is not None:
                self.rules.feed(s, rows)
            notify(s, [{"entity": "vehicle", "entity_id": "", "op": "bulk"}])
        self.stats.batches += 1
        self.stats.rows += len(rows)
        self.stats.largest_batch = max(self.stats.largest_batch, len(rows))
