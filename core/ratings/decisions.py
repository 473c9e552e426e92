"""A supervisor applies or rejects a star proposal, or sets a star by hand.

Each change checks the version the supervisor saw (a proposal or rating changed meanwhile is
refused and explained), writes a history row (who, when, why) and an audit row, and updates the
business's star count in the same transaction, so the map's star layer follows at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.auth import Actor
from core.db.concurrency import check_version, guarded
from core.db.models import STAR_NAMES_ZH, STARS, Business, StarChange, StarProposal, StarRating
from core.db.models._common import utcnow
from core.errors import NotFound, ShianError, UsageError


def _rating(session: Session, business_id: int) -> StarRating:
    if session.get(Business, business_id) is None:
        raise NotFound(f"no business with id {business_id}")
    rating = session.scalar(select(StarRating).where(StarRating.business_id == business_id))
    if rating is None:  # a business never rated has no stars yet
        rating = StarRating(business_id=business_id, **{s: False for s in STARS})
        session.add(rating)
        session.flush()
    return rating


def _change(session: Session, rating: StarRating, star: str, new: bool, actor: Actor, reason: str,
            source: str) -> StarChange:
    if star not in STARS:
        raise UsageError(f"unknown star {star!r}; stars are {', '.join(STARS)}")
    old = bool(getattr(rating, star))
    if old == new:
        raise ShianError(f"the {star} star ({STAR_NAMES_ZH[star]}) of business {rating.business_id} is already "
                         f"{'given' if new else 'off'}; nothing to change")
    before = audit.snapshot(rating)
    now = utcnow()
    with guarded(session, rating):
        setattr(rating, star, new)
        rating.rated_at = now
        rating.rated_by = actor.username
    business = session.get(Business, rating.business_id)
    business.stars = rating.count()
    change = StarChange(business_id=rating.business_id, star=star, old=old, new=new, reason=reason,
                        source=source, at=now, by_user=actor.username)
    session.add(change)
    audit.record(session, actor, "star.change", rating, before=before, note=f"{star}: {old} → {new}; {reason}")
    session.flush()
    return change


def set_star(session: Session, business_id: int, star: str, value: bool, actor: Actor, reason: str,
             seen_version: int | None = None) -> StarChange:
    """Give or take one star by hand (a re-rating, an appeal upheld); ``reason`` is required."""
    actor.require("rate_stars")
    if not reason.strip():
        raise UsageError("say why the star changes: the public history shows it")
    rating = _rating(session, business_id)
    check_version(rating, seen_version)
    return _change(session, rating, star, bool(value), actor, reason.strip(), "manual")


def _open_proposal(session: Session, proposal_id: int, seen_version: int | None) -> StarProposal:
    proposal = session.get(StarProposal, proposal_id)
    if proposal is None:
        raise NotFound(f"no star proposal with id {proposal_id}")
    check_version(proposal, seen_version)
    if proposal.state != "proposed":
        by = f" by {proposal.decided_by}" if proposal.decided_by else ""
        raise ShianError(f"star proposal {proposal_id} was already {proposal.state}{by}")
    return proposal


def apply_proposal(session: Session, proposal_id: int, actor: Actor, seen_version: int | None = None,
                   note: str = "") -> StarChange:
    """Make the proposed change; the history row carries the rule's reason and the note."""
    actor.require("rate_stars")
    proposal = _open_proposal(session, proposal_id, seen_version)
    rating = _rating(session, proposal.business_id)
    reason = proposal.reason + (f"；{note.strip()}" if note.strip() else "")
    change = _change(session, rating, proposal.star, proposal.new, actor, reason, proposal.rule)
    _decide(session, proposal, "applied", actor, note)
    return change


def reject_proposal(session: Session, proposal_id: int, actor: Actor, seen_version: int | None = None,
                    note: str = "") -> StarProposal:
    """Turn a proposal down; the stars stay as they are."""
    actor.require("rate_stars")
    proposal = _open_proposal(session, proposal_id, seen_version)
    _decide(session, proposal, "rejected", actor, note)
    return proposal


def _decide(session: Session, proposal: StarProposal, state: str, actor: Actor, note: str) -> None:
    before = audit.snapshot(proposal)
    with guarded(session, proposal):
        proposal.state = state
        proposal.decided_at = utcnow()
        proposal.decided_by = actor.username
    action = {"applied": "star_proposal.apply", "rejected": "star_proposal.reject"}[state]
    audit.record(session, actor, action, proposal, before=before, note=note)


def open_proposals(session: Session, business_id: int | None = None) -> list[StarProposal]:
    """Proposals waiting for a supervisor, oldest first."""
    stmt = select(StarProposal).where(StarProposal.state == "proposed").order_by(StarProposal.created_at,
                                                                                  StarProposal.id)
    if business_id is not None:
        stmt = stmt.where(StarProposal.business_id == business_id)
    return list(session.scalars(stmt))


def star_history(session: Session, business_id: int) -> list[StarChange]:
    """Every star given or taken for a business, newest first."""
    return list(session.scalars(select(StarChange).where(StarChange.business_id == business_id)
                                .order_by(StarChange.at.desc(), StarChange.id.desc())))
