"""The JT/T 808 TCP server: terminals register, authenticate, and only then report positions.

One asyncio loop serves every connection (thousands per process); the database is touched only
from worker threads. Per connection:

* 0x0100 registration → 0x8100: a terminal whose phone number belongs to an active vehicle gets
  result 0 and a fresh auth code (stored on the vehicle, so the terminal can authenticate again
  on later connections); an unknown number gets 4 "no such terminal", an inactive vehicle 2.
  A registered terminal registering again gets a new code (terminals do after a reset).
* 0x0102 authentication → 0x8001 result 0 when the code matches the vehicle's, else 1.
* 0x0200 / 0x0704 locations → stored in batches (core.feeds.position_writer) and acknowledged
  with 0x8001 once committed; before authentication they get result 1 and nothing is stored.
* 0x0002 heartbeat → 0x8001; 0x0003 logout → the auth code is voided; 0x0001 needs no reply;
  anything else → 0x8001 result 3 (not supported).

A bad frame (escape, checksum, length) is logged and dropped; the connection stays open. A
connection silent for ``idle_timeout`` seconds is closed. Fixes without the fix flag or off the
globe are stored with ``valid = False`` and are not applied to ``vehicle.last_*``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select, update

from core.auth import SYSTEM, Actor
from core.db.engine import Database
from core.db.models import Vehicle
from core.feeds import jt808
from core.feeds.jt808.messages import REPLY_FAILURE, REPLY_OK, REPLY_UNSUPPORTED
from core.feeds.position_writer import PositionWriter

log = logging.getLogger("shian.gps")

DEFAULT_PORT = 6808


def phone_candidates(phone: str) -> list[str]:
    """The spellings a stored terminal number may have for a phone field as sent: with or
    without its leading zeros, padded to any width up to the 20 digits of the 2019 layout."""
    bare = phone.lstrip("0") or "0"
    return sorted({phone, bare, *(bare.rjust(n, "0") for n in range(len(bare), 21))})


def position_row(vehicle_id: int, loc: jt808.Location, received: datetime) -> dict:
    """A ``position`` row for one decoded fix. A fix without a usable time takes the receive time."""
    return {
        "vehicle_id": vehicle_id,
        "time": loc.time or received,
        "lon": loc.lon,
        "lat": loc.lat,
        "altitude_m": float(loc.altitude_m),
        "speed_kmh": loc.speed_kmh,
        "heading": float(loc.direction),
        "valid": loc.valid,
        "alarm": loc.alarm,
        "status": loc.status,
        "mileage_km": loc.extra_value("mileage_km"),
        "source": "jt808",
        "received_at": received,
    }


@dataclass
class ServerStats:
    connections: int = 0
    open_connections: int = 0
    frames: int = 0
    bad_frames: int = 0
    reports: int = 0
    refused_reports: int = 0
    idle_closed: int = 0


@dataclass(slots=True)
class _Terminal:
    writer: asyncio.StreamWriter
    loop: asyncio.AbstractEventLoop
    peer: str
    phone: str | None = None
    vehicle_id: int | None = None
    version: int | None = None
    seq: int = 0
    bad_frames: int = 0
    out: list[bytes] = field(default_factory=list)

    def send(self, body, phone: str, version: int | None) -> None:
        """Queue a reply; replies queued in one loop iteration (a committed batch acknowledges
        many reports at once) leave in one write instead of one system call each."""
        if self.writer.is_closing():
            return
        self.seq = (self.seq + 1) & 0xFFFF
        if not self.out:
            self.loop.call_soon(self._flush)
        self.out.append(jt808.encode(body, phone, self.seq, version=version))

    def _flush(self) -> None:
        data = b"".join(self.out)
        self.out.clear()
        if not self.writer.is_closing():
            self.writer.write(data)


def _reply(term: _Terminal, h: jt808.Header, result: int) -> None:
    term.send(jt808.PlatformReply(h.seq, h.msg_id, result), h.phone, h.version)


class GpsServer:
    """Create, ``await start()``, then ``await serve_forever()`` or ``await stop()``."""

    def __init__(self, db: Database, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
                 idle_timeout: float = 300.0, batch_delay: float = 0.05, batch_rows: int = 5000,
                 rules=None, actor: Actor = SYSTEM) -> None:
        actor.require("ingest_positions")
        self.db = db
        self.host = host
        self.port = port
        self.idle_timeout = idle_timeout
        self.actor = actor
        self.stats = ServerStats()
        self.writer = PositionWriter(db, max_delay=batch_delay, max_rows=batch_rows, rules=rules)
        self._lookups = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gps-lookup")
        self._server: asyncio.base_events.Server | None = None
        self._writer_task: asyncio.Task | None = None
        self._conns: set[asyncio.Task] = set()

    async def start(self) -> None:
        self._writer_task = asyncio.create_task(self.writer.run(), name="gps-writer")
        self._server = await asyncio.start_server(self._handle, self.host, self.port, backlog=4096,
                                                  limit=1 << 16)
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("JT/T 808 server listening on %s:%d, database %s", self.host, self.port,
                 self.db.display_url())

    async def serve_forever(self) -> None:
        async with self._server:
            await self._server.serve_forever()

    async def stop(self) -> None:
        """Stop accepting, close every connection, write what is pending."""
        if self._server is not None:
            self._server.close()
        for task in list(self._conns):
            task.cancel()
        await asyncio.gather(*self._conns, return_exceptions=True)
        await self.writer.close()
        if self._writer_task is not None:
            await self._writer_task
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.writer.shutdown)
        self._lookups.shutdown(wait=False)

    # -- connections -------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._conns.add(task)
        peer = writer.get_extra_info("peername")
        term = _Terminal(writer, asyncio.get_running_loop(), f"{peer[0]}:{peer[1]}" if peer else "?")
        splitter = jt808.FrameSplitter()
        reassembler = jt808.Reassembler()
        self.stats.connections += 1
        self.stats.open_connections += 1
        try:
            while True:
                try:
                    async with asyncio.timeout(self.idle_timeout):
                        data = await reader.read(65536)
                except TimeoutError:
                    self.stats.idle_closed += 1
                    log.info("closing %s (%s): idle for %.0f s", term.peer, term.phone, self.idle_timeout)
                    break
                if not data:
                    break
                for raw in splitter.feed(data):
                    self.stats.frames += 1
                    try:
                        header, body = jt808.decode_packet(raw)
                        if header.subpackaged:
                            msg = reassembler.add(header, body)
                            if msg is None:  # a packet of a longer message: acknowledge it
                                _reply(term, header, REPLY_OK)
                                continue
                        else:
                            msg = jt808.Message(header, jt808.decode_body(header, body))
                    except jt808.FrameError as exc:
                        self.stats.bad_frames += 1
                        term.bad_frames += 1
                        if term.bad_frames <= 10 or term.bad_frames % 1000 == 0:  # a broken terminal must not flood the log
                            log.warning("dropped bad frame #%d from %s (%s): %s fault: %s",
                                        term.bad_frames, term.peer, term.phone, exc.fault, exc)
                        continue
                    await self._dispatch(term, msg)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:
            pass
        finally:
            self.stats.open_connections -= 1
            self._conns.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _dispatch(self, term: _Terminal, msg: jt808.Message) -> None:
        h, body = msg.header, msg.body
        if isinstance(body, (jt808.LocationReport, jt808.LocationBatch)):  # the hot path first
            self._locations(term, h, body)
            return
        if isinstance(body, jt808.TerminalReply):
            return
        if isinstance(body, jt808.Registration):
            result, code = await self._in_thread(self._register, h.phone, body)
            if result == jt808.REG_OK:
                self._bind(term, h, None)
            term.send(jt808.RegistrationReply(h.seq, result, code), h.phone, h.version)
            return
        if isinstance(body, jt808.Authentication):
            vehicle_id = await self._in_thread(self._authenticate, h.phone, body.auth_code)
            if vehicle_id is not None:
                self._bind(term, h, vehicle_id)
            else:
                log.info("authentication refused for %s from %s", h.phone, term.peer)
            _reply(term, h, REPLY_OK if vehicle_id is not None else REPLY_FAILURE)
            return
        if isinstance(body, jt808.Heartbeat):
            _reply(term, h, REPLY_OK)
            return
        if isinstance(body, jt808.Logout):
            if term.vehicle_id is not None and h.phone == term.phone:
                await self._in_thread(self._void_auth_code, term.vehicle_id)
                term.vehicle_id = None
                _reply(term, h, REPLY_OK)
            else:
                _reply(term, h, REPLY_FAILURE)
            return
        _reply(term, h, REPLY_UNSUPPORTED)

    def _locations(self, term: _Terminal, h: jt808.Header, body) -> None:
        locs = (body.location,) if isinstance(body, jt808.LocationReport) else body.locations
        if term.vehicle_id is None or h.phone != term.phone:
            self.stats.refused_reports += len(locs)
            _reply(term, h, REPLY_FAILURE)
            return
        received = datetime.now(UTC)
        rows = [position_row(term.vehicle_id, loc, received) for loc in locs]
        self.stats.reports += len(rows)
        self.writer.submit(rows, lambda ok: _reply(term, h, REPLY_OK if ok else REPLY_FAILURE))

    @staticmethod
    def _bind(term: _Terminal, h: jt808.Header, vehicle_id: int | None) -> None:
        term.phone, term.version, term.vehicle_id = h.phone, h.version, vehicle_id

    async def _in_thread(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self._lookups, fn, *args)

    # -- database (worker threads) ----------------------------------------------------------

    def _find_vehicle(self, session, phone: str) -> Vehicle | None:
        return session.scalar(select(Vehicle).where(Vehicle.terminal_phone.in_(phone_candidates(phone))))

    def _register(self, phone: str, reg: jt808.Registration) -> tuple[int, str]:
        with self.db.session() as s:
            vehicle = self._find_vehicle(s, phone)
            if vehicle is None:
                log.info("registration refused: terminal %s (plate %r) is not in the database", phone, reg.plate)
                return jt808.REG_NO_TERMINAL, ""
            if not vehicle.active:
                log.info("registration refused: vehicle %s of terminal %s is inactive", vehicle.plate, phone)
                return jt808.REG_NO_VEHICLE, ""
            code = secrets.token_hex(8)
            vehicle.auth_code = code
            if reg.terminal_id:
                vehicle.terminal_id = reg.terminal_id[:32]
            log.info("registered terminal %s for vehicle %s", phone, vehicle.plate)
            return jt808.REG_OK, code

    def _authenticate(self, phone: str, code: str) -> int | None:
        with self.db.session() as s:
            vehicle = self._find_vehicle(s, phone)
            if vehicle is None or not vehicle.active or not vehicle.auth_code:
                return None
            if not hmac.compare_digest(vehicle.auth_code.encode(), code.encode()):
                return None
            return vehicle.id

    def _void_auth_code(self, vehicle_id: int) -> None:
        with self.db.session() as s:
            s.execute(update(Vehicle).where(Vehicle.id == vehicle_id).values(auth_code=""))


class ServerThread:
    """A GpsServer on its own event loop in a background thread: for tests, benches and a desktop
    that hosts the server itself. ``with ServerThread(db, port=0) as srv: srv.port``."""

    def __init__(self, db: Database, host: str = "127.0.0.1", port: int = 0, **kw) -> None:
        self.server = GpsServer(db, host, port, **kw)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="gps-server", daemon=True)

    @property
    def port(self) -> int:
        return self.server.port

    def start(self) -> ServerThread:
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.server.start())
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self.server.stop())
        self._loop.close()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(30)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(db: Database, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, rules: bool = True,
          ready=None, **kw) -> None:
    """Run the server until interrupted (``shian gps serve``). ``ready(port)`` is called once bound."""
    _raise_fd_limit()
    engine = None
    if rules:
        from core.vehicles.rules import RuleEngine

        engine = RuleEngine()

    async def main() -> None:
        server = GpsServer(db, host, port, rules=engine, **kw)
        await server.start()
        if ready is not None:
            ready(server.port)
        try:
            await server.serve_forever()
        finally:
            await server.stop()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())


def _raise_fd_limit() -> None:
    """Thousands of terminals need thousands of file descriptors: lift the soft limit to the hard one."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
