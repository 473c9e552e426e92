"""One market at a glance: the day's samples, the failures and what was done about them, and the
pass-rate trend over 7, 30 or 90 days by item, category or stall; with the buttons that write
the day's public notice. The application answers the signals with data; the view never waits."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.dashboard.charts import RateLines, rate_colour
from widgets.market_view.data import MarketHeader, SampleLine, TrendData
from widgets.market_view.tables import FailuresModel, SamplesModel

SPANS = (7, 30, 90)
TREND_LINES = 6  # the overall line and the five weakest groups


def _table(model, item_column: int) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.setTextElideMode(Qt.TextElideMode.ElideRight)
    t.verticalHeader().setVisible(False)
    hh = t.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    hh.setSectionResizeMode(item_column, QHeaderView.ResizeMode.Interactive)  # long names: elided, full in the tooltip
    t.setColumnWidth(item_column, 120)
    hh.setStretchLastSection(True)
    return t


class MarketView(QWidget):
    dayChanged = Signal(object)  # date
    trendRequested = Signal(int, object)  # span in days, grouping (None, "item", "category", "stall")
    noticeRequested = Signal(str)  # "pdf" or "png"

    def __init__(self, parent: QWidget | None = None, allow_files: bool = True):
        super().__init__(parent)
        self.market: MarketHeader | None = None
        self.day: date | None = None
        self.samples: list[SampleLine] = []
        self.trend: TrendData | None = None

        self.title = QLabel(self.tr("No market chosen"), objectName="SectionTitle")
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        self.date_edit = QDateEdit(self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.summary = QLabel("")
        self.pdf_button = QPushButton(self.tr("Notice PDF…"), self,
                                      toolTip=self.tr("Write today's public notice for this market as a PDF"))
        self.png_button = QPushButton(self.tr("Notice PNG…"), self,
                                      toolTip=self.tr("Write the notice as a 1920×1080 picture for the market's screen"))
        for b in (self.pdf_button, self.png_button):
            b.setVisible(allow_files)
            b.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Day")))
        head.addWidget(self.date_edit)
        head.addWidget(self.summary, 1)
        head.addWidget(self.pdf_button)
        head.addWidget(self.png_button)

        self.samples_model = SamplesModel(self)
        self.failures_model = FailuresModel(self)
        self.samples_table = _table(self.samples_model, 4)
        self.failures_table = _table(self.failures_model, 2)

        self.span_group = QButtonGroup(self)
        self.span_buttons: dict[int, QToolButton] = {}
        trend_bar = QHBoxLayout()
        for span in SPANS:
            b = QToolButton(self, text=self.tr("%1 days").replace("%1", str(span)), checkable=True)
            self.span_group.addButton(b, span)
            self.span_buttons[span] = b
            trend_bar.addWidget(b)
        self.span_buttons[30].setChecked(True)
        self.by_combo = QComboBox(self)
        for label, by in ((self.tr("Market as a whole"), None), (self.tr("By test item"), "item"),
                          (self.tr("By category"), "category"), (self.tr("By stall"), "stall")):
            self.by_combo.addItem(label, by)
        trend_bar.addSpacing(12)
        trend_bar.addWidget(self.by_combo)
        trend_bar.addStretch(1)
        self.chart = RateLines(self, self.tr("Pass rate per day"))
        self.breakdown = QTableWidget(0, 4, self)
        self.breakdown.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Tested"), self.tr("Failed"),
                                                  self.tr("Pass rate")])
        self.breakdown.verticalHeader().setVisible(False)
        self.breakdown.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.breakdown.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.breakdown.setMaximumHeight(150)
        self.breakdown.setMinimumHeight(50)
        self.chart.setMinimumHeight(80)
        trend = QWidget(self)
        tl = QVBoxLayout(trend)
        tl.setContentsMargins(0, 4, 0, 0)
        tl.addLayout(trend_bar)
        tl.addWidget(self.chart, 1)
        tl.addWidget(self.breakdown)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.samples_table, self.tr("Samples"))
        self.tabs.addTab(self.failures_table, self.tr("Failures"))
        self.tabs.addTab(trend, self.tr("Trend"))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)

        self.date_edit.dateChanged.connect(self._day_edited)
        self.span_group.idToggled.connect(lambda _id, on: on and self._ask_trend())
        self.by_combo.currentIndexChanged.connect(lambda _i: self._ask_trend())
        self.pdf_button.clicked.connect(lambda: self.noticeRequested.emit("pdf"))
        self.png_button.clicked.connect(lambda: self.noticeRequested.emit("png"))

    # --- what to show -----------------------------------------------------------------------

    def span(self) -> int:
        return self.span_group.checkedId()

    def grouping(self) -> str | None:
        return self.by_combo.currentData()

    def set_market(self, header: MarketHeader, day: date) -> None:
        """Show a market (the samples and trend arrive later through set_samples/set_trend)."""
        self.market = header
        self.title.setText(f"{header.name}（{header.code}）")
        self.subtitle.setText(" · ".join(p for p in (header.district, header.address) if p))
        self.samples, self.trend = [], None
        self.samples_model.set_rows([], datetime.now().astimezone())
        self.failures_model.set_rows([], datetime.now().astimezone())
        self.summary.setText(self.tr("Loading…"))
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(QDate(day.year, day.month, day.day))
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.day = day
        for b in (self.pdf_button, self.png_button):
            b.setEnabled(True)

    def set_samples(self, day: date, rows: list[SampleLine], now: datetime | None = None) -> None:
        now = now or datetime.now().astimezone()
        self.day = day
        self.samples = list(rows)
        failures = [s for s in rows if s.failed]
        self.samples_model.set_rows(self.samples, now)
        self.failures_model.set_rows(failures, now)
        tested, failed = len(rows), len(failures)
        rate = f"{100.0 * (tested - failed) / tested:.1f}%" if tested else "—"
        self.summary.setText(self.tr("Tested %1 · passed %2 · failed %3 · pass rate %4")
                             .replace("%1", str(tested)).replace("%2", str(tested - failed))
                             .replace("%3", str(failed)).replace("%4", rate))
        self.tabs.setTabText(1, self.tr("Failures (%1)").replace("%1", str(failed)))

    def set_trend(self, trend: TrendData) -> None:
        self.trend = trend
        rates = trend.rate
        labels = list(trend.labels)
        if trend.by is not None and len(labels) > TREND_LINES:
            # the overall line first, then the groups with the lowest pass rate over the span
            totals_t, totals_p = trend.tested.sum(axis=1), trend.passed.sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                overall = np.where(totals_t > 0, totals_p / np.maximum(totals_t, 1), np.inf)
            worst = [int(i) for i in np.argsort(overall[1:], kind="stable")[:TREND_LINES - 1] + 1]
            keep = [0, *worst]
            labels, rates = [labels[i] for i in keep], rates[keep]
        self.chart.set_series(trend.days, labels, rates)
        self._fill_breakdown(trend)

    def _fill_breakdown(self, trend: TrendData) -> None:
        tested, passed = trend.tested.sum(axis=1), trend.passed.sum(axis=1)
        order = list(range(len(trend.labels)))
        if trend.by is not None:
            order = [0] + sorted(range(1, len(trend.labels)),
                                 key=lambda i: (passed[i] / tested[i] if tested[i] else 2.0, trend.labels[i]))
        self.breakdown.setRowCount(len(order))
        for r, i in enumerate(order):
            t, p = int(tested[i]), int(passed[i])
            rate = p / t if t else float("nan")
            cells = (trend.labels[i], str(t), str(t - p), f"{100 * rate:.1f}%" if t else "—")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 3 and t and rate < 0.98:
                    item.setForeground(QColor(rate_colour(rate)))
                self.breakdown.setItem(r, c, item)

    # --- events -----------------------------------------------------------------------------

    def _day_edited(self, q: QDate) -> None:
        self.day = date(q.year(), q.month(), q.day())
        self.summary.setText(self.tr("Loading…"))
        self.dayChanged.emit(self.day)

    def _ask_trend(self) -> None:
        if self.market is not None:
            self.trendRequested.emit(self.span(), self.grouping())
