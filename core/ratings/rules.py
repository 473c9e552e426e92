"""Rules that propose raising or lowering one star from what inspectors and cameras find.

A rule never changes a star itself: it stores a StarProposal with its reason and evidence for a
supervisor to apply or reject. No proposal is made for a change that would change nothing, nor a
second one while the same change still waits for a decision.

- a confirmed camera alert about preparation (no hat or mask, smoking, phone, rodents, motion
  after hours) → 制作放心星 down; a covered lens → 优秀管理星 down;
- a failed inspection → 合规星 and 厨房达标星 down;
- a kitchen camera offline for days → 优秀管理星 down;
- a clean quarter (an inspection passed, no violations and no confirmed alerts in 90 days) → the
  first missing star, in the order the city publishes them, up.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.models import (
    STAR_NAMES_ZH,
    STARS,
    Alert,
    Camera,
    Inspection,
    StarChange,
    StarProposal,
    StarRating,
    Violation,
)
from core.db.models._common import utcnow
from core.rapid_tests.filters import LOCAL, day_start_utc, local_today

PREPARATION_ALERTS = ("no_hat", "no_mask", "smoking", "phone", "rodent", "after_hours_motion")
MANAGEMENT_ALERTS = ("lens_covered",)
CONFIRMED_STATES = ("confirmed", "rectification", "closed")  # a supervisor upheld the alert
ALERT_KINDS_ZH = {
    "no_hat": "未戴工作帽", "no_mask": "未戴口罩", "smoking": "吸烟", "phone": "玩手机", "rodent": "鼠患",
    "after_hours_motion": "非营业时间后厨活动", "lens_covered": "摄像头被遮挡",
}
OFFLINE_DAYS = 3
PERIODIC_RULES_LOCK = 5_808_001  # pg_advisory_xact_lock key of run_periodic_rules
CLEAN_DAYS = 90


def _when(t: datetime) -> str:
    return t.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")


def _current(session: Session, business_id: int) -> dict[str, bool]:
    r = session.scalar(select(StarRating).where(StarRating.business_id == business_id))
    return {s: bool(getattr(r, s)) if r else False for s in STARS}


def _waiting(session: Session, business_ids: list[int]) -> set[tuple[int, str, bool]]:
    """(business, star, new) of the proposals still waiting for a decision."""
    out = set()
    for i in range(0, len(business_ids), 900):
        out.update(session.execute(select(StarProposal.business_id, StarProposal.star, StarProposal.new).where(
            StarProposal.business_id.in_(business_ids[i:i + 900]), StarProposal.state == "proposed")).all())
    return {(b, s, bool(n)) for b, s, n in out}


def _rejected_since(session: Session, business_ids: list[int], rule: str, since: datetime) -> set[tuple[int, str, bool]]:
    """(business, star, new) a supervisor rejected, for this rule, after ``since``: a periodic rule
    does not ask again about the facts that were already turned down, only once they change."""
    out = set()
    for i in range(0, len(business_ids), 900):
        out.update(session.execute(select(StarProposal.business_id, StarProposal.star, StarProposal.new).where(
            StarProposal.business_id.in_(business_ids[i:i + 900]), StarProposal.rule == rule,
            StarProposal.state == "rejected", StarProposal.decided_at >= since)).all())
    return {(b, s, bool(n)) for b, s, n in out}


def _draft(business_id: int, star: str, new: bool, rule: str, reason: str, evidence: dict,
           current: dict[str, bool], waiting: set) -> StarProposal | None:
    if current[star] == new or (business_id, star, new) in waiting:
        return None
    waiting.add((business_id, star, new))
    return StarProposal(business_id=business_id, star=star, new=new, rule=rule, reason=reason,
                        evidence=evidence, state="proposed", created_at=utcnow())


def _store(session: Session, actor: Actor, drafts: list[StarProposal | None]) -> list[StarProposal]:
    made = [p for p in drafts if p is not None]
    session.add_all(made)
    session.flush()
    for p in made:
        audit.record(session, actor, "star_proposal.create", p, note=p.reason)
    return made


def _propose(session: Session, actor: Actor, business_id: int, star: str, new: bool, rule: str, reason: str,
             evidence: dict, current: dict[str, bool] | None = None) -> StarProposal | None:
    current = current if current is not None else _current(session, business_id)
    made = _store(session, actor, [_draft(business_id, star, new, rule, reason, evidence, current,
                                          _waiting(session, [business_id]))])
    return made[0] if made else None


def propose_for_alert(session: Session, alert: Alert, actor: Actor) -> list[StarProposal]:
    """What a confirmed camera alert means for the business's stars (called by alert review)."""
    actor.require("propose_stars")
    if alert.state not in CONFIRMED_STATES:
        return []
    if alert.kind in PREPARATION_ALERTS:
        star = "preparation"
    elif alert.kind in MANAGEMENT_ALERTS:
        star = "management"
    else:
        return []
    business_id = alert.business_id
    if business_id is None and alert.camera_id is not None:
        business_id = session.scalar(select(Camera.business_id).where(Camera.id == alert.camera_id))
    if business_id is None:
        return []
    what = ALERT_KINDS_ZH.get(alert.kind, alert.kind)
    reason = f"后厨摄像头告警经审核确认：{what}（{_when(alert.raised_at)}），建议摘除{STAR_NAMES_ZH[star]}"
    evidence = {"alert_id": alert.id, "kind": alert.kind, "camera_id": alert.camera_id,
                "raised_at": alert.raised_at.isoformat()}
    p = _propose(session, actor, business_id, star, False, f"alert.{alert.kind}", reason, evidence)
    return [p] if p else []


