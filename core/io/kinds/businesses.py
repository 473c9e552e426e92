"""Food businesses, their kitchen cameras, and inspections with their violations."""

from __future__ import annotations

import secrets
from collections import defaultdict

from sqlalchemy import select

from core.db.models import BUSINESS_KINDS, Business, Camera, Inspection, Inspector, Violation
from core.errors import RowError
from core.io import fields as F
from core.io.spec import Col, Context, Kind

BUSINESS_KIND_NAMES = {k: k for k in BUSINESS_KINDS} | {
    "餐馆": "restaurant", "餐饮服务": "restaurant", "饭店": "restaurant", "小餐饮": "small_eatery",
    "学校食堂": "canteen_school", "幼儿园食堂": "canteen_kindergarten", "单位食堂": "canteen_other",
    "小作坊": "workshop", "超市": "supermarket", "流动餐车": "catering",
}
RISK_NAMES = {"low risk": "low", "moderate risk": "moderate", "high risk": "high", "low": "low",
              "moderate": "moderate", "high": "high", "低": "low", "中": "moderate", "高": "high",
              "低风险": "low", "中风险": "moderate", "高风险": "high"}
RESULTS = {"pass": "pass", "rectify": "rectify", "fail": "fail", "合格": "pass", "限期整改": "rectify",
           "不合格": "fail", "基本符合": "rectify", "符合": "pass", "不符合": "fail"}


def parse_business(row, ctx: Context) -> dict:
    v = row.values
    lon, lat = ctx.point(row, required=False)
    grade = F.text(v.get("risk_grade")).upper()
    if grade and grade not in "ABCD":
        raise RowError(f"'risk_grade' must be A, B, C or D: {grade!r}")
    out = dict(
        licence_no=F.required(v, "licence_no"), name=F.required(v, "name"),
        kind=F.choice(v.get("kind"), "kind", BUSINESS_KIND_NAMES, default="restaurant"),
        lon=lon, lat=lat, district_id=ctx.district_id(F.text(v.get("district")), lon, lat),
        address=F.text(v.get("address")), postal_code=F.text(v.get("postal_code")), phone=F.text(v.get("phone")),
        legal_person=F.text(v.get("legal_person")), licence_expires=F.day(v.get("licence_expires"), "licence_expires"),
        on_platform=F.boolean(v.get("on_platform"), "on_platform"),
    )
    if grade:
        out["risk_grade"] = grade
    return out


def new_business(rec: dict, ctx: Context) -> dict:
    return {"qr_token": secrets.token_hex(12), "source": "import", **rec}


def export_businesses(session):
    from core.db.models import District

    adcodes = dict(session.execute(select(District.id, District.adcode)).all())
    rows = [dict(licence_no=b.licence_no, name=b.name, kind=b.kind, lon=b.lon, lat=b.lat,
                 district=adcodes.get(b.district_id, ""), address=b.address, postal_code=b.postal_code,
                 phone=b.phone, legal_person=b.legal_person,
                 licence_expires=b.licence_expires.isoformat() if b.licence_expires else "",
                 on_platform=int(b.on_platform), risk_grade=b.risk_grade, stars=b.stars, qr_token=b.qr_token)
            for b in session.scalars(select(Business).order_by(Business.licence_no))]
    return rows, None


BUSINESSES = Kind(
    "businesses", Business, "licence_no",
    (Col("licence_no", "food-business licence number, unique (natural key)", True,
         ("licence", "license_no", "许可证号", "许可证编号", "business_id")),
     Col("name", "business name", True), Col("kind", f"one of {', '.join(BUSINESS_KINDS)} (default restaurant)",
                                              aliases=("类型", "业态")),
     Col("lon", "longitude; a business without a location is listed but not mapped"), Col("lat", ""),
     Col("district", ""), Col("address", ""), Col("postal_code", "", aliases=("邮编", "business_postal_code")),
     Col("phone", ""), Col("legal_person", "", aliases=("法定代表人", "负责人")),
     Col("licence_expires", "YYYY-MM-DD", aliases=("有效期至",)),
     Col("on_platform", "on the bright-kitchen camera platform (yes/no)", aliases=("明厨亮灶",)),
     Col("risk_grade", "A–D", aliases=("风险等级",))),
    parse_business, export_businesses, on_insert=new_business,
    doc="Licensed food businesses (restaurants, canteens, …); one row per business, repeated rows merge.",
)


