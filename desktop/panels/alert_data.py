"""What the alert panel reads and writes.

Reading (off the GUI thread, plain rows): the queue under a filter, newest first, with a small
thumbnail of each snapshot (made once per alert and kept); one alert in full with its snapshot,
its clip decoded to frames, its timeline, its camera's threshold for the kind, and the place's
stars, risk grade and recent history; who alerts can be assigned to.

Writing: every review step is an outbox action (``desktop.hub.action``), so it runs as the
signed-in user through ``core.services.review`` (audited, version-checked) and, if the database is
away, waits on disk until it is back. Confirming and dismissing take a new alert into review
first. Exports blur faces (``FaceBlurrer``) before anything is written or copied.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.auth import Actor
from core.db.engine import Database
from core.db.models import (
    STARS,
    Alert,
    AlertEvent,
    AlertMedia,
    Business,
    Camera,
    District,
    Inspector,
    StarChange,
    StarRating,
    User,
    Vehicle,
)
from core.errors import ShianError
from core.services import review
from core.vision import thresholds as _thresholds
from desktop.hub import action
from widgets.alert_review import AlertFilter

QUEUE_LIMIT = 500
THUMB_WIDTH = 128
_THUMBS: OrderedDict[int, bytes | None] = OrderedDict()  # alert id → small JPEG (None: no snapshot)
_THUMBS_MAX = 4000
_THUMBS_LOCK = threading.Lock()
STEPS = {"confirm": review.confirm, "dismiss": review.dismiss, "escalate": review.escalate, "assign": review.assign,
         "order_rectification": review.order_rectification, "close": review.close, "release": review.release}


@dataclass(frozen=True)
class AlertRow:
    id: int
    version: int
    kind: str
    severity: int
    state: str
    source: str
    title: str
    camera_id: int | None
    camera: str
    business_id: int | None
    business: str
    district: str
    vehicle_id: int | None
    plate: str
    raised_at: datetime
    ended_at: datetime | None
    claimed_by: str | None
    assignee: str | None
    lon: float | None
    lat: float | None
    score: float | None
    repeats: int
    thumbnail: bytes | None = None


@dataclass(frozen=True)
class EventRow:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str | None
    note: str


@dataclass(frozen=True)
class AlertFull:
    row: AlertRow
    snapshot: bytes | None
    box: tuple[float, float, float, float] | None
    clip: list[np.ndarray] = field(default_factory=list)
    clip_fps: float = 5.0
    has_clip: bool = False
    events: list[EventRow] = field(default_factory=list)
    threshold: tuple[float, float, int] | None = None  # value, default, dismissals
    stars: dict[str, bool] | None = None
    risk_grade: str | None = None
    address: str = ""
    history: list[tuple[datetime, str, str]] = field(default_factory=list)  # when, what ("alert:kind:state"…), text


# --- reading --------------------------------------------------------------------------------------

def _base_query():
    district = func.coalesce(Alert.district_id, Business.district_id)
    return (select(Alert, Camera.name, Business.name, District.name, Vehicle.plate)
            .outerjoin(Camera, Camera.id == Alert.camera_id)
            .outerjoin(Business, Business.id == func.coalesce(Alert.business_id, Camera.business_id))
            .outerjoin(District, District.id == district)
            .outerjoin(Vehicle, Vehicle.id == Alert.vehicle_id)), district


def _row(a: Alert, camera: str | None, business: str | None, district: str | None, plate: str | None,
         thumb: bytes | None = None) -> AlertRow:
    detail = a.detail or {}
    return AlertRow(a.id, a.version, a.kind, a.severity, a.state, a.source, a.title or "", a.camera_id, camera or "",
                    a.business_id, business or "", district or "", a.vehicle_id, plate or "", a.raised_at, a.ended_at,
                    a.claimed_by, a.assignee, a.lon, a.lat, a.score, int(detail.get("repeats", 0) or 0), thumb)


def read_queue(db: Database, f: AlertFilter, now: datetime | None = None, limit: int = QUEUE_LIMIT) -> list[AlertRow]:
    q, district = _base_query()
    if f.states:
        q = q.where(Alert.state.in_(f.states))
    if f.kinds:
        q = q.where(Alert.kind.in_(f.kinds))
    if f.min_severity:
        q = q.where(Alert.severity >= f.min_severity)
    if f.district_id is not None:
        q = q.where(district == f.district_id)
    if f.since_hours:
        q = q.where(Alert.raised_at >= (now or datetime.now(UTC)) - timedelta(hours=f.since_hours))
    if f.camera_id is not None:
        q = q.where(Alert.camera_id == f.camera_id)
    elif f.camera:
        like = f"%{f.camera}%"
        q = q.where(or_(Camera.name.ilike(like), Vehicle.plate.ilike(like), Camera.code.ilike(like)))
    q = q.order_by(Alert.raised_at.desc(), Alert.id.desc()).limit(limit)
    with db.session() as s:
        found = s.execute(q).all()
        thumbs = _thumbnails(s, [r[0].id for r in found])
        return [_row(*r, thumb=thumbs.get(r[0].id)) for r in found]


def _thumbnails(s: Session, ids: list[int]) -> dict[int, bytes | None]:
    """Small JPEGs of the alerts' snapshots, made once per alert and kept for the next reads."""
    with _THUMBS_LOCK:
        known = {i: _THUMBS[i] for i in ids if i in _THUMBS}
    missing = [i for i in ids if i not in known]
    made: dict[int, bytes | None] = dict.fromkeys(missing)
    for start in range(0, len(missing), 200):
        chunk = missing[start:start + 200]
        for alert_id, data in s.execute(select(AlertMedia.alert_id, AlertMedia.data)
                                        .where(AlertMedia.alert_id.in_(chunk), AlertMedia.kind == "snapshot")):
            made[alert_id] = _thumbnail(data)
    with _THUMBS_LOCK:
        for i, t in made.items():
            _THUMBS[i] = t
        while len(_THUMBS) > _THUMBS_MAX:
            _THUMBS.popitem(last=False)
    return known | made


