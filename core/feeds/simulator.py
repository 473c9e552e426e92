"""Simulated vehicle terminals that speak real JT/T 808 over TCP to the GPS server.

It drives the database's banquet trucks and test vehicles (``plan_from_db``): trucks go from
their home base to markets (where they buy), to the venues of their declared catering jobs and
to villages around them, stopping a few minutes at each; every so often a truck with a job also
stops at a village nobody declared, which the rules report. Test vehicles tour the markets.
``synthetic_fleet`` makes any number of vehicles for benches (their rows must exist in the
database so that they may register: ``ensure_vehicles``). Paths are straight legs broken into
jittered sub-legs, which looks road-like enough on a city map.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.feeds import jt808
from core.feeds.terminal import Terminal
from core.vehicles.hours import local

log = logging.getLogger("shian.gps.simulator")

BAOTOU = (109.84, 40.65)  # WGS-84: where synthetic (benchmark) fleets drive, and a fleet with no markets
_M_LAT = 110_574.0


def _m_lon(lat: float) -> float:
    return 111_320.0 * math.cos(math.radians(lat))


def offset(lon: float, lat: float, east_m: float, north_m: float) -> tuple[float, float]:
    return lon + east_m / _m_lon(lat), lat + north_m / _M_LAT


@dataclass
class Stop:
    lon: float
    lat: float
    name: str
    dwell_s: float


@dataclass
class SimVehicle:
    phone: str
    plate: str
    kind: str
    home: tuple[float, float]
    places: list[Stop] = field(default_factory=list)  # where it may go, besides home
    undeclared: list[Stop] = field(default_factory=list)  # stops a rule should catch


class Mover:
    """Where one vehicle is at each tick: legs between stops, dwell at each stop."""

    def __init__(self, vehicle: SimVehicle, rng: random.Random, speed_kmh: tuple[float, float] = (30, 60)):
        self.v, self.rng, self.speed_range = vehicle, rng, speed_kmh
        self.lon, self.lat = vehicle.home
        self.heading = 0.0
        self.speed = 0.0
        self.mileage_km = rng.uniform(1_000, 80_000)
        self._waypoints: list[tuple[float, float]] = []
        self._dwell = rng.uniform(0, 20)
        self._cruise = 40.0
        self._dwell_next = 0.0

    def _next_stop(self) -> Stop:
        v, rng = self.v, self.rng
        if v.undeclared and rng.random() < 0.3:
            return rng.choice(v.undeclared)
        if v.places and rng.random() < 0.85:
            return rng.choice(v.places)
        return Stop(v.home[0], v.home[1], "home", rng.uniform(60, 180))

    def _plan(self, stop: Stop) -> None:
        """Straight line to ``stop``, cut every ~800 m with sideways jitter, like streets."""
        dx = (stop.lon - self.lon) * _m_lon(self.lat)
        dy = (stop.lat - self.lat) * _M_LAT
        dist = math.hypot(dx, dy)
        n = max(1, int(dist / 800))
        pts = []
        for k in range(1, n):
            f = k / n
            jitter = self.rng.gauss(0, 60)
            px, py = offset(self.lon, self.lat, dx * f - dy / dist * jitter, dy * f + dx / dist * jitter)
            pts.append((px, py))
        pts.append((stop.lon, stop.lat))
        self._waypoints = pts
        self._dwell_next = stop.dwell_s
        self._cruise = self.rng.uniform(*self.speed_range)

    def step(self, dt: float) -> None:
        if self._dwell > 0:
            self._dwell -= dt
            self.speed = 0.0
            if self._dwell <= 0:
                self._plan(self._next_stop())
            return
        if not self._waypoints:
            self._plan(self._next_stop())
        budget = max(0.0, self.rng.gauss(self._cruise, 4.0)) / 3.6 * dt
        travelled = 0.0
        while budget > 0 and self._waypoints:
            tx, ty = self._waypoints[0]
            dx = (tx - self.lon) * _m_lon(self.lat)
            dy = (ty - self.lat) * _M_LAT
            d = math.hypot(dx, dy)
            if d > 0:
                self.heading = math.degrees(math.atan2(dx, dy)) % 360
            if d <= budget:
                self.lon, self.lat = tx, ty
                self._waypoints.pop(0)
                budget -= d
                travelled += d
            else:
                self.lon, self.lat = offset(self.lon, self.lat, dx / d * budget, dy / d * budget)
                travelled += budget
                budget = 0
        self.speed = travelled / dt * 3.6 if dt > 0 else 0.0
        self.mileage_km += travelled / 1000
        if not self._waypoints:
            self._dwell = self._dwell_next

    def location(self, now: datetime) -> jt808.Location:
        status = jt808.STATUS_FIXED | (jt808.STATUS_ACC if self.speed > 0 or self._dwell < 30 else 0)
        return jt808.Location(
            lat=round(self.lat, 6), lon=round(self.lon, 6), time=now.astimezone(jt808.CST).replace(microsecond=0),
            speed_kmh=round(self.speed, 1), direction=int(self.heading) % 360, altitude_m=1050, status=status,
            extras=(jt808.extra(0x01, round(self.mileage_km, 1)), jt808.extra(0x30, 25), jt808.extra(0x31, 12)),
        )


def plan_from_db(session: Session, limit: int | None = None, seed: int = 7) -> list[SimVehicle]:
    """The database's trucks and test vehicles with their stops: jobs of today, markets, villages."""
    from core.db.models import CateringJob, Market, Vehicle

    rng = random.Random(seed)
    markets = [Stop(m.lon, m.lat, m.name, 120.0) for m in session.execute(select(Market.lon, Market.lat, Market.name))]
    today = local(datetime.now(UTC)).date()
    jobs: dict[int, list[Stop]] = {}
    for j in session.execute(select(CateringJob.vehicle_id, CateringJob.venue, CateringJob.venue_lon,
                                    CateringJob.venue_lat).where(CateringJob.day == today)):
        jobs.setdefault(j.vehicle_id, []).append(Stop(j.venue_lon, j.venue_lat, j.venue, 600.0))
    q = (select(Vehicle).where(Vehicle.kind.in_(("banquet_truck", "test_vehicle")), Vehicle.active.is_(True))
         .order_by(Vehicle.id))
    if limit:
        q = q.limit(limit)
    # A vehicle without a home starts from the middle of this database's markets (whatever city).
    centre = (float(np.median([m.lon for m in markets])), float(np.median([m.lat for m in markets]))) if markets else BAOTOU
    fleet = []
    for v in session.scalars(q):
        home = (v.home_lon, v.home_lat) if v.home_lon is not None else offset(*centre, rng.gauss(0, 4000), rng.gauss(0, 3000))
        sim = SimVehicle(v.terminal_phone, v.plate, v.kind, home)
        if v.kind == "test_vehicle":
            sim.places = rng.sample(markets, min(6, len(markets))) if markets else []
        else:
            villages = [Stop(*offset(*home, rng.uniform(-12000, 12000), rng.uniform(-9000, 9000)), f"village {k}", 240.0)
                        for k in range(3)]
            sim.places = jobs.get(v.id, []) + villages + (rng.sample(markets, min(2, len(markets))) if markets else [])
            if v.id in jobs and rng.random() < 0.5:
                sim.undeclared = [Stop(*offset(*home, rng.uniform(3000, 8000), rng.uniform(3000, 8000)),
                                       "undeclared venue", 900.0)]
        fleet.append(sim)
    return fleet


