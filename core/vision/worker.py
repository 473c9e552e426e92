"""The headless vision worker: lease cameras, watch them, raise alerts with evidence.

One thread per leased camera reads its stream (``StreamReader``), runs the detectors and keeps a
ring of recent frames for clips. Camera threads never touch the database: they post events to
one queue, and the worker's main loop writes them in short transactions (alerts through
``core.services.alerts.raise_alert``, camera state, clips) and runs the lease cycle.

An ongoing condition raises one alert: its dedup key is ``camera:<id>:<kind>``; the alert is
refreshed while the condition lasts and marked ended when it has been absent for ``clear_after``
seconds. A stream that cannot be opened, or stops delivering frames, for ``offline_after``
seconds raises ``camera_offline`` and sets the camera's state.
"""

from __future__ import annotations

import logging
import queue
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from core.auth import Actor
from core.db.engine import Database
from core.db.models import Alert, AlertMedia, Camera
from core.services.alerts import OPEN_STATES, end_condition, raise_alert
from core.vision import leases
from core.vision import thresholds as _thresholds
from core.vision.capture import StreamReader
from core.vision.detectors import Pipeline
from core.vision.detectors.after_hours_motion import parse_closed_hours
from core.vision.detectors.model import ModelConfig
from core.vision.media import ClipRing, snapshot_jpeg
from core.vision.urls import mask_url

log = logging.getLogger(__name__)

SEVERITY = {"lens_covered": "high", "signal_lost": "high", "camera_offline": "high", "after_hours_motion": "high",
            "frozen": "medium", "blurred": "low"}
TITLES = {"lens_covered": "Lens covered", "blurred": "Picture blurred", "frozen": "Picture frozen",
          "signal_lost": "Video signal lost", "after_hours_motion": "Motion after hours",
          "camera_offline": "Camera offline"}


@dataclass
class WorkerOptions:
    name: str = field(default_factory=lambda: f"{socket.gethostname()}-{int(time.time()) % 100000}")
    max_cameras: int | None = 16  # what two cores decode and watch at 15 fps; None: the fair share
    lease_seconds: float = 30.0
    detectors: list[str] | None = None  # None: every built-in detector
    models: list[Path] = field(default_factory=list)  # model configs (JSON / TOML)
    offline_after: float = 10.0
    clear_after: float = 3.0
    clip_pre: float = 4.0
    clip_post: float = 4.0
    last_frame_every: float = 5.0  # how often camera.last_frame_at is written


def dedup_key(camera_id: int, kind: str) -> str:
    return f"camera:{camera_id}:{kind}"


@dataclass(frozen=True)
class CameraInfo:
    id: int
    code: str
    name: str
    url: str
    business_id: int | None
    lon: float
    lat: float
    closed_from: str
    closed_to: str