def parse_camera(row, ctx: Context) -> dict:
    v = row.values
    licence = F.text(v.get("business"))
    bid = ctx.lookup(Business, "licence_no", licence) if licence else None
    if licence and bid is None:
        raise RowError(f"no business with licence number {licence!r} (import businesses first)")
    lon, lat = ctx.point(row, required=False)
    if lon is None:
        if bid is None:
            raise RowError("a camera needs a location or a business to take it from")
        b = ctx.session.get(Business, bid)
        if b is None or b.lon is None:
            raise RowError(f"business {licence!r} has no location; give the camera lon/lat")
        lon, lat = b.lon, b.lat
    return dict(code=F.required(v, "code"), name=F.required(v, "name"), business_id=bid, area=F.text(v.get("area")),
                url=F.text(v.get("url")), lon=lon, lat=lat,
                closed_from=F.hhmm(v.get("closed_from") or "22:00", "closed_from"),
                closed_to=F.hhmm(v.get("closed_to") or "06:00", "closed_to"),
                enabled=F.boolean(v.get("enabled"), "enabled", default=True))


def export_cameras(session):
    from core.vision.urls import mask_url

    licences = dict(session.execute(select(Business.id, Business.licence_no)).all())
    rows = [dict(code=c.code, name=c.name, business=licences.get(c.business_id, ""), area=c.area,
                 url=mask_url(c.url), lon=c.lon, lat=c.lat, closed_from=c.closed_from, closed_to=c.closed_to,
                 enabled=int(c.enabled), state=c.state)
            for c in session.scalars(select(Camera).order_by(Camera.code))]
    return rows, None


CAMERAS = Kind(
    "cameras", Camera, "code",
    (Col("code", "camera code, unique (natural key)", True, ("点位编号",)), Col("name", "", True),
     Col("business", "licence number of the business it watches", aliases=("licence_no", "许可证号")),
     Col("area", "kitchen area (热加工区, 切配区…)", aliases=("区域",)),
     Col("url", "stream URL (rtsp://, http://, file); exported with any password masked", aliases=("地址url", "流地址")),
     Col("lon", "defaults to the business location"), Col("lat", ""),
     Col("closed_from", "start of closed hours HH:MM (after-hours motion watch)"), Col("closed_to", ""),
     Col("enabled", "yes/no")),
    parse_camera, export_cameras,
    doc="Kitchen cameras (bright kitchen).",
)


def parse_inspection(row, ctx: Context) -> dict:
    v = row.values
    licence = F.required(v, "business")
    bid = ctx.lookup(Business, "licence_no", licence)
    if bid is None:
        raise RowError(f"no business with licence number {licence!r} (import businesses first)")
    when = F.moment(F.required(v, "date"), "date")
    score = F.number(v.get("score"), "score", 0, 100)
    badge = F.text(v.get("inspector"))
    inspector_id = ctx.lookup(Inspector, "badge_no", badge) if badge else None
    if badge and inspector_id is None:
        raise RowError(f"no inspector with badge number {badge!r}")
    result = F.text(v.get("result"))
    rec = dict(ref=F.required(v, "ref"), business_id=bid, at=when, score=score, inspector_id=inspector_id,
               kind=F.text(v.get("kind")) or "routine", notes=F.text(v.get("notes")),
               result=F.choice(result, "result", RESULTS) if result else None, violation=None)
    desc = F.text(v.get("violation_description"))
    code = F.text(v.get("violation_code"))
    if desc or code:
        risk = F.text(v.get("risk"))
        rec["violation"] = dict(code=code, description=desc,
                                risk=F.choice(risk, "risk", RISK_NAMES) if risk else "")
    return rec


