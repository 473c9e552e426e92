"""Star ratings and risk grades: the proposal queue a supervisor applies or rejects from the
keyboard, one business's stars (editable by a supervisor), risk reasons and history, businesses
by risk grade on the map and in a list, the public star list export and the rating rules.

Decisions go through ``hub.perform`` as the signed-in user (kept in the outbox while the
database is away); the map's restaurant layer follows through ``hub.changed`` ("business").
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget
from shiboken6 import isValid

from core.auth import Actor
from core.db.models import RISK_GRADES, STAR_NAMES_ZH, STARS
from core.rapid_tests.filters import LOCAL
from core.ratings import apply_proposal, reject_proposal, run_periodic_rules, set_star
from core.ratings.views import BusinessCard as CardData
from core.ratings.views import ProposalRow, RiskRow, business_card, proposal_rows, risk_rows
from core.reports.star_list import write_star_list
from desktop.hub import action
from widgets.map_canvas import PointLayer, Symbol
from widgets.star_review import (
    GRADE_COLOURS,
    BusinessCard,
    BusinessInfo,
    HistoryLine,
    ProposalLine,
    ProposalTable,
    RiskLine,
    RiskList,
)

log = logging.getLogger(__name__)

RISK_LAYER_ID = "risk_grades"
BUSINESS_LAYERS = (RISK_LAYER_ID, "restaurants")  # ours and the map panel's restaurants and canteens
WATCHED = {"star_proposal", "star_rating", "business"}
BUSINESS_ZOOM = 17.0


# --- actions the outbox can replay: fn(session, actor, **params) ------------------------------

@action("ratings.apply_proposal")
def _apply(session, actor: Actor, proposal_id: int, seen_version: int | None = None, note: str = "") -> None:
    apply_proposal(session, proposal_id, actor, seen_version, note)


@action("ratings.reject_proposal")
def _reject(session, actor: Actor, proposal_id: int, seen_version: int | None = None, note: str = "") -> None:
    reject_proposal(session, proposal_id, actor, seen_version, note)


@action("ratings.set_star")
def _set_star(session, actor: Actor, business_id: int, star: str, value: bool, reason: str,
              seen_version: int | None = None) -> None:
    set_star(session, business_id, star, value, actor, reason, seen_version)


# --- worker functions: fn(db, ...) -> plain data ----------------------------------------------

def _read_proposals(db) -> list[ProposalRow]:
    with db.session() as s:
        return proposal_rows(s)


def _read_card(db, business_id: int) -> CardData:
    with db.session() as s:
        return business_card(s, business_id)


def _read_risk(db, grades: tuple[str, ...]) -> list[RiskRow]:
    with db.session() as s:
        return risk_rows(s, grades)


RULES_FIRST_MS = 60_000
RULES_EVERY_MS = 6 * 3600_000


def _run_rules(db, actor: Actor) -> int:
    with db.session() as s:
        return len(run_periodic_rules(s, actor))


def _export_stars(db, out: str) -> int:
    with db.session() as s:
        return write_star_list(s, out)


# --- conversions ------------------------------------------------------------------------------

def proposal_line(p: ProposalRow) -> ProposalLine:
    return ProposalLine(p.id, p.version, p.business_id, p.business, p.district, p.star, p.star_zh, p.up, p.rule_zh,
                        p.reason, p.evidence, p.created_at.astimezone(LOCAL))


def business_info(c: CardData) -> BusinessInfo:
    return BusinessInfo(
        c.id, c.name, c.licence_no, c.kind_zh, c.district, c.address,
        [(s, STAR_NAMES_ZH[s], c.stars[s]) for s in STARS], c.rating_version, c.risk_grade, c.risk_reasons,
        [HistoryLine(h.at.astimezone(LOCAL), h.star_zh, h.old, h.new, h.by, h.reason, h.source) for h in c.history],
        c.open_proposals)


def risk_symbols(labels: dict[str, str]) -> dict[int, Symbol]:
    """Bigger and on top the higher the risk, so the D businesses stand out in a crowd."""
    return {i: Symbol("circle", 9 + 2 * i, GRADE_COLOURS[g], "#ffffff", 1.4, labels[g], z=i)
            for i, g in enumerate(RISK_GRADES)}


class RatingsPanel(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = window.hub
        self.canvas = None
        self.business_id: int | None = None
        self._card_pos: tuple[float | None, float | None] = (None, None)
        self._proposals: list[ProposalRow] = []
        self._risk: list[RiskRow] = []
        self._loading = {"proposals": True, "risk": True, "card": False}
        self.last_export: tuple[str, int] | None = None
        self.last_rules: int | None = None

        self.proposals = ProposalTable()
        self.proposals.set_editable(self.hub.actor.can("rate_stars"))
        self.card = BusinessCard()
        self.card.set_editable(self.hub.actor.can("rate_stars"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        review = QWidget()
        rl = QVBoxLayout(review)
        rl.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical, review)
        card_scroll = QScrollArea(split)
        card_scroll.setWidgetResizable(True)
        card_scroll.setFrameShape(QFrame.Shape.NoFrame)
        card_scroll.setWidget(self.card)
        split.addWidget(self.proposals)
        split.addWidget(card_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        rl.addWidget(self.message)
        rl.addWidget(split, 1)
        self.risk = RiskList()
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.review_dock = window.add_dock("star_review", self.tr("Star ratings"), review, left)
        self.risk_dock = window.add_dock("risk_grades", self.tr("Risk grades"), self.risk, left, visible=False)

        labels = {"A": self.tr("Risk grade A (low)"), "B": self.tr("Risk grade B"), "C": self.tr("Risk grade C"),
                  "D": self.tr("Risk grade D (high)")}
        self.layer = PointLayer(RISK_LAYER_ID, self.tr("Risk grades"), symbols=risk_symbols(labels),
                                cluster=True, cluster_color="#b45309", label_min_zoom=16.0)
        canvas = getattr(window, "map_canvas", None)
        if canvas is None:
            log.info("no map canvas in this window: risk grades are listed but not drawn")
        else:
            self.attach_map(canvas)
        self.map_panel = getattr(window, "map_panel", None)
        if self.map_panel is not None and hasattr(self.map_panel, "add_details_action"):
            self.map_panel.add_details_action("business", self.tr("Star Ratings"),
                                              lambda _kind, fid: self.review(fid))

        if not window.wall:
            self.export_action = QAction(self.tr("Export Public &Star List…"), self, triggered=self.choose_export_file)
            self.export_action.setEnabled(self.hub.actor.can("export_data"))
            window.menus["file"].insertAction(getattr(window, "file_end", None), self.export_action)
        self.rules_action = QAction(self.tr("Run Star &Rating Rules Now"), self, triggered=self.run_rules)
        self.rules_action.setEnabled(self.hub.actor.can("propose_stars"))
        window.menus["tools"].addAction(self.rules_action)

        self.proposals.applyRequested.connect(lambda p, note: self._decide("ratings.apply_proposal", p, note))
        self.proposals.rejectRequested.connect(lambda p, note: self._decide("ratings.reject_proposal", p, note))
        self.proposals.proposalSelected.connect(lambda p: p is not None and self.show_business(p.business_id))
        self.proposals.activated.connect(lambda p: self.locate(p.business_id))
        self.card.starEditRequested.connect(self._edit_star)
        self.card.locateRequested.connect(self.locate)
        self.risk.gradesChanged.connect(self._grades_changed)
        self.risk.showOnMapChanged.connect(self._risk_layer_visible)
        self.risk.businessSelected.connect(self.show_business)
        self.risk.activated.connect(self.locate)
        self._risk_in_view = False
        self.risk_dock.visibilityChanged.connect(self._risk_dock_visibility)
        self.hub.changed.connect(self._changed)
        self.hub.action_failed.connect(self._failed)
        # The rules that look at spans of time (cameras offline for days, a clean quarter) run on
        # their own in a live desktop that may propose: a minute after start, then every few
        # hours. They are idempotent: a waiting or turned-down proposal is not made twice.
        self._rules_clock = QTimer(self, singleShot=True, interval=RULES_FIRST_MS, timeout=self._scheduled_rules)
        if self.hub.live and self.hub.actor.can("propose_stars"):
            self._rules_clock.start()
        self.load_proposals()
        self.load_risk()

    # --- the map ----------------------------------------------------------------------------

    def attach_map(self, canvas) -> None:
        self.canvas = canvas
        self.layer.set_visible(False)
        canvas.add_layer(self.layer)
        canvas.featureClicked.connect(self._map_clicked)

    def _map_clicked(self, layer_id: str, feature_id) -> None:
        if feature_id is None:
            return
        if layer_id in BUSINESS_LAYERS:
            self.show_business(int(feature_id))
            if layer_id == RISK_LAYER_ID:
                self.risk.select_id(int(feature_id))

    def _risk_layer_visible(self, on: bool) -> None:
        """While the risk list is open with "show on map", the map shows only the businesses of
        the ticked grades, ringed in their grade's colour."""
        shown = bool(on) and self._risk_in_view
        self.layer.set_visible(shown)
        if self.map_panel is not None and hasattr(self.map_panel, "set_business_filter"):
            self.map_panel.set_business_filter(risk_grades=self.risk.grades() if shown else None)

    def _risk_dock_visibility(self, visible: bool) -> None:
        # The signal says whether the list is in view: a dock behind another tab is "visible"
        # to Qt but not to the user. Docks also report hiding while the window is torn down,
        # after the map's layers are gone.
        self._risk_in_view = bool(visible)
        if isValid(self.layer) and isValid(self.risk):
            self._risk_layer_visible(self.risk.show_on_map())

    def _grades_changed(self, _grades) -> None:
        self.load_risk()
        self._risk_layer_visible(self.risk.show_on_map())

    def review(self, business_id: int) -> None:
        """Show a business's stars, history and proposals in the rating dock."""
        self.window.workspace.reveal("star_review")
        self.show_business(int(business_id))

    def locate(self, business_id: int) -> None:
        """Fly to a business and select it on the map."""
        found = next(((r.lon, r.lat) for r in self._risk if r.id == business_id), None) or next(
            ((p.lon, p.lat) for p in self._proposals if p.business_id == business_id), None)
        card = self.card.info
        if found is None and card is not None and card.id == business_id:
            found = self._card_pos
        if found is None or found[0] is None:
            self.window.statusBar().showMessage(self.tr("This business has no location on the map"), 6000)
            return
        panel = getattr(self.window, "map_panel", None)
        if panel is not None and hasattr(panel, "fly_to"):
            panel.fly_to(found[0], found[1], BUSINESS_ZOOM)
        elif self.canvas is not None:
            self.canvas.center_on(found[0], found[1], BUSINESS_ZOOM)
        if self.canvas is not None and self.layer.visible and any(r.id == business_id for r in self._risk):
            self.canvas.set_selection({RISK_LAYER_ID: [business_id]})

    # --- loading ----------------------------------------------------------------------------

    def load_proposals(self) -> None:
        self._loading["proposals"] = True
        self.hub.run("ratings.proposals", _read_proposals, on_done=self._got_proposals,
                     on_error=lambda e: self._read_failed("proposals", e))

    def _got_proposals(self, rows: list[ProposalRow]) -> None:
        self._loading["proposals"] = False
        self._proposals = rows
        self.proposals.set_proposals([proposal_line(p) for p in rows])
        self.review_dock.setWindowTitle(self.tr("Star ratings (%1 proposals)").replace("%1", str(len(rows))))

    def load_risk(self) -> None:
        self._loading["risk"] = True
        self.hub.run("ratings.risk", _read_risk, self.risk.grades(), on_done=self._got_risk,
                     on_error=lambda e: self._read_failed("risk", e))

    def _got_risk(self, rows: list[RiskRow]) -> None:
        self._loading["risk"] = False
        self._risk = rows
        self.risk.set_rows([RiskLine(r.id, r.name, r.kind_zh, r.district, r.grade, r.score, r.reasons) for r in rows])
        placed = [r for r in rows if r.lon is not None and r.lat is not None]
        self.layer.set_data([r.lon for r in placed], [r.lat for r in placed],
                            np.array([r.id for r in placed], dtype=np.int64),
                            categories=[RISK_GRADES.index(r.grade) for r in placed],
                            labels=[f"{r.name}（{r.grade}）" for r in placed])

    def show_business(self, business_id: int) -> None:
        self.business_id = int(business_id)
        self._loading["card"] = True
        self.hub.run("ratings.card", _read_card, self.business_id, on_done=self._got_card,
                     on_error=lambda e: self._read_failed("card", e))

    def _got_card(self, c: CardData) -> None:
        self._loading["card"] = False
        if c.id != self.business_id:
            return
        self._card_pos = (c.lon, c.lat)
        self.card.set_business(business_info(c))

    def _read_failed(self, what: str, exc: BaseException) -> None:
        self._loading[what] = False
        self._say(self.tr("Ratings could not be read: %1").replace("%1", str(exc).splitlines()[0]))

    def _changed(self, tables: set) -> None:
        if tables & WATCHED:
            self.reload()

    def reload(self) -> None:
        self.load_proposals()
        self.load_risk()
        if self.business_id is not None:
            self.show_business(self.business_id)

    # --- decisions --------------------------------------------------------------------------

    def _decide(self, name: str, p: ProposalLine, note: str) -> None:
        self._say("")
        self.hub.perform(name, on_done=lambda _r: self._done(), proposal_id=p.id, seen_version=p.version, note=note)

    def _edit_star(self, business_id: int, star: str, value: bool, reason: str, version) -> None:
        self._say("")
        self.hub.perform("ratings.set_star", on_done=lambda _r: self._done(), business_id=business_id, star=star,
                         value=value, reason=reason, seen_version=version)

    def _done(self) -> None:
        self.reload()
        poll = self.hub.poll_now
        poll()  # the map's star layer and other workstations' panels hear of it now

    def _failed(self, name: str, message: str) -> None:
        if name.startswith("ratings."):
            self._say(message)
            self.reload()  # a refused decision puts the proposal back as it really is

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if text else "")
        self.message.setVisible(bool(text))

    # --- files and rules --------------------------------------------------------------------

    def choose_export_file(self) -> None:
        if self.window.wall:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the public star list"), "star-list.xlsx",
            ";;".join((self.tr("Excel workbook (*.xlsx)"), self.tr("CSV (*.csv)"), self.tr("Printable page (*.html)"),
                       self.tr("PDF document (*.pdf)"))))
        if path:
            if not Path(path).suffix:
                path += "." + chosen.rsplit("*.", 1)[-1].rstrip(")")
            self.export(path)

    def export(self, path: str) -> None:
        self.window.statusBar().showMessage(self.tr("Writing the star list…"))
        self.hub.run("ratings.export", _export_stars, path, on_done=lambda n, path=path: self._exported(path, n),
                     on_error=lambda e: self._say(self.tr("The star list was not written: %1")
                                                  .replace("%1", str(e).splitlines()[0])))

    def _exported(self, path: str, n: int) -> None:
        self.last_export = (path, n)
        self.window.statusBar().showMessage(self.tr("%1 businesses written to %2").replace("%1", f"{n:,}")
                                            .replace("%2", path), 15000)

    def run_rules(self) -> None:
        self.window.statusBar().showMessage(self.tr("Running the star rating rules…"))
        self.hub.run("ratings.rules", _run_rules, self.hub.actor, on_done=self._rules_done,
                     on_error=lambda e: self._say(str(e).splitlines()[0]))

    def _scheduled_rules(self) -> None:
        self.hub.run("ratings.rules", _run_rules, self.hub.actor, on_done=self._scheduled_rules_done,
                     on_error=lambda e: log.warning("scheduled star rules failed: %s", str(e).splitlines()[0]))
        self._rules_clock.start(RULES_EVERY_MS)

    def _scheduled_rules_done(self, n: int) -> None:
        if n:
            self._rules_done(n)

    def _rules_done(self, n: int) -> None:
        self.last_rules = n
        self.window.statusBar().showMessage(self.tr("The rules proposed %1 star change(s)").replace("%1", str(n)), 15000)
        self._done()

    # --- views and readiness ----------------------------------------------------------------

    def close(self) -> None:
        self._rules_clock.stop()

    def ready(self) -> bool:
        return not any(self._loading.values())


def install(window) -> RatingsPanel:
    return RatingsPanel(window)