class CameraRunner(threading.Thread):
    """Watches one camera; posts ("raise" | "end" | "clip" | "state" | "frame") events."""

    def __init__(self, cam: CameraInfo, options: WorkerOptions, models: list[ModelConfig],
                 thresholds: dict[str, float], events: queue.Queue):
        super().__init__(name=f"camera {cam.code}", daemon=True)
        self.cam, self.options, self.events = cam, options, events
        closed = None
        try:
            closed = parse_closed_hours(f"{cam.closed_from}-{cam.closed_to}")
        except ValueError:
            log.warning("camera %s: bad closed hours %r-%r, after-hours motion is off",
                        cam.code, cam.closed_from, cam.closed_to)
        self.pipeline = Pipeline.build(options.detectors, closed_hours=closed, models=models, thresholds=thresholds)
        self.reader = StreamReader(cam.url, name=cam.code, realtime=True, loop=True,
                                   stall_after=min(5.0, options.offline_after))
        self.ring = ClipRing(pre=options.clip_pre, post=options.clip_post)
        self._halt = threading.Event()
        self._pending_thresholds: dict[str, float] | None = None
        self.active: dict[str, float] = {}  # kind → last time seen

    def _post(self, event: tuple) -> None:
        """Hand an event to the writer; while the database is away and the queue is full, drop it."""
        try:
            self.events.put_nowait(event)
        except queue.Full:
            log.warning("camera %s: event queue full, %s event dropped", self.cam.code, event[0])

    def set_thresholds(self, thresholds: dict[str, float]) -> None:
        self._pending_thresholds = dict(thresholds)

    def stop(self) -> None:
        self._halt.set()

    def run(self) -> None:
        self.reader.start()
        state, bad_since, last_frame_post = None, None, 0.0
        try:
            while not self._halt.is_set():
                frame = self.reader.wait(0.5)
                now = time.time()
                stats = self.reader.stats()
                if stats.state != state:
                    state = stats.state
                    self._post(("state", self.cam, state, stats.last_frame_wall, stats.error))
                    bad_since = now if state in ("offline", "stalled", "ended") else None
                if bad_since is not None and now - bad_since >= self.options.offline_after:
                    self._post(("raise", self.cam, "camera_offline", 1.0, [], None, now,
                                     {"state": state, "error": stats.error}))
                    bad_since = float("inf")  # raised once per outage
                if frame is None:
                    continue
                if self._pending_thresholds is not None:
                    self.pipeline.set_thresholds(self._pending_thresholds)
                    self._pending_thresholds = None
                if now - last_frame_post >= self.options.last_frame_every:
                    last_frame_post = now
                    self._post(("frame", self.cam, frame.wall))
                self._detect(frame)
        finally:
            self.reader.stop()

    def _detect(self, frame) -> None:
        found = self.pipeline.update(frame.image, frame.wall)
        by_kind: dict[str, list] = {}
        for d in found:
            by_kind.setdefault(d.kind, []).append(d)
        for kind, dets in by_kind.items():
            if kind not in self.active:
                boxes = [(d.box, f"{kind} {d.score:.2f}") for d in dets if d.box is not None]
                snap = snapshot_jpeg(frame.image, boxes)
                best = max(dets, key=lambda d: d.score)
                self._post(("raise", self.cam, kind, best.score, [list(d.box) for d in dets if d.box], snap,
                                 frame.wall, dict(best.detail)))
                self.ring.request(kind, frame.wall)
            self.active[kind] = frame.wall
        for kind, seen in list(self.active.items()):
            if frame.wall - seen >= self.options.clear_after:
                del self.active[kind]
                self._post(("end", self.cam, kind, frame.wall))
        for kind, mp4 in self.ring.push(frame.image, frame.wall):
            self._post(("clip", self.cam, kind, mp4))