def synthetic_fleet(n: int, seed: int = 7, phone_prefix: str = "0199") -> list[SimVehicle]:
    """``n`` vehicles around Baotou with generated phones ``<prefix><8 digits>`` and plates."""
    rng = random.Random(seed)
    fleet = []
    for i in range(n):
        home = offset(*BAOTOU, rng.gauss(0, 6000), rng.gauss(0, 4000))
        places = [Stop(*offset(*home, rng.uniform(-8000, 8000), rng.uniform(-6000, 6000)), f"p{k}", 60.0)
                  for k in range(4)]
        fleet.append(SimVehicle(f"{phone_prefix}{i:08d}", f"模{i:06d}", "test_vehicle", home, places))
    return fleet


def ensure_vehicles(session: Session, fleet: list[SimVehicle]) -> int:
    """Create the vehicle rows a synthetic fleet needs to register; returns how many were added."""
    from core.db.models import Vehicle

    known = set(session.scalars(select(Vehicle.terminal_phone)))
    new = [Vehicle(plate=v.plate, kind=v.kind, terminal_phone=v.phone, home_lon=v.home[0], home_lat=v.home[1])
           for v in fleet if v.phone not in known]
    session.add_all(new)
    return len(new)


@dataclass
class SimStats:
    connected: int = 0
    sent: int = 0
    acked: int = 0
    refused: int = 0
    failures: int = 0