def propose_for_inspection(session: Session, inspection: Inspection, actor: Actor) -> list[StarProposal]:
    """A failed inspection proposes taking the compliance and kitchen stars."""
    actor.require("propose_stars")
    if inspection.result != "fail":
        return []
    found = [v.description for v in inspection.violations if v.description]
    listed = "、".join(found[:4]) + ("等" if len(found) > 4 else "")
    score = f"，得分{inspection.score:g}" if inspection.score is not None else ""
    base = f"监督检查不合格（{inspection.at.astimezone(LOCAL):%Y-%m-%d}{score}）" + (f"：{listed}" if listed else "")
    evidence = {"inspection_id": inspection.id, "score": inspection.score, "violations": found}
    bid = inspection.business_id
    current, waiting = _current(session, bid), _waiting(session, [bid])
    return _store(session, actor, [_draft(bid, star, False, "inspection.fail", f"{base}，建议摘除{STAR_NAMES_ZH[star]}",
                                          evidence, current, waiting) for star in ("compliance", "kitchen")])


def propose_for_offline_cameras(session: Session, actor: Actor, now: datetime | None = None,
                                days: int = OFFLINE_DAYS) -> list[StarProposal]:
    """Kitchens whose camera has been offline ``days`` or more lose the management star."""
    actor.require("propose_stars")
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    since = func.coalesce(Camera.state_since, Camera.last_frame_at)
    rows = session.execute(select(Camera.business_id, Camera.id, Camera.name, since).where(
        Camera.state == "offline", Camera.enabled.is_(True), Camera.business_id.is_not(None),
        since.is_not(None), since <= cutoff).order_by(Camera.business_id, Camera.id)).all()
    by_business: dict[int, list] = defaultdict(list)
    for business_id, cam_id, name, t in rows:
        t = t if t.tzinfo else t.replace(tzinfo=UTC)
        by_business[business_id].append((cam_id, name, t))
    waiting = _waiting(session, list(by_business))
    drafts = []
    for business_id, cams in by_business.items():
        first = min(t for _, _, t in cams)
        if (business_id, "management", False) in _rejected_since(session, [business_id], "camera.offline", first):
            continue  # turned down for this same outage
        n_days = (now - first).days
        reason = (f"后厨摄像头离线已{n_days}天（{len(cams)}路，自{_when(first)}起），"
                  f"明厨亮灶未落实，建议摘除{STAR_NAMES_ZH['management']}")
        evidence = {"cameras": [c for c, _, _ in cams], "offline_since": first.isoformat(), "days": n_days}
        drafts.append(_draft(business_id, "management", False, "camera.offline", reason, evidence,
                             _current(session, business_id), waiting))
    return _store(session, actor, drafts)


def propose_for_clean_quarter(session: Session, actor: Actor, today: date | None = None,
                              days: int = CLEAN_DAYS) -> list[StarProposal]:
    """Businesses with a clean record over ``days`` are proposed their first missing star."""
    actor.require("propose_stars")
    today = today or local_today()
    start = day_start_utc(today - timedelta(days=days - 1))
    end = day_start_utc(today + timedelta(days=1))
    in_window = (Inspection.at >= start, Inspection.at < end)
    passed = set(session.scalars(select(Inspection.business_id).where(*in_window, Inspection.result == "pass")))
    if not passed:
        return []
    blemished = set(session.scalars(select(Inspection.business_id).join(Violation).where(*in_window)))
    blemished |= set(session.scalars(select(Inspection.business_id).where(*in_window, Inspection.result != "pass")))
    blemished |= set(session.scalars(select(Alert.business_id).where(
        Alert.business_id.is_not(None), Alert.state.in_(CONFIRMED_STATES),
        Alert.raised_at >= start, Alert.raised_at < end)))
    raised_lately = set(session.scalars(select(StarChange.business_id).where(
        StarChange.new.is_(True), StarChange.old.is_(False), StarChange.at >= start)))
    candidates = sorted(passed - blemished - raised_lately)
    waiting = _waiting(session, candidates)
    waiting |= _rejected_since(session, candidates, "clean_quarter", start)  # asked this quarter already
    drafts = []
    ratings = {}
    for i in range(0, len(candidates), 900):
        ratings.update({r.business_id: r for r in session.scalars(
            select(StarRating).where(StarRating.business_id.in_(candidates[i:i + 900])))})
    for business_id in candidates:
        r = ratings.get(business_id)
        current = {s: bool(getattr(r, s)) if r else False for s in STARS}
        missing = [s for s in STARS if not current[s]]
        if not missing:
            continue
        star = missing[0]
        reason = (f"近{days}天监督检查合格、无违法违规记录、无经确认的后厨告警，"
                  f"建议授予{STAR_NAMES_ZH[star]}")
        evidence = {"window": [(today - timedelta(days=days - 1)).isoformat(), today.isoformat()]}
        drafts.append(_draft(business_id, star, True, "clean_quarter", reason, evidence, current, waiting))
    return _store(session, actor, drafts)


def run_periodic_rules(session: Session, actor: Actor, now: datetime | None = None) -> list[StarProposal]:
    """The rules that look at a span of time rather than one event (run daily). Several desktops
    may run them: on PostgreSQL one run at a time (an advisory lock held to the end of the
    transaction), so the second sees the first's proposals and adds none twice."""
    now = now or utcnow()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PERIODIC_RULES_LOCK})
    return (propose_for_offline_cameras(session, actor, now)
            + propose_for_clean_quarter(session, actor, local_today(now)))