def _utc(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


class VisionWorker:
    def __init__(self, db: Database, options: WorkerOptions):
        self.db, self.options = db, options
        self.actor = Actor(f"vision:{options.name}"[:64], "system")
        self.models = [ModelConfig.load(p) for p in options.models]
        self.events: queue.Queue = queue.Queue(maxsize=5000)  # bounded: the database may be away
        self.runners: dict[int, CameraRunner] = {}
        self.stop_event = threading.Event()

    # -- lease cycle ---------------------------------------------------------------------------

    def lease_cycle(self) -> leases.Cycle:
        with self.db.session() as s:
            cyc = leases.cycle(s, self.options.name, lease_seconds=self.options.lease_seconds,
                               max_cameras=self.options.max_cameras)
            rows = s.scalars(select(Camera).where(Camera.id.in_(cyc.held))).all() if cyc.held else []
            cams = {c.id: CameraInfo(c.id, c.code, c.name, c.url, c.business_id, c.lon, c.lat, c.closed_from,
                                     c.closed_to) for c in rows}
            limits = _thresholds.for_cameras(s, cams)
        for cam_id in [i for i in self.runners if i not in cams]:
            self.runners.pop(cam_id).stop()
            log.info("camera %s released", cam_id)
        for cam_id, info in cams.items():
            runner = self.runners.get(cam_id)
            if runner is not None and runner.cam.url != info.url:
                runner.stop()
                runner = None
            if runner is None:
                log.info("camera %s (%s) leased", info.code, mask_url(info.url))
                runner = CameraRunner(info, self.options, self.models, limits[cam_id], self.events)
                self.runners[cam_id] = runner
                runner.start()
            else:
                runner.set_thresholds(limits[cam_id])
        return cyc

    # -- writing events ------------------------------------------------------------------------

    def _still_mine(self, s, cam_id: int) -> bool:
        return s.scalar(select(Camera.lease_owner).where(Camera.id == cam_id)) == self.options.name

    def write_events(self, timeout: float = 0.5, limit: int = 500) -> int:
        batch = []
        try:
            batch.append(self.events.get(timeout=timeout))
            while len(batch) < limit:
                batch.append(self.events.get_nowait())
        except queue.Empty:
            pass
        if not batch:
            return 0
        with self.db.session() as s:
            for ev in batch:
                # One event per savepoint: a clash with a supervisor editing the same alert costs
                # that one refresh, not the batch.
                savepoint = s.begin_nested()
                try:
                    getattr(self, f"_on_{ev[0]}")(s, *ev[1:])
                    savepoint.commit()
                except (StaleDataError, OperationalError) as exc:
                    if savepoint.is_active:
                        savepoint.rollback()
                    log.warning("vision event %s for camera %s skipped: %s", ev[0], ev[1].code, exc)
        return len(batch)

    def _on_raise(self, s, cam: CameraInfo, kind, score, boxes, snap, at, detail) -> None:
        if not self._still_mine(s, cam.id):
            return
        title = f"{TITLES.get(kind, kind.replace('_', ' ').capitalize())}: {cam.name}"
        raised = raise_alert(s, self.actor, kind=kind, source="camera", severity=SEVERITY.get(kind, "medium"),
                             title=title, dedup_key=dedup_key(cam.id, kind), at=_utc(at), snapshot_jpeg=snap,
                             camera_id=cam.id, business_id=cam.business_id, lon=cam.lon, lat=cam.lat,
                             score=float(score), box=boxes[0] if boxes else None,
                             detail={"boxes": boxes, **{k: v for k, v in detail.items() if k != "boxes"}})
        if raised.created:
            log.info("camera %s: %s alert %s", cam.code, kind, raised.alert.id)
        elif raised.alert.ended_at is not None:
            raised.alert.ended_at = None  # the condition is back: the same alert goes on
        s.flush()

    def _on_end(self, s, cam: CameraInfo, kind, at) -> None:
        end_condition(s, dedup_key(cam.id, kind), _utc(at))

    def _on_clip(self, s, cam: CameraInfo, kind, mp4: bytes) -> None:
        alert = s.scalar(select(Alert).where(Alert.dedup_key == dedup_key(cam.id, kind), Alert.state.in_(OPEN_STATES))
                         .order_by(Alert.id.desc()).limit(1))
        if alert is None:
            return
        has_clip = s.scalar(select(AlertMedia.id).where(AlertMedia.alert_id == alert.id, AlertMedia.kind == "clip"))
        if has_clip is None:
            s.add(AlertMedia(alert_id=alert.id, kind="clip", mime="video/mp4", data=mp4))

    def _on_state(self, s, cam: CameraInfo, state, last_wall, error) -> None:
        stored = {"connecting": "unknown", "ended": "offline"}.get(state, state)
        now = datetime.now(UTC)
        values = {"state": stored, "state_since": now}
        if last_wall is not None:
            values["last_frame_at"] = _utc(last_wall)
        s.execute(update(Camera).where(Camera.id == cam.id, Camera.lease_owner == self.options.name).values(**values))
        if stored == "online":
            end_condition(s, dedup_key(cam.id, "camera_offline"), now)
        log.info("camera %s is %s%s", cam.code, stored, f" ({error})" if error and stored != "online" else "")

    def _on_frame(self, s, cam: CameraInfo, wall) -> None:
        s.execute(update(Camera).where(Camera.id == cam.id, Camera.lease_owner == self.options.name)
                  .values(last_frame_at=_utc(wall)))

    # -- main loop -----------------------------------------------------------------------------

    def run(self, duration: float | None = None) -> None:
        """Run until ``stop()`` (or for ``duration`` seconds), then give the cameras back."""
        period = max(0.5, self.options.lease_seconds / 3.0)
        deadline = None if duration is None else time.monotonic() + duration
        next_cycle = 0.0
        try:
            while not self.stop_event.is_set() and (deadline is None or time.monotonic() < deadline):
                if time.monotonic() >= next_cycle:
                    try:
                        self.lease_cycle()
                    except Exception:  # noqa: BLE001 - a database hiccup must not kill the worker
                        log.exception("lease cycle failed; retrying")
                    next_cycle = time.monotonic() + period
                try:
                    self.write_events(timeout=min(0.5, period))
                except Exception:  # noqa: BLE001
                    log.exception("writing vision events failed; they are dropped, detection goes on")
        finally:
            self.shutdown()

    def stop(self) -> None:
        self.stop_event.set()

    def shutdown(self) -> None:
        for runner in self.runners.values():
            runner.stop()
        for runner in self.runners.values():
            runner.join(30)
        self.runners.clear()
        while True:
            try:
                if not self.write_events(timeout=0.01):
                    break
            except Exception:  # noqa: BLE001
                log.exception("final vision events could not be written")
                break
        try:
            with self.db.session() as s:
                leases.leave(s, self.options.name)
        except Exception:  # noqa: BLE001
            log.exception("could not release the camera leases; they expire on their own")