def _thumbnail(jpeg: bytes) -> bytes | None:
    img = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        return None
    h, w = img.shape[:2]
    small = cv2.resize(img, (THUMB_WIDTH, max(1, int(h * THUMB_WIDTH / w))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 75])
    return buf.tobytes() if ok else None


def read_alert(db: Database, alert_id: int) -> AlertFull:
    from core.vision.media import decode_mp4

    q, _district = _base_query()
    with db.session() as s:
        found = s.execute(q.where(Alert.id == alert_id)).first()
        if found is None:
            raise ShianError(f"alert {alert_id} no longer exists")
        a = found[0]
        row = _row(*found)
        media = {k: d for k, d in s.execute(select(AlertMedia.kind, AlertMedia.data)
                                             .where(AlertMedia.alert_id == alert_id).order_by(AlertMedia.id))}
        events = [EventRow(e.at, e.actor, e.action, e.from_state, e.to_state, e.note or "")
                  for e in s.scalars(select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id))]
        threshold = None
        if a.camera_id is not None:
            value, _raised = review.threshold(s, a.camera_id, a.kind)
            dismissals = _thresholds_dismissals(s, a.camera_id, a.kind)
            threshold = (value, _thresholds.default_for(a.kind), dismissals)
        stars, grade, address, history = None, None, "", []
        business_id = row.business_id
        if business_id is None and a.camera_id is not None:
            business_id = s.scalar(select(Camera.business_id).where(Camera.id == a.camera_id))
        if business_id is not None:
            b = s.get(Business, business_id)
            rating = s.scalar(select(StarRating).where(StarRating.business_id == business_id))
            stars = {st: bool(getattr(rating, st)) for st in STARS} if rating is not None else None
            grade, address = b.risk_grade, b.address or ""
            for other in s.scalars(select(Alert).where(
                    or_(Alert.business_id == business_id,
                        Alert.camera_id.in_(select(Camera.id).where(Camera.business_id == business_id))),
                    Alert.id != alert_id).order_by(Alert.raised_at.desc()).limit(8)):
                history.append((other.raised_at, f"alert:{other.kind}:{other.state}", other.title or ""))
            for ch in s.scalars(select(StarChange).where(StarChange.business_id == business_id)
                                .order_by(StarChange.at.desc()).limit(5)):
                history.append((ch.at, f"star:{ch.star}:{int(bool(ch.new))}", ch.reason or ""))
            history.sort(key=lambda h: h[0], reverse=True)
        box = tuple(float(v) for v in a.box) if a.box and len(a.box) == 4 else None
    clip, fps = [], 5.0
    if media.get("clip"):
        try:
            clip, fps = decode_mp4(media["clip"])
        except ValueError:
            clip = []
    return AlertFull(row, media.get("snapshot"), box, clip, fps, bool(media.get("clip")), events, threshold, stars,
                     grade, address, history)


