"""Rapid tests on the map: the failure heatmap and its legend, overdue re-tests as warning markers,
the filter bar and market list, the market view, the city dashboard, the day's public notice,
and Data → Import rapid-test results.

Every query runs in a worker through ``hub.run`` under its own key (a newer filter wins over an
older one still running); new results from any workstation arrive through ``hub.changed``.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import catalog
from core.auth import Actor
from core.errors import ImportRejected
from core.rapid_tests import TestFilter, failure_points, local_today, market_day_samples, pass_rate_series
from core.rapid_tests.dashboard import CityFigures, city_figures
from core.rapid_tests.filters import LOCAL
from core.rapid_tests.markets import market_info
from core.reports.bulletin import action_text, write_bulletin
from widgets.dashboard import CityDashboard, DashboardData, FilterState, MarketLine, MarketList, TestFilterBar
from widgets.heatmap_layer import HeatmapLayer, HeatmapLegend
from widgets.map_canvas import PointLayer, PolygonLayer, Symbol
from widgets.market_view import MarketHeader, MarketView, SampleLine, TrendData

log = logging.getLogger(__name__)

HEATMAP_ID = "rapid_test_heatmap"
OVERDUE_ID = "overdue_retests"
MARKETS_ID = "markets"  # the map panel's layer of markets
MARKET_ZOOM = 16.0
WATCHED = {"rapid_test", "dispatch_task"}


def _zh() -> bool:
    return QLocale().name().startswith("zh")


def item_label(code: str) -> str:
    it = catalog.ITEMS.get(code)
    return (it.zh if _zh() else it.en) if it else code


def category_label(code: str) -> str:
    return (catalog.CATEGORY_ZH if _zh() else catalog.CATEGORY_EN).get(code, code)


def test_filter(state: FilterState) -> TestFilter:
    return TestFilter(state.first, state.last, items=state.items, categories=state.categories)


# --- worker functions: fn(db, ...) -> plain data ----------------------------------------------

def _read_points(db, flt: TestFilter, weighted: bool):
    with db.session() as s:
        return failure_points(s, flt, weighted=weighted)


def _read_city(db, flt: TestFilter, today: date) -> CityFigures:
    with db.session() as s:
        return city_figures(s, flt, today)


def _read_market(db, market_id: int, day: date):
    with db.session() as s:
        info = market_info(s, market_id)
        samples = market_day_samples(s, market_id, day) if info else []
        return info, [(row, action_text(row)) for row in samples]


def _read_trend(db, market_id: int, span: int, by: str | None, today: date):
    flt = TestFilter.last_days(span, today, market_ids=(market_id,))
    with db.session() as s:
        overall = pass_rate_series(s, flt)
        groups = pass_rate_series(s, flt, by) if by else None
    return overall, groups


def _write_notice(db, market_id: int, day: date, out: str) -> Path:
    with db.session() as s:
        return write_bulletin(s, market_id, day, out)


def _import_tests(db, path: str, actor: Actor):
    from core.io.importer import import_file

    return import_file(db, "rapid-tests", path, actor)


# --- conversions to the widgets' plain data ----------------------------------------------------

def sample_line(row, action: str) -> SampleLine:
    return SampleLine(
        row.id, row.sample_no, row.tested_at.astimezone(LOCAL), row.sample_name, category_label(row.category),
        item_label(row.item), row.value, row.unit, row.limit, row.failed, row.stall, row.tester, row.disposal,
        row.disposal_kg, row.disposal_state, row.retest_due.astimezone(LOCAL) if row.retest_due else None,
        row.retest_state, action)


def dashboard_data(f: CityFigures) -> DashboardData:
    series = f.failures_by_item
    return DashboardData(
        f.flt.first, f.flt.last, f.today.samples, f.today.passed,
        [(g.label, g.failed) for g in f.today.markets_with_failures], f.window_tested, f.window_passed,
        f.window_failing_markets, f.overdue_retests, [(g.label, g.tested, g.passed) for g in f.districts],
        series.days, [item_label(k) for k in series.keys], series.failed)


class ImportProblems(QDialog):
    """Every bad row of a rejected file, with its number and reason; nothing was imported."""

    def __init__(self, parent: QWidget, exc: ImportRejected):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rapid-test results not imported"))
        self.resize(720, 420)
        head = QLabel(self.tr("%1 has %2 bad row(s). Nothing was imported; correct the file and import it again.")
                      .replace("%1", Path(exc.path).name).replace("%2", str(len(exc.problems))))
        head.setWordWrap(True)
        self.table = QTableWidget(len(exc.problems), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Problem")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, (row, reason) in enumerate(exc.problems):
            self.table.setItem(r, 0, QTableWidgetItem(str(row)))
            self.table.setItem(r, 1, QTableWidgetItem(reason))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)


class TestsPanel(QObject):
    __test__ = False  # not a pytest class

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = window.hub
        self.today = local_today()
        self.canvas = None
        self.market_id: int | None = None
        self.problems_dialog: ImportProblems | None = None
        self.last_notice: Path | None = None
        self.last_import = None
        self._loaded = {"points": False, "city": False}
        self._market_loading = False
        self._trend_loading = False
        self._open_worst = False
        self._figures: CityFigures | None = None

        self.filters = TestFilterBar(self.today)
        self.filters.set_choices([(c, item_label(c)) for c in catalog.ITEMS],
                                 [(c, category_label(c)) for c in catalog.CATEGORY_ZH])
        self.markets = MarketList()
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.filters)
        self.legend = HeatmapLegend()
        sl.addWidget(self.legend)
        sl.addWidget(self.markets, 1)
        self.market_view = MarketView(allow_files=not window.wall)
        self.dashboard = CityDashboard()
        left, right, bottom = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                               Qt.DockWidgetArea.BottomDockWidgetArea)
        self.side_dock = window.add_dock("rapid_tests", self.tr("Rapid tests"), side, left)
        self.market_dock = window.add_dock("market_view", self.tr("Market"), self.market_view, right, visible=False)
        self.dashboard_dock = window.add_dock("city_dashboard", self.tr("City rapid-test dashboard"), self.dashboard,
                                              bottom)

        self.heatmap = HeatmapLayer(HEATMAP_ID, self.tr("Rapid-test failures (heatmap)"), sigma_m=600.0)
        self.overdue = PointLayer(OVERDUE_ID, self.tr("Overdue re-tests"), cluster=False, label_min_zoom=11.0, symbols={
            0: Symbol("triangle", 20, "#dc2626", "#ffffff", 1.6, self.tr("Market with an overdue re-test"),
                      halo="#facc15", z=5)})
        canvas = getattr(window, "map_canvas", None)
        if canvas is None:
            log.info("no map canvas in this window: rapid tests are listed but not drawn")
            self.legend.hide()
        else:
            self.attach_map(canvas)
        map_panel = getattr(window, "map_panel", None)
        if map_panel is not None and hasattr(map_panel, "add_details_action"):
            map_panel.add_details_action("market", self.tr("Rapid Tests"), lambda _kind, fid: self.open_market(fid))

        if not window.wall:
            self.import_action = QAction(self.tr("Import &Rapid-Test Results…"), self,
                                         triggered=self.choose_import_file)
            self.import_action.setEnabled(self.hub.actor.can("import_data"))
            if not self.import_action.isEnabled():
                self.import_action.setToolTip(self.tr("Only an administrator can import data"))
            window.menus["data"].addAction(self.import_action)

        self.filters.changed.connect(self._filters_changed)
        self.markets.opened.connect(self.open_market)
        self.markets.selected.connect(self._locate_market)
        self.market_view.dayChanged.connect(lambda _d: self._load_market())
        self.market_view.trendRequested.connect(lambda *_a: self._load_trend())
        self.market_view.noticeRequested.connect(self.choose_notice_file)
        self.heatmap.imageChanged.connect(self._update_legend)
        self.hub.changed.connect(self._changed)
        self.hub.action_failed.connect(self._failed)
        self._clock = QTimer(self, interval=60_000, timeout=self._tick)
        self._clock.start()
        self.reload()

    # --- the map ----------------------------------------------------------------------------

    def attach_map(self, canvas) -> None:
        """Put the heatmap (under the markers), the overdue markers and the legend on a canvas."""
        self.canvas = canvas
        layers = canvas.layers()
        below_points = next((i for i, lay in enumerate(layers) if not isinstance(lay, PolygonLayer)), len(layers))
        canvas.add_layer(self.heatmap, below_points)
        canvas.add_layer(self.overdue)
        canvas.featureClicked.connect(self._map_clicked)
        self.legend.setParent(canvas)
        self.legend.show()
        canvas.installEventFilter(self)
        self._place_legend()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.canvas and event.type() == QEvent.Type.Resize:
            self._place_legend()
        return False

    def _place_legend(self) -> None:
        if self.canvas is None:
            return
        size = self.legend.sizeHint()
        self.legend.resize(size)
        self.legend.move(self.canvas.width() - size.width() - 12, self.canvas.height() - size.height() - 28)
        self.legend.raise_()

    def _map_clicked(self, layer_id: str, feature_id) -> None:
        if feature_id is None:
            return
        if layer_id in (OVERDUE_ID, MARKETS_ID):
            self.open_market(int(feature_id))

    def fly_to(self, lon: float, lat: float, zoom: float | None = None) -> None:
        panel = getattr(self.window, "map_panel", None)
        if panel is not None and hasattr(panel, "fly_to"):
            panel.fly_to(lon, lat, zoom)
        elif self.canvas is not None:
            self.canvas.center_on(lon, lat, zoom)

    def _locate_market(self, market_id: int) -> None:
        m = next((s.market for s in (self._figures.markets if self._figures else []) if s.market.id == market_id), None)
        if m is not None and m.lon is not None:
            self.fly_to(m.lon, m.lat, MARKET_ZOOM)

    def _update_legend(self) -> None:
        st = self.filters.state()
        title = self.tr("Weighted failures") if st.weighted else self.tr("Failures")
        window = f"{st.first:%m-%d}" if st.first == st.last else f"{st.first:%m-%d} – {st.last:%m-%d}"
        note = self.tr("%1 failure(s), %2, kernel %3 m").replace("%1", str(len(self.heatmap))) \
            .replace("%2", window).replace("%3", f"{st.sigma_m:g}")
        self.legend.set_scale(self.heatmap.reference_peak, title, self.tr("per km²"), note)
        self._place_legend()

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._load_filtered()
        if self.market_id is not None:
            self._load_market()
            self._load_trend()

    def _filters_changed(self, state: FilterState) -> None:
        self.heatmap.set_visible(state.heatmap)
        self.legend.setVisible(state.heatmap and self.canvas is not None)
        self.heatmap.set_sigma(state.sigma_m)
        self._load_filtered()

    def _load_filtered(self) -> None:
        st = self.filters.state()
        flt = test_filter(st)
        self._loaded["points"] = self._loaded["city"] = False
        self.hub.run("tests.points", _read_points, flt, st.weighted, on_done=self._got_points,
                     on_error=lambda e: self._load_failed("points", e))
        self.hub.run("tests.city", _read_city, flt, self.today, on_done=self._got_city,
                     on_error=lambda e: self._load_failed("city", e))

    def _got_points(self, pts) -> None:
        self.heatmap.set_points(pts.lon, pts.lat, pts.weight)
        self._loaded["points"] = True
        self._update_legend()

    def _got_city(self, f: CityFigures) -> None:
        self._figures = f
        self._loaded["city"] = True
        self.dashboard.set_data(dashboard_data(f))
        self.markets.set_markets([MarketLine(s.market.id, s.market.code, s.market.name, s.market.district, s.tested,
                                             s.passed, s.overdue_retests) for s in f.markets])
        late = [s for s in f.markets if s.overdue_retests and s.market.lon is not None]
        self.overdue.set_data([s.market.lon for s in late], [s.market.lat for s in late],
                              np.array([s.market.id for s in late], dtype=np.int64),
                              labels=[self.tr("%1: %2 re-test(s) overdue").replace("%1", s.market.name)
                                      .replace("%2", str(s.overdue_retests)) for s in late])
        if self._open_worst:
            self._open_worst = False
            self._show_tests_view(f)

    def _load_failed(self, what: str, exc: BaseException) -> None:
        self._loaded[what] = True  # shown as failed, not as loading forever
        self.window.statusBar().showMessage(self.tr("Rapid tests could not be read: %1")
                                            .replace("%1", str(exc).splitlines()[0]), 10000)

    def _changed(self, tables: set) -> None:
        if tables & WATCHED:
            self.reload()

    def _tick(self) -> None:
        today = local_today()
        if today != self.today:
            self.today = today
            self.filters.set_today(today)

    # --- the market view --------------------------------------------------------------------

    def open_market(self, market_id: int, day: date | None = None) -> None:
        """Show a market's view (from the map, the list or an overdue marker)."""
        self.market_id = int(market_id)
        self.window.workspace.reveal("market_view")
        self._trend_loading = True  # asked for once the market's header is shown
        self._load_market(day or self.today)

    def _load_market(self, day: date | None = None) -> None:
        if self.market_id is None:
            return
        day = day or self.market_view.day or self.today
        self._market_loading = True
        self.hub.run("tests.market", _read_market, self.market_id, day,
                     on_done=lambda r, day=day: self._got_market(day, r),
                     on_error=lambda e: self._market_failed(e))

    def _got_market(self, day: date, result) -> None:
        info, rows = result
        self._market_loading = False
        if info is None:  # gone since it was clicked
            self._trend_loading = False
            self.market_dock.setWindowTitle(self.tr("Market"))
            return
        header = MarketHeader(info.id, info.code, info.name, info.district, info.address, info.kind)
        if self.market_view.market is None or self.market_view.market.id != info.id:
            self.market_view.set_market(header, self.today)
            if day != self.today:
                self.market_view.date_edit.blockSignals(True)
                self.market_view.date_edit.setDate(QDate(day.year, day.month, day.day))
                self.market_view.date_edit.blockSignals(False)
            self._load_trend()
        self.market_dock.setWindowTitle(self.tr("Market: %1").replace("%1", info.name))
        self.market_view.set_samples(day, [sample_line(r, a) for r, a in rows], datetime.now(UTC).astimezone(LOCAL))
        if self.canvas is not None:
            shown_in = [lid for lid in (MARKETS_ID, OVERDUE_ID) if self.canvas.layer(lid) is not None
                        and (lid != OVERDUE_ID or info.id in self._overdue_ids())]
            self.canvas.set_selection({lid: [info.id] for lid in shown_in})

    def _overdue_ids(self) -> set[int]:
        return {s.market.id for s in (self._figures.markets if self._figures else []) if s.overdue_retests}

    def _market_failed(self, exc: BaseException) -> None:
        self._market_loading = False
        self._trend_loading = False
        self.window.statusBar().showMessage(self.tr("The market could not be read: %1")
                                            .replace("%1", str(exc).splitlines()[0]), 10000)

    def _load_trend(self) -> None:
        if self.market_id is None:
            return
        span, by = self.market_view.span(), self.market_view.grouping()
        self._trend_loading = True
        self.hub.run("tests.trend", _read_trend, self.market_id, span, by, self.today,
                     on_done=lambda r, span=span, by=by: self._got_trend(span, by, r),
                     on_error=lambda e: self._market_failed(e))

    def _got_trend(self, span: int, by: str | None, result) -> None:
        overall, groups = result
        self._trend_loading = False
        labels = [self.tr("Whole market")]
        tested, passed = overall.tested, overall.passed
        if groups is not None:
            names = [item_label(k) if by == "item" else category_label(k) if by == "category" else lab
                     for k, lab in zip(groups.keys, groups.labels, strict=True)]
            labels += names
            tested = np.vstack([tested, groups.tested])
            passed = np.vstack([passed, groups.passed])
        self.market_view.set_trend(TrendData(span, by, overall.days, labels, tested, passed))

    # --- files ------------------------------------------------------------------------------

    def choose_notice_file(self, fmt: str) -> None:
        m = self.market_view.market
        if m is None or self.window.wall:
            return
        day = self.market_view.day or self.today
        name = f"{m.code}_{day.isoformat()}.{fmt}"
        filt = self.tr("PDF document (*.pdf)") if fmt == "pdf" else self.tr("PNG picture, 1920×1080 (*.png)")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the public notice"), name, filt)
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.write_notice(path)

    def write_notice(self, path: str) -> None:
        """Write the shown market's notice for the shown day (PDF or PNG by the extension)."""
        m = self.market_view.market
        if m is None:
            return
        day = self.market_view.day or self.today
        self.window.statusBar().showMessage(self.tr("Writing the notice…"))
        self.hub.run("tests.notice", _write_notice, m.id, day, path, on_done=self._notice_written,
                     on_error=lambda e: self._show_error(self.tr("The notice was not written"), e))

    def _notice_written(self, out: Path) -> None:
        self.last_notice = Path(out)
        self.window.statusBar().showMessage(self.tr("Notice written to %1").replace("%1", str(out)), 15000)

    def choose_import_file(self) -> None:
        if self.window.wall:
            return
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import rapid-test results"), "",
                                              self.tr("Lab result files (*.csv *.xlsx)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Validate and import a lab file in a worker; bad rows are listed in a dialog."""
        self.window.statusBar().showMessage(self.tr("Importing %1…").replace("%1", Path(path).name))
        self.hub.run("tests.import", _import_tests, path, self.hub.actor, on_done=self._imported,
                     on_error=self._import_failed)

    def _imported(self, report) -> None:
        self.last_import = report
        self.window.statusBar().showMessage(
            self.tr("Imported %1: %2 new, %3 updated, %4 unchanged").replace("%1", Path(report.path).name)
            .replace("%2", str(report.inserted)).replace("%3", str(report.updated))
            .replace("%4", str(report.unchanged)), 15000)
        self.reload()
        poll = self.hub.poll_now
        poll()  # other panels hear of the new results now, not at the next poll

    def _import_failed(self, exc: BaseException) -> None:
        self.window.statusBar().clearMessage()
        if isinstance(exc, ImportRejected):
            self.problems_dialog = ImportProblems(self.window, exc)
            self.problems_dialog.open()
        else:
            self._show_error(self.tr("The file was not imported"), exc)

    def _show_error(self, title: str, exc: BaseException) -> None:
        text = str(exc)
        self.window.statusBar().showMessage(f"{title}: {text.splitlines()[0]}", 15000)
        if not self.window.wall:
            box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
            box.open()
            self.error_box = box

    def _failed(self, key: str, message: str) -> None:
        if key.startswith("tests."):
            self.window.statusBar().showMessage(message, 10000)

    # --- views and readiness ----------------------------------------------------------------

    def show_view(self, name: str) -> None:
        """"tests": the heatmap on, the markets framed and the worst market of the day opened (the
        workspace shows the rapid-test docks)."""
        if name != "tests":
            return
        self.filters.heatmap_box.setChecked(True)
        if self._figures is not None:
            self._show_tests_view(self._figures)
        else:
            self._open_worst = True
            self._market_loading = True  # a market is about to be opened

    def _show_tests_view(self, f: CityFigures) -> None:
        """Frame the markets and open the one that fared worst today."""
        placed = [s.market for s in f.markets if s.market.lon is not None and s.tested]
        if self.canvas is not None and placed:
            # the urban core where most markets are, not the county towns far out
            lon = np.array([m.lon for m in placed])
            lat = np.array([m.lat for m in placed])
            (w, e), (s_, n) = np.percentile(lon, (10, 90)), np.percentile(lat, (10, 90))
            pad_x, pad_y = max((e - w) * 0.15, 0.01), max((n - s_) * 0.15, 0.01)
            self.canvas.zoom_to_extent(w - pad_x, s_ - pad_y, e + pad_x, n + pad_y)
        worst = next((s.market.id for s in f.markets if s.failed), None)
        if worst is None and f.markets:
            worst = f.markets[0].market.id
        if worst is not None:
            self.open_market(worst)
        else:
            self._market_loading = False

    def ready(self) -> bool:
        return (all(self._loaded.values()) and not self._market_loading and not self._trend_loading
                and (self.canvas is None or self.heatmap.is_ready()))

    def close(self) -> None:
        self._clock.stop()
        self.heatmap.close()


def install(window) -> TestsPanel:
    return TestsPanel(window)