async def _drive(v: SimVehicle, host: str, port: int, rate: float, stop: asyncio.Event,
                 stats: SimStats, rng: random.Random) -> None:
    mover = Mover(v, rng)
    period = 1.0 / rate
    backoff = 1.0
    await asyncio.sleep(rng.uniform(0, period))  # spread the fleet over the period
    while not stop.is_set():
        term = Terminal(v.phone, timeout=30)
        try:
            await term.connect(host, port)
            await term.register(v.plate)
            await term.authenticate()
            stats.connected += 1
            backoff = 1.0
            loop = asyncio.get_running_loop()
            next_at = loop.time()
            try:
                while not stop.is_set():
                    mover.step(period)
                    term.report_nowait(jt808.LocationReport(mover.location(datetime.now(UTC))))
                    stats.sent += 1
                    await term.drain()
                    next_at += period
                    await asyncio.sleep(max(0.0, next_at - loop.time()))
            finally:
                stats.connected -= 1
                stats.acked += term.acked
                stats.refused += term.refused
        except (OSError, TimeoutError, ConnectionError) as exc:
            stats.failures += 1
            log.info("terminal %s: %s; reconnecting in %.0f s", v.phone, exc, backoff)
        except Exception as exc:  # refused registration and the like: log and retry slowly
            stats.failures += 1
            log.warning("terminal %s: %s", v.phone, exc)
            backoff = max(backoff, 30.0)
        finally:
            await term.close()
        if not stop.is_set():
            try:
                async with asyncio.timeout(backoff):
                    await stop.wait()
            except TimeoutError:
                pass
            backoff = min(backoff * 2, 60.0)


async def simulate(fleet: list[SimVehicle], host: str = "127.0.0.1", port: int = 6808, rate: float = 1.0,
                   duration: float | None = None, stop: asyncio.Event | None = None, seed: int = 7) -> SimStats:
    """Drive every vehicle of ``fleet`` as a terminal until ``duration`` seconds pass or ``stop`` is set."""
    stop = stop or asyncio.Event()
    stats = SimStats()
    rng = random.Random(seed)
    tasks = [asyncio.create_task(_drive(v, host, port, rate, stop, stats, random.Random(rng.random())))
             for v in fleet]
    try:
        if duration is not None:
            try:
                async with asyncio.timeout(duration):
                    await stop.wait()
            except TimeoutError:
                pass
        else:
            await stop.wait()
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    return stats


class SimulatorThread:
    """``simulate`` on its own event loop in a background thread, for a bench or a desktop that
    runs the demo itself: ``with SimulatorThread(fleet, port=srv.port) as sim: …; sim.stats``."""

    def __init__(self, fleet: list[SimVehicle], host: str = "127.0.0.1", port: int = 6808,
                 rate: float = 1.0, seed: int = 7) -> None:
        self.fleet, self.host, self.port, self.rate, self.seed = fleet, host, port, rate, seed
        self.stats: SimStats | None = None
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="gps-simulator", daemon=True)
        self._started = threading.Event()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> SimStats:
            self._stop = asyncio.Event()
            self._started.set()
            return await simulate(self.fleet, self.host, self.port, self.rate, stop=self._stop, seed=self.seed)

        self.stats = self._loop.run_until_complete(main())
        self._loop.close()

    def start(self) -> SimulatorThread:
        self._thread.start()
        self._started.wait(30)
        return self

    def stop(self) -> SimStats | None:
        if self._thread.is_alive() and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(60)
        return self.stats

    def __enter__(self) -> SimulatorThread:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