def _thresholds_dismissals(s: Session, camera_id: int, kind: str) -> int:
    from core.db.models import DetectorThreshold

    return int(s.scalar(select(DetectorThreshold.dismissals).where(DetectorThreshold.camera_id == camera_id,
                                                                    DetectorThreshold.kind == kind)) or 0)


def read_choices(db: Database) -> dict:
    """Districts for the filter and the people alerts can be assigned to."""
    with db.session() as s:
        districts = [(d.id, d.name) for d in s.scalars(select(District).order_by(District.name))]
        users = list(s.scalars(select(User.username).where(User.active.is_(True),
                                                           User.role.in_(("supervisor", "inspector", "admin")))
                               .order_by(User.username)))
        inspectors = list(s.scalars(select(Inspector.name).order_by(Inspector.name).limit(500)))
    return {"districts": districts, "people": users + inspectors}


# --- exports (faces blurred) ----------------------------------------------------------------------

def blurred_media(db: Database, alert_id: int, kind: str) -> bytes:
    """The alert's snapshot (JPEG) or clip (MP4) with faces blurred, ready to leave the program."""
    from core.vision.privacy import FaceBlurrer

    with db.session() as s:
        data = s.scalar(select(AlertMedia.data).where(AlertMedia.alert_id == alert_id, AlertMedia.kind == kind)
                        .order_by(AlertMedia.id).limit(1))
    if data is None:
        raise ShianError(f"alert {alert_id} has no {kind}")
    blurrer = FaceBlurrer()
    return blurrer.blur_jpeg(data) if kind == "snapshot" else blurrer.blur_mp4(data)


def export_media(db: Database, alert_id: int, kind: str, path: str) -> str:
    data = blurred_media(db, alert_id, kind)
    out = Path(path)
    if kind == "snapshot" and out.suffix.lower() not in (".jpg", ".jpeg"):
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        ok, buf = cv2.imencode(out.suffix.lower() or ".png", img)
        if not ok:
            raise ShianError(f"cannot write a picture as {out.suffix}")
        data = buf.tobytes()
    out.write_bytes(data)
    return str(out)


# --- writing: outbox actions ----------------------------------------------------------------------

def _one(session: Session, actor: Actor, step: str, alert_id: int, version: int | None, params: dict) -> None:
    if step == "note":
        review.note(session, actor, alert_id, params.get("text", ""))
        return
    fn = STEPS.get(step)
    if fn is None:
        raise ShianError(f"unknown review step {step!r}")
    if step in ("confirm", "dismiss"):
        state = session.scalar(select(Alert.state).where(Alert.id == alert_id))
        if state == "new":  # a decision takes the alert into review first, atomically
            version = review.claim(session, actor, alert_id, version=version).version
    kwargs = {}
    if step == "dismiss":
        kwargs = {"reason": params.get("reason", ""), "false_positive": bool(params.get("false_positive", True))}
    elif step == "assign":
        kwargs = {"to": params.get("to", "")}
    fn(session, actor, alert_id, version=version, **kwargs)


@action("alerts.review")
def review_alerts(session: Session, actor: Actor, step: str, items: list, params: dict | None = None) -> dict:
    """One review step on each of ``items`` ([alert id, version seen]); each alert in its own
    savepoint, so one that another supervisor holds does not undo the others."""
    actor.require("review_alert")
    done, failed = [], {}
    for alert_id, version in items:
        savepoint = session.begin_nested()
        try:
            _one(session, actor, step, int(alert_id), version, params or {})
            savepoint.commit()
            done.append(int(alert_id))
        except ShianError as exc:
            if savepoint.is_active:
                savepoint.rollback()
            failed[int(alert_id)] = str(exc)
    return {"done": done, "failed": failed}


@action("alerts.reset_threshold")
def reset_threshold(session: Session, actor: Actor, camera_id: int, kind: str) -> bool:
    return review.reset_threshold(session, actor, camera_id, kind)
