"""Ratings as the review screens read them: open proposals with the business they concern, one
business's card (stars, version, risk reasons, history) and businesses by risk grade.

Plain dataclasses, so a worker thread can hand them to the GUI after its session has closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db.models import RISK_GRADES, STAR_NAMES_ZH, STARS, Business, District, StarProposal, StarRating
from core.errors import NotFound, UsageError
from core.ratings.decisions import star_history
from core.ratings.rules import ALERT_KINDS_ZH

RULE_ZH = {
    "inspection.fail": "监督检查不合格", "camera.offline": "后厨摄像头离线", "clean_quarter": "连续90天无不良记录",
    "manual": "人工评定",
}
KIND_ZH = {
    "restaurant": "餐馆", "small_eatery": "小餐饮", "canteen_school": "学校食堂",
    "canteen_kindergarten": "幼儿园食堂", "canteen_other": "单位食堂", "workshop": "食品小作坊",
    "supermarket": "超市", "catering": "流动餐车",
}


def rule_zh(rule: str) -> str:
    """What set off a proposal or a change, as the screens say it."""
    if rule.startswith("alert."):
        return "告警确认：" + ALERT_KINDS_ZH.get(rule[6:], rule[6:])
    return RULE_ZH.get(rule, rule)


def _evidence_text(ev: dict) -> str:
    parts = []
    if "alert_id" in ev:
        parts.append(f"告警 #{ev['alert_id']}" + (f"，摄像头 #{ev['camera_id']}" if ev.get("camera_id") else ""))
    if "inspection_id" in ev:
        score = ev.get("score")
        parts.append(f"检查 #{ev['inspection_id']}" + (f"，得分 {score:g}" if isinstance(score, int | float) else ""))
        if ev.get("violations"):
            parts.append("违规：" + "、".join(ev["violations"][:4]))
    if "cameras" in ev:
        parts.append(f"离线摄像头 {len(ev['cameras'])} 路，{ev.get('days', '?')} 天")
    if "window" in ev:
        parts.append(f"考察期 {ev['window'][0]} 至 {ev['window'][1]}")
    return "；".join(parts)


@dataclass(frozen=True)
class ProposalRow:
    id: int
    version: int
    business_id: int
    business: str
    district: str
    star: str
    star_zh: str
    up: bool  # True: give the star; False: take it
    rule: str
    rule_zh: str
    reason: str
    evidence: str
    created_at: datetime
    lon: float | None
    lat: float | None


def proposal_rows(session: Session, business_id: int | None = None) -> list[ProposalRow]:
    """Proposals waiting for a decision, oldest first."""
    stmt = (select(StarProposal, Business.name, District.name, Business.lon, Business.lat)
            .join(Business, Business.id == StarProposal.business_id)
            .outerjoin(District, District.id == Business.district_id)
            .where(StarProposal.state == "proposed").order_by(StarProposal.created_at, StarProposal.id))
    if business_id is not None:
        stmt = stmt.where(StarProposal.business_id == business_id)
    return [ProposalRow(p.id, p.version, p.business_id, name, dname or "", p.star, STAR_NAMES_ZH.get(p.star, p.star),
                        bool(p.new), p.rule, rule_zh(p.rule), p.reason, _evidence_text(p.evidence or {}),
                        p.created_at, lon, lat)
            for p, name, dname, lon, lat in session.execute(stmt).all()]


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    star: str
    star_zh: str
    old: bool | None
    new: bool
    by: str
    reason: str
    source: str  # the rule that proposed it, or "manual"


@dataclass(frozen=True)
class BusinessCard:
    id: int
    name: str
    licence_no: str
    kind: str
    kind_zh: str
    district: str
    address: str
    lon: float | None
    lat: float | None
    stars: dict[str, bool]
    rating_version: int | None  # None when the business was never rated
    risk_grade: str
    risk_reasons: list[tuple[str, int]]  # (what, points), most points first
    history: list[HistoryRow]
    open_proposals: int


def business_card(session: Session, business_id: int) -> BusinessCard:
    b = session.get(Business, business_id)
    if b is None:
        raise NotFound(f"no business with id {business_id}")
    r = session.scalar(select(StarRating).where(StarRating.business_id == business_id))
    district = session.scalar(select(District.name).where(District.id == b.district_id)) if b.district_id else ""
    history = [HistoryRow(c.at, c.star, STAR_NAMES_ZH.get(c.star, c.star), c.old, bool(c.new), c.by_user or "",
                          c.reason or "", rule_zh(c.source or "manual")) for c in star_history(session, business_id)]
    reasons = [(str(f.get("text", "")), int(f.get("points", 0))) for f in (b.risk_reasons or [])]
    waiting = len(session.scalars(select(StarProposal.id).where(
        StarProposal.business_id == business_id, StarProposal.state == "proposed")).all())
    return BusinessCard(b.id, b.name, b.licence_no, b.kind, KIND_ZH.get(b.kind, b.kind), district or "", b.address or "",
                        b.lon, b.lat, {s: bool(getattr(r, s)) if r else False for s in STARS},
                        r.version if r else None, b.risk_grade or "", reasons, history, waiting)


@dataclass(frozen=True)
class RiskRow:
    id: int
    name: str
    kind_zh: str
    district: str
    grade: str
    score: int
    reasons: list[tuple[str, int]]
    lon: float | None
    lat: float | None


def risk_rows(session: Session, grades: Iterable[str] = RISK_GRADES) -> list[RiskRow]:
    """Businesses of the given grades, riskiest first (grade, then score, then name)."""
    grades = tuple(grades)
    unknown = [g for g in grades if g not in RISK_GRADES]
    if unknown:
        raise UsageError(f"risk grades are {', '.join(RISK_GRADES)}, not {', '.join(unknown)}")
    if not grades:
        return []
    rows = session.execute(
        select(Business.id, Business.name, Business.kind, District.name, Business.risk_grade, Business.risk_reasons,
               Business.lon, Business.lat)
        .outerjoin(District, District.id == Business.district_id).where(Business.risk_grade.in_(grades))).all()
    out = []
    for bid, name, kind, dname, grade, reasons, lon, lat in rows:
        facts = [(str(f.get("text", "")), int(f.get("points", 0))) for f in (reasons or [])]
        out.append(RiskRow(bid, name, KIND_ZH.get(kind, kind), dname or "", grade, sum(p for _, p in facts), facts,
                           lon, lat))
    out.sort(key=lambda r: (-RISK_GRADES.index(r.grade), -r.score, r.name))
    return out
