"""What the details dock says about a feature: ``map_details`` results turned into sections of
translated rows (``widgets.details.Details``). Times show in Asia/Shanghai; codes (kinds, states,
results) show as words; the five stars by their Chinese names, lit or not."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QObject

from core import catalog
from core.db.models import STAR_NAMES_EN, STAR_NAMES_ZH, STARS
from core.ratings.rules import ALERT_KINDS_ZH
from core.vehicles.hours import LOCAL, is_open
from desktop.panels import map_details as md
from widgets.details import Details, Note, Row, Section, StarRow
from widgets.star_review import GRADE_COLOURS

SEVERITY_TONE = {0: "muted", 1: "", 2: "warn", 3: "bad", 4: "bad"}
RESULT_TONE = {"pass": "good", "rectify": "warn", "fail": "bad"}


def _zh() -> bool:
    return QLocale().name().startswith("zh")


def when(t: datetime | None) -> str:
    return t.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M") if t else "—"


class DetailsText(QObject):
    """Builds the details; a QObject only so its words are translated in their own context."""

    def kind_name(self, kind: str) -> str:
        return {
            "restaurant": self.tr("Restaurant"), "small_eatery": self.tr("Small eatery"),
            "canteen_school": self.tr("School canteen"), "canteen_kindergarten": self.tr("Kindergarten canteen"),
            "canteen_other": self.tr("Workplace canteen"), "workshop": self.tr("Food workshop"),
            "supermarket": self.tr("Supermarket"), "catering": self.tr("Mobile banquet catering"),
            "farmers": self.tr("Farmers' market"), "collective": self.tr("Collective market"),
            "convenience": self.tr("Convenience market"), "room": self.tr("Rapid-test room"),
            "vehicle": self.tr("Mobile test vehicle"),
        }.get(kind, kind)

    def camera_state(self, state: str) -> tuple[str, str]:
        return {"online": (self.tr("online"), "good"), "offline": (self.tr("offline"), "bad"),
                "stalled": (self.tr("stalled (no new frames)"), "warn"),
                "unknown": (self.tr("not yet seen"), "muted")}.get(state, (state, ""))

    def result(self, result: str) -> str:
        return {"pass": self.tr("pass"), "rectify": self.tr("rectification ordered"),
                "fail": self.tr("fail")}.get(result, result)

    def alert_state(self, state: str) -> str:
        return {"new": self.tr("new"), "in_review": self.tr("in review"), "confirmed": self.tr("confirmed"),
                "dismissed": self.tr("dismissed"), "rectification": self.tr("rectification"),
                "closed": self.tr("closed")}.get(state, state)

    def alert_kind(self, kind: str) -> str:
        en = {"no_hat": self.tr("No hat"), "no_mask": self.tr("No mask"), "smoking": self.tr("Smoking"),
              "phone": self.tr("Phone in the kitchen"), "rodent": self.tr("Rodent"),
              "after_hours_motion": self.tr("Motion after hours"), "lens_covered": self.tr("Lens covered"),
              "camera_offline": self.tr("Camera offline")}
        if _zh() and kind in ALERT_KINDS_ZH:
            return ALERT_KINDS_ZH[kind]
        return en.get(kind, kind)

    def item_name(self, code: str) -> str:
        it = catalog.ITEMS.get(code)
        return (it.zh if _zh() else it.en) if it else code

    @staticmethod
    def star_name(star: str) -> str:
        zh = STAR_NAMES_ZH[star]
        return zh if _zh() else f"{zh} {STAR_NAMES_EN[star]}"

    # --- sections shared by several kinds --------------------------------------------------------

    def _alerts(self, alerts: list[md.AlertLine]) -> Section:
        rows = tuple(Row(when(a.raised_at), f"{self.alert_kind(a.kind)} · {self.alert_state(a.state)}"
                         + (f" · {a.title}" if a.title else ""), SEVERITY_TONE.get(a.severity, ""))
                     for a in alerts)
        return Section(self.tr("Recent alerts"), rows or (Note(self.tr("No alerts"), "muted"),))

    def _tests_today(self, t: md.TestsToday) -> Section:
        if not t.total:
            return Section(self.tr("Rapid tests today"), (Note(self.tr("No tests yet today"), "muted"),))
        rate = t.pass_rate
        rows = [Row(self.tr("Tests"), str(t.total)), Row(self.tr("Passed"), str(t.passed)),
                Row(self.tr("Pass rate"), f"{rate:.1%}", "good" if rate >= 0.98 else ("warn" if rate >= 0.9 else "bad"))]
        for sample, item in t.failed[:8]:
            rows.append(Row(self.tr("Failed"), f"{sample} · {self.item_name(item)}", "bad"))
        return Section(self.tr("Rapid tests today"), tuple(rows))

    # --- one per kind ------------------------------------------------------------------------------

    def business(self, d: md.BusinessDetails) -> Details:
        c = d.card
        head = Section(self.tr("Licence"), (
            Row(self.tr("Licence no."), c.licence_no),
            Row(self.tr("Kind"), self.kind_name(c.kind)),
            Row(self.tr("Address"), c.address or "—"),
            Row(self.tr("District"), c.district or "—"),
            Row(self.tr("Licence expires"), str(d.licence_expires) if d.licence_expires else "—"),
            Row(self.tr("Legal person"), d.legal_person or "—"),
            Row(self.tr("Phone"), d.phone or "—"),
            Row(self.tr("Bright-kitchen platform"), self.tr("yes") if d.on_platform else self.tr("no")),
        ))
        n = sum(c.stars.values())
        stars = Section(self.tr("Stars: %1 of 5").replace("%1", str(n)),
                        (StarRow(tuple((self.star_name(s), bool(c.stars.get(s))) for s in STARS)),))
        reasons = tuple(Row(f"+{pts}" if pts is not None else "•", text, "warn") for text, pts in c.risk_reasons) \
            or (Note(self.tr("No risk facts recorded"), "muted"),)
        risk = Section(self.tr("Risk grade %1").replace("%1", c.risk_grade or "—"), reasons)
        online = sum(1 for cam in d.cameras if cam.state == "online")
        cams = []
        for cam in d.cameras:
            text, tone = self.camera_state(cam.state)
            cams.append(Row(cam.area or cam.code, f"{text} · {cam.code}", tone, link=("cameras", cam.id)))
        cameras = Section(self.tr("Kitchen cameras: %1 of %2 online").replace("%1", str(online))
                          .replace("%2", str(len(d.cameras))),
                          tuple(cams) or (Note(self.tr("No kitchen cameras"), "muted"),))
        insp = []
        for i in d.inspections:
            score = f"{i.score:g}" if i.score is not None else "—"
            text = self.tr("score %1 · %2").replace("%1", score).replace("%2", self.result(i.result))
            if i.violations:
                text += "\n" + self.tr("Violations: %1").replace("%1", "、".join(i.violations))
            insp.append(Row(when(i.at)[:10], text, RESULT_TONE.get(i.result, "")))
        inspections = Section(self.tr("Last inspections"),
                              tuple(insp) or (Note(self.tr("Never inspected"), "muted"),))
        return Details(c.name, f"{self.kind_name(c.kind)} · {c.district}".strip(" ·"),
                       self.tr("Risk %1").replace("%1", c.risk_grade) if c.risk_grade else "",
                       GRADE_COLOURS.get(c.risk_grade, "#64748b"),
                       (stars, risk, head, cameras, inspections, self._alerts(d.alerts)))

    def market(self, d: md.MarketDetails) -> Details:
        info = Section(self.tr("Market"), (
            Row(self.tr("Kind"), self.kind_name(d.kind)), Row(self.tr("Address"), d.address or "—"),
            Row(self.tr("District"), d.district or "—"), Row(self.tr("Operator"), d.operator or "—"),
            Row(self.tr("Phone"), d.phone or "—"), Row(self.tr("Stalls"), str(d.stalls)),
            Row(self.tr("Rapid-test rooms"), "、".join(d.rooms) or "—")))
        rate = d.today.pass_rate
        badge = self.tr("Pass %1").replace("%1", f"{rate:.0%}") if rate is not None else ""
        colour = "#16a34a" if rate is not None and rate >= 0.98 else "#dc2626"
        return Details(d.name, self.kind_name(d.kind), badge, colour,
                       (self._tests_today(d.today), info, self._alerts(d.alerts)))

    def zone(self, d: md.ZoneDetails, now: datetime) -> Details:
        try:
            open_now = is_open(d.opens, d.closes, d.days, now)
        except ValueError:
            open_now = False
        days = self.days_text(d.days)
        hours = Section(self.tr("Hours"), (
            Row(self.tr("Open"), f"{d.opens}–{d.closes}"),
            Row(self.tr("Days"), days),
            Row(self.tr("Now"), self.tr("open") if open_now else self.tr("closed"), "good" if open_now else "muted")))
        info = Section(self.tr("Vendor zone"), (
            Row(self.tr("Address"), d.address or "—"), Row(self.tr("District"), d.district or "—"),
            Row(self.tr("Manager"), d.manager or "—"), Row(self.tr("Capacity"), str(d.capacity)),
            Row(self.tr("Stalls"), str(d.stall_count))))
        stalls = tuple(Row(s.number, f"{s.holder} · {s.goods}".strip(" ·"), link=("stalls", s.id)) for s in d.stalls)
        if d.stall_count > len(d.stalls):
            stalls += (Note(self.tr("… and %1 more").replace("%1", str(d.stall_count - len(d.stalls))), "muted"),)
        return Details(d.name, f"{d.opens}–{d.closes} · {days}", self.tr("Open now") if open_now else self.tr("Closed"),
                       "#16a34a" if open_now else "#6b7280",
                       (hours, info, Section(self.tr("Stalls"), stalls or (Note(self.tr("No stalls"), "muted"),))))

    def days_text(self, days: str) -> str:
        if days == "1234567":
            return self.tr("every day")
        names = {"1": self.tr("Mon"), "2": self.tr("Tue"), "3": self.tr("Wed"), "4": self.tr("Thu"),
                 "5": self.tr("Fri"), "6": self.tr("Sat"), "7": self.tr("Sun")}
        return " ".join(names.get(c, c) for c in days)

    def stall(self, d: md.StallDetails) -> Details:
        rows = [Row(self.tr("Holder"), d.holder or "—"), Row(self.tr("Goods"), d.goods or "—"),
                Row(self.tr("Phone"), d.phone or "—"), Row(self.tr("Permit no."), d.permit_no or "—"),
                Row(self.tr("Permit expires"), str(d.permit_expires) if d.permit_expires else "—")]
        if d.zone:
            rows.append(Row(self.tr("Vendor zone"), d.zone[1], link=("vendor_zones", d.zone[0])))
        if d.market:
            rows.append(Row(self.tr("Market"), d.market[1], link=("markets", d.market[0])))
        return Details(self.tr("Stall %1").replace("%1", d.number), d.holder, "", "#64748b",
                       (Section(self.tr("Stall"), tuple(rows)),))

    def camera(self, d: md.CameraDetails) -> Details:
        text, tone = self.camera_state(d.line.state)
        rows = [Row(self.tr("Code"), d.line.code), Row(self.tr("Area"), d.line.area or "—"),
                Row(self.tr("State"), text, tone), Row(self.tr("Since"), when(d.line.since)),
                Row(self.tr("Last frame"), when(d.last_frame_at)),
                Row(self.tr("Closed hours"), f"{d.closed_from}–{d.closed_to}")]
        if d.business:
            rows.append(Row(self.tr("Business"), d.business[1], link=("restaurants", d.business[0])))
        colour = {"good": "#16a34a", "bad": "#dc2626", "warn": "#d97706"}.get(tone, "#64748b")
        return Details(d.line.name, self.tr("Kitchen camera"), text, colour,
                       (Section(self.tr("Camera"), tuple(rows)), self._alerts(d.alerts)))

    def lab(self, d: md.LabDetails) -> Details:
        rows = [Row(self.tr("Kind"), self.kind_name(d.kind)), Row(self.tr("District"), d.district or "—")]
        if d.market:
            rows.append(Row(self.tr("Market"), d.market[1], link=("markets", d.market[0])))
        if d.vehicle_plate:
            rows.append(Row(self.tr("Vehicle"), d.vehicle_plate))
        if d.notes:
            rows.append(Row(self.tr("Notes"), d.notes))
        return Details(d.name, self.kind_name(d.kind), "", "#7c3aed",
                       (self._tests_today(d.today), Section(self.tr("Test lab"), tuple(rows))))

    def district(self, d: md.DistrictDetails) -> Details:
        c = d.counts
        rows = (Row(self.tr("Area code"), d.adcode), Row(self.tr("Markets"), str(c.get("markets", 0))),
                Row(self.tr("Vendor zones"), str(c.get("zones", 0))),
                Row(self.tr("Catering units"), str(c.get("businesses", 0))),
                Row(self.tr("School and kindergarten canteens"), str(c.get("schools", 0))),
                Row(self.tr("Risk grade D"), str(c.get("grade_d", 0)), "bad" if c.get("grade_d") else ""))
        sections = [Section(self.tr("District"), rows)]
        if d.today is not None:
            sections.insert(0, self._tests_today(d.today))
        return Details(d.name, self.tr("District"), "", "#64748b", tuple(sections))

    def build(self, kind: str, data, now: datetime) -> Details:
        if kind == "zone":
            return self.zone(data, now)
        return getattr(self, kind)(data)
