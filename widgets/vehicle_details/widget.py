"""One vehicle's file: the five musts and eight controls with their evidence and dates, its
certificates with the 30/7/0-day warnings, its catering jobs, its purchase and disinfection
ledgers, and the alerts raised about it.

What needs attention is coloured and counted in the tab titles, so an operator sees a failed
check or an expiring licence without opening every tab.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.vehicle_details.data import EIGHT_CONTROLS, FIVE_MUSTS, CertificateRow, VehicleDetails

CHINA = timezone(timedelta(hours=8))
RED, ORANGE, AMBER, GREEN, GREY = "#dc2626", "#ea580c", "#ca8a04", "#16a34a", "#6b7280"
LEVEL_COLOURS = {0: RED, 7: ORANGE, 30: AMBER}
SEVERITY_COLOURS = {0: GREY, 1: GREY, 2: AMBER, 3: ORANGE, 4: RED}


def local(t: float | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if t is None:
        return "–"
    return datetime.fromtimestamp(t, UTC).astimezone(CHINA).strftime(fmt)


def _item(text: str, colour: str | None = None, bold: bool = False, tip: str = "") -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    if colour:
        it.setForeground(QBrush(QColor(colour)))
    if bold:
        f = QFont()
        f.setBold(True)
        it.setFont(f)
    if tip:
        it.setToolTip(tip)
    return it


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    hh = t.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    hh.setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, it in enumerate(cells):
            table.setItem(r, c, it)


class VehicleDetailsWidget(QWidget):
    alertActivated = Signal(int)  # alert id (double-click)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.details: VehicleDetails | None = None
        self._alert_ids: list[int] = []
        self.title = QLabel(self.tr("Pick a vehicle in the list or on the map."), objectName="SectionTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.checks = QTreeWidget()
        self.checks.setHeaderLabels([self.tr("Item"), self.tr("Result"), self.tr("Checked on"), self.tr("By"),
                                     self.tr("Evidence")])
        self.checks.setRootIsDecorated(False)
        self.checks.setAlternatingRowColors(True)
        self.checks.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.certificates = _table([self.tr("Certificate"), self.tr("Status"), self.tr("Expires"), self.tr("Number"),
                                    self.tr("Holder")])
        self.jobs = _table([self.tr("Date"), self.tr("Venue"), self.tr("Guests"), self.tr("Samples kept"),
                            self.tr("Status"), self.tr("Occasion")])
        self.ledgers = _table([self.tr("Date"), self.tr("Ledger"), self.tr("Item"), self.tr("Quantity"),
                               self.tr("Supplier / note")])
        self.alerts = _table([self.tr("Raised"), self.tr("Alert"), self.tr("Severity"), self.tr("State")])
        self.alerts.cellDoubleClicked.connect(self._alert_double_clicked)
        for w in (self.checks, self.certificates, self.jobs, self.ledgers, self.alerts):
            self.tabs.addTab(w, "")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.tabs, 1)
        self._set_tab_titles(None)
        self.tabs.setEnabled(False)

    # -- texts ----------------------------------------------------------------------------------
    def item_name(self, key: str) -> str:
        return {
            "business_licence": self.tr("Business licence"), "liability_insurance": self.tr("Liability insurance"),
            "gps_video": self.tr("GPS and video"), "filing": self.tr("Filing"), "training": self.tr("Staff training"),
            "health_certificates": self.tr("Health certificates"), "raw_materials": self.tr("Raw materials"),
            "transport": self.tr("Transport"), "cooking": self.tr("Cooking"),
            "sample_retention": self.tr("Sample retention"), "disinfection": self.tr("Disinfection"),
            "hygiene": self.tr("Hygiene"), "kitchen_waste": self.tr("Kitchen waste"),
            "health_certificate": self.tr("Health certificate"),
        }.get(key, key)

    def kind_name(self, kind: str) -> str:
        return {"banquet_truck": self.tr("Banquet truck"), "test_vehicle": self.tr("Test vehicle")}.get(kind, kind)

    def alert_name(self, kind: str) -> str:
        return {"undeclared_venue": self.tr("Catering at an undeclared venue"),
                "outside_hours": self.tr("Operating outside hours"),
                "expired_certificate": self.tr("Operating with an expired certificate"),
                "near_school": self.tr("Near a school canteen"),
                "zone_closed": self.tr("In a vendor zone while it is closed")}.get(kind, kind)

    def state_name(self, state: str) -> str:
        return {"new": self.tr("New"), "in_review": self.tr("In review"), "confirmed": self.tr("Confirmed"),
                "dismissed": self.tr("Dismissed"), "rectification": self.tr("Rectification"),
                "closed": self.tr("Closed")}.get(state, state)

    def severity_name(self, severity: int) -> str:
        return (self.tr("Info"), self.tr("Low"), self.tr("Medium"), self.tr("High"),
                self.tr("Critical"))[max(0, min(4, severity))]

    def certificate_status(self, c: CertificateRow) -> tuple[str, str | None]:
        if c.renewed:
            return self.tr("renewed"), GREY
        if c.days_left is None:
            return self.tr("no expiry"), None
        if c.days_left < 0:
            return self.tr("expired %1 days ago").replace("%1", str(-c.days_left)), RED
        if c.days_left == 0:
            return self.tr("expires today"), RED
        text = self.tr("expires in %1 days").replace("%1", str(c.days_left))
        return (text, LEVEL_COLOURS[c.level]) if c.level is not None else (self.tr("valid"), GREEN)

    # -- showing --------------------------------------------------------------------------------
    def clear(self) -> None:
        self.details = None
        self.title.setText(self.tr("Pick a vehicle in the list or on the map."))
        self.subtitle.setText("")
        for t in (self.certificates, self.jobs, self.ledgers, self.alerts):
            t.setRowCount(0)
        self._alert_ids = []
        self.checks.clear()
        self._set_tab_titles(None)
        self.tabs.setEnabled(False)

    def set_details(self, d: VehicleDetails) -> None:
        self.details = d
        self.tabs.setEnabled(True)
        self.title.setText(f"{d.plate}  ·  {self.kind_name(d.kind)}")
        parts = [p for p in (d.owner, d.phone) if p]
        parts.append(self.tr("terminal %1").replace("%1", d.terminal_phone) if d.terminal_phone else "")
        last = (self.tr("last report %1").replace("%1", local(d.last_time, "%Y-%m-%d %H:%M:%S"))
                if d.last_time is not None else self.tr("no report yet"))
        self.subtitle.setText("  ·  ".join([p for p in parts if p] + [last]))
        self._show_checks(d)
        self._show_certificates(d)
        _fill(self.jobs, [[_item(j.day.isoformat()), _item(j.venue, tip=j.host), _item(str(j.guests)),
                           _item(self.tr("yes") if j.sample_retained else self.tr("no"),
                                 None if j.sample_retained else RED, bold=not j.sample_retained),
                           _item(self.job_status(j.status)), _item(j.occasion)]
                          for j in sorted(d.jobs, key=lambda j: j.day, reverse=True)])
        _fill(self.ledgers, [[_item(local(r.at)),
                              _item(self.tr("Purchase") if r.kind == "purchase" else self.tr("Disinfection")),
                              _item(r.item),
                              _item("" if r.quantity is None else f"{r.quantity:g} {r.unit}".strip()),
                              _item(r.supplier or r.note)]
                             for r in sorted(d.ledgers, key=lambda r: r.at, reverse=True)])
        _fill(self.alerts, [[_item(local(a.raised_at)), _item(self.alert_name(a.kind), tip=a.title),
                             _item(self.severity_name(a.severity), SEVERITY_COLOURS.get(a.severity), a.severity >= 3),
                             _item(self.state_name(a.state) + (self.tr(" (condition over)") if a.ended else ""))]
                            for a in sorted(d.alerts, key=lambda a: a.raised_at, reverse=True)])
        self._alert_ids = [a.id for a in sorted(d.alerts, key=lambda a: a.raised_at, reverse=True)]
        self._set_tab_titles(d)

    def job_status(self, status: str) -> str:
        return {"declared": self.tr("declared"), "done": self.tr("done"),
                "cancelled": self.tr("cancelled")}.get(status, status)

    def _show_checks(self, d: VehicleDetails) -> None:
        self.checks.clear()
        by_item = {c.item: c for c in d.checks}
        for title, items in ((self.tr("Five musts"), FIVE_MUSTS), (self.tr("Eight controls"), EIGHT_CONTROLS)):
            head = QTreeWidgetItem([title])
            f = head.font(0)
            f.setBold(True)
            head.setFont(0, f)
            self.checks.addTopLevelItem(head)
            for key in items:
                c = by_item.get(key)
                if c is None or c.ok is None:
                    row = QTreeWidgetItem([self.item_name(key), self.tr("not checked"), "", "", ""])
                    row.setForeground(1, QBrush(QColor(GREY)))
                else:
                    row = QTreeWidgetItem([self.item_name(key), "✓ " + self.tr("met") if c.ok else "✗ " + self.tr("not met"),
                                           local(c.checked_at, "%Y-%m-%d"), c.checked_by, c.evidence])
                    row.setForeground(1, QBrush(QColor(GREEN if c.ok else RED)))
                    row.setToolTip(4, c.evidence)
                head.addChild(row)
            head.setExpanded(True)
        self.checks.expandAll()
        self.checks.setRootIsDecorated(False)

    def _show_certificates(self, d: VehicleDetails) -> None:
        order = sorted(d.certificates, key=lambda c: (c.renewed, c.days_left if c.days_left is not None else 10**6))
        rows = []
        for c in order:
            text, colour = self.certificate_status(c)
            rows.append([_item(self.item_name(c.kind)), _item(text, colour, bold=c.level is not None and c.level <= 7),
                         _item(c.expires.isoformat() if c.expires else "–"), _item(c.number), _item(c.holder)])
        _fill(self.certificates, rows)

    def _set_tab_titles(self, d: VehicleDetails | None) -> None:
        failed = sum(1 for c in d.checks if c.ok is False) if d else 0
        warned = len(d.warnings()) if d else 0
        open_alerts = sum(1 for a in d.alerts if a.state in ("new", "in_review", "confirmed", "rectification")) if d else 0
        titles = [
            self.tr("Checklist") + (f" ({failed} ✗)" if failed else ""),
            self.tr("Certificates") + (f" ({warned} ⚠)" if warned else ""),
            self.tr("Catering jobs") + (f" ({len(d.jobs)})" if d else ""),
            self.tr("Ledgers") + (f" ({len(d.ledgers)})" if d else ""),
            self.tr("Alerts") + (f" ({open_alerts} !)" if open_alerts else ""),
        ]
        for i, t in enumerate(titles):
            self.tabs.setTabText(i, t)

    def _alert_double_clicked(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._alert_ids):
            self.alertActivated.emit(self._alert_ids[row])