def _result_from(score, n_violations: int) -> str:
    if score is None:
        return "pass" if n_violations == 0 else "rectify"
    return "pass" if score >= 90 else ("rectify" if score >= 70 else "fail")


def apply_inspections(session, records: list[tuple[int, dict]], ctx: Context) -> tuple[int, int, list]:
    """One row per violation (or one per inspection without any); rows with the same ref merge."""
    groups: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for number, rec in records:
        groups[rec["ref"]].append((number, rec))
    problems = []
    for ref, recs in groups.items():
        first = recs[0][1]
        for number, rec in recs[1:]:
            for k in ("business_id", "at", "score"):
                if rec[k] != first[k]:
                    problems.append((number, f"inspection {ref!r} has a different {k} than on row {recs[0][0]}"))
    if problems:
        return 0, 0, problems
    existing = {}
    refs = list(groups)
    for i in range(0, len(refs), 900):
        existing.update({o.ref: o for o in session.scalars(select(Inspection).where(Inspection.ref.in_(refs[i:i + 900])))})
    inserted = updated = 0
    for ref, recs in groups.items():
        first = recs[0][1]
        violations = []
        seen = set()
        for _, rec in recs:
            vv = rec["violation"]
            if vv and (vv["code"], vv["description"]) not in seen:
                seen.add((vv["code"], vv["description"]))
                violations.append(vv)
        result = first["result"] or _result_from(first["score"], len(violations))
        attrs = {k: first[k] for k in ("business_id", "at", "score", "inspector_id", "kind", "notes")} | {"result": result}
        obj = existing.get(ref)
        if obj is None:
            obj = Inspection(ref=ref, checklist={}, **attrs)
            session.add(obj)
            inserted += 1
        else:
            same = all(getattr(obj, k) == v for k, v in attrs.items()) and sorted(
                (x.code, x.description, x.risk) for x in obj.violations) == sorted(
                (x["code"], x["description"], x["risk"]) for x in violations)
            if same:
                continue
            for k, v in attrs.items():
                setattr(obj, k, v)
            obj.violations.clear()
            updated += 1
        obj.violations.extend(Violation(**x) for x in violations)
    return inserted, updated, []


def export_inspections(session):
    licences = dict(session.execute(select(Business.id, Business.licence_no)).all())
    badges = dict(session.execute(select(Inspector.id, Inspector.badge_no)).all())
    rows = []
    for ins in session.scalars(select(Inspection).order_by(Inspection.at, Inspection.id)):
        base = dict(ref=ins.ref or f"ID{ins.id}", business=licences.get(ins.business_id, ""),
                    date=F.local_iso(ins.at), score=ins.score, result=ins.result, kind=ins.kind,
                    inspector=badges.get(ins.inspector_id, ""), notes=ins.notes)
        if not ins.violations:
            rows.append(base | dict(violation_code="", violation_description="", risk=""))
        for v in ins.violations:
            rows.append(base | dict(violation_code=v.code, violation_description=v.description, risk=v.risk))
    return rows, None


INSPECTIONS = Kind(
    "inspections", Inspection, "ref",
    (Col("ref", "inspection id, unique (natural key)", True, ("inspection_id", "检查编号")),
     Col("business", "licence number of the business", True, ("licence_no", "business_id", "许可证号")),
     Col("date", "date or date-time (Beijing time unless it carries a zone)", True, ("inspection_date", "检查日期")),
     Col("score", "0–100", aliases=("inspection_score", "得分")),
     Col("result", "pass | rectify | fail (合格/限期整改/不合格); from the score when empty", aliases=("检查结果",)),
     Col("kind", "routine, follow-up, complaint…"), Col("inspector", "badge number"), Col("notes", ""),
     Col("violation_code", "one row per violation", aliases=("violation_id",)),
     Col("violation_description", "", aliases=("问题描述",)),
     Col("risk", "low | moderate | high (Low Risk…, 低/中/高)", aliases=("risk_category", "风险"))),
    parse_inspection, export_inspections, apply=apply_inspections,
    doc="Inspections, one row per violation (as the San Francisco open data publishes them).",
)
