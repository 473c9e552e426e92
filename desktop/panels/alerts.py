"""The supervisor's alert review: the shared queue (kitchen cameras and vehicles alike) and one
alert in full.

Keyboard-first (``widgets.alert_review.AlertQueue``): J/K, C, D with a reason, E, A, N, bulk with
Shift. Every step goes through ``hub.perform("alerts.review", …)`` → ``core.services.review`` as
the signed-in user: audited, refused when stale or held by another supervisor (who is named),
kept in the outbox while the database is away. Opening an alert (Enter, double-click) shows its
snapshot with the box and plays its clip, opens its camera live on the video wall, shows the
restaurant's stars and history and flashes the place on the map. The camera's threshold for the
kind, raised by false-positive dismissals, is shown and can be reset. Snapshots and clips leave
(export, copy) with faces blurred.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from core.db.engine import data_dir
from core.rapid_tests.filters import LOCAL
from desktop.panels.alert_data import (
    AlertFull,
    AlertRow,
    blurred_media,
    export_media,
    read_alert,
    read_choices,
    read_queue,
)
from desktop.panels.alert_words import AlertWords
from widgets.alert_review import (
    AlertDetail,
    AlertDetailView,
    AlertLine,
    AlertQueue,
    HistoryLine,
    Threshold,
    TimelineLine,
)

log = logging.getLogger(__name__)

WATCHED = {"alert", "alert_event", "alert_media", "detector_threshold"}
PLACE_ZOOM = 17.0


class AlertsPanel(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = window.hub
        self.words = AlertWords(self)
        self.kind_names = self.words.kinds()
        self.state_names = self.words.states()
        self.severity_names = self.words.severities()
        self.source_names = self.words.sources()
        self.action_names = self.words.actions()
        self._loading = {"queue": True, "detail": False, "choices": True}
        self._seen_ids: set[int] | None = None
        self._shown_id: int | None = None
        self._full: AlertFull | None = None
        self.last_export: str | None = None
        self._closed = False

        self.queue = AlertQueue()
        self.queue.model.source_names = self.source_names
        self.queue.dismiss_reasons = self.words.dismiss_reasons()
        self.queue.filters.set_kinds(sorted(self.kind_names.items(), key=lambda kv: kv[1]))
        editable = self.hub.actor.can("review_alert")
        self.queue.set_editable(editable)
        self.detail = AlertDetailView()
        self.detail.set_editable(editable)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.queue_dock = window.add_dock("alert_queue", self.tr("Alerts"), self.queue, right)
        self.detail_dock = window.add_dock("alert_detail", self.tr("Alert"), self.detail, right)
        window.alerts_panel = self

        self.queue.filterChanged.connect(lambda _f: self.load_queue())
        self.queue.currentChanged.connect(self._current_changed)
        self.queue.activated.connect(self.open_alert)
        self.queue.reviewRequested.connect(self._review)
        self.detail.stepRequested.connect(self._detail_step)
        self.detail.openLiveRequested.connect(self._open_live)
        self.detail.locateRequested.connect(lambda: self._flash(self._full.row if self._full else None, fly=True))
        self.detail.exportRequested.connect(self.choose_export)
        self.detail.copyRequested.connect(self.copy_snapshot)
        self.detail.resetThresholdRequested.connect(self.reset_threshold)
        self.hub.changed.connect(self._changed)
        self.hub.action_failed.connect(self._failed)
        self._reload_timer = QTimer(self, singleShot=True, interval=300, timeout=self._reload)
        self._hook_other_panels()
        self.hub.run("alerts.choices", read_choices, on_done=self._got_choices,
                     on_error=lambda e: self._read_failed("choices", e))
        self.load_queue()

    def _hook_other_panels(self) -> None:
        cams = getattr(self.window, "cameras_panel", None)
        if cams is not None:
            cams.wall.add_tile_action(self.tr("Alerts of This Camera"), lambda cam: self.show_camera_alerts(cam.id,
                                                                                                           cam.name))
        panel = getattr(self.window, "map_panel", None)
        if panel is not None and hasattr(panel, "add_details_action"):
            panel.add_details_action("camera", self.tr("Alerts of This Camera"),
                                     lambda _k, fid: self.show_camera_alerts(int(fid)))

    # --- reading ----------------------------------------------------------------------------------

    def load_queue(self) -> None:
        if self._closed:
            return
        self._loading["queue"] = True
        self.hub.run("alerts.queue", read_queue, self.queue.filter, on_done=self._got_queue,
                     on_error=lambda e: self._read_failed("queue", e))

    def _line(self, r: AlertRow) -> AlertLine:
        where = r.camera or r.plate
        return AlertLine(r.id, r.version, r.kind, self.kind_names.get(r.kind, r.kind.replace("_", " ")), r.severity,
                         self.severity_names.get(r.severity, str(r.severity)), r.state,
                         self.state_names.get(r.state, r.state), r.source, r.title, where, r.business, r.district,
                         r.raised_at.astimezone(LOCAL), r.ended_at is None and r.state != "closed", r.claimed_by,
                         r.assignee, r.thumbnail, r.camera_id, r.business_id, r.vehicle_id, r.lon, r.lat, r.score,
                         r.repeats)

    def _got_queue(self, rows: list[AlertRow]) -> None:
        self._loading["queue"] = False
        lines = [self._line(r) for r in rows]
        self.queue.set_alerts(lines)
        ids = {r.id for r in rows}
        if self._seen_ids is not None:
            fresh = [ln for ln in lines if ln.id not in self._seen_ids and ln.state == "new"]
            if fresh:
                self._announce(fresh)
        self._seen_ids = (self._seen_ids or set()) | ids
        n = len(lines)
        self.queue_dock.setWindowTitle(self.tr("Alerts (%1)").replace("%1", f"{n:,}"))
        if self.queue.current() is None:
            self._show(None)

    def _announce(self, fresh: list[AlertLine]) -> None:
        """New alerts while the desk watches: said in the status bar, the worst flashed on the map."""
        worst = max(fresh, key=lambda a: (a.severity, a.raised_at))
        self.window.statusBar().showMessage(self.tr("New alert: %1 — %2").replace("%1", worst.kind_name)
                                            .replace("%2", worst.where or worst.title), 10000)
        self._flash(worst)

    def _current_changed(self, line: AlertLine | None) -> None:
        if line is None:
            self._show(None)
            return
        if line.id != self._shown_id:
            self._load_detail(line.id)

    def _load_detail(self, alert_id: int) -> None:
        if self._closed:
            return
        self._shown_id = alert_id
        self._loading["detail"] = True
        self.hub.run("alerts.detail", read_alert, alert_id, on_done=self._got_detail,
                     on_error=lambda e: self._read_failed("detail", e))

    def _got_detail(self, full: AlertFull) -> None:
        self._loading["detail"] = False
        if full.row.id != self._shown_id:
            return
        self._full = full
        self._show(full)

    def _show(self, full: AlertFull | None) -> None:
        if full is None:
            self._shown_id, self._full = None, None
            self.detail.set_detail(None)
            return
        r = full.row
        local = lambda t: t.astimezone(LOCAL)  # noqa: E731
        timeline = tuple(TimelineLine(local(e.at), e.actor, self.action_names.get(e.action, e.action),
                                      self.state_names.get(e.from_state or "", e.from_state or ""),
                                      self.state_names.get(e.to_state or "", e.to_state or ""), e.note)
                         for e in full.events)
        threshold = None
        if full.threshold is not None:
            value, default, dismissals = full.threshold
            threshold = Threshold(self.kind_names.get(r.kind, r.kind), value, default, dismissals)
        from core.db.models import STAR_NAMES_ZH, STARS

        stars = tuple((STAR_NAMES_ZH[s], full.stars[s]) for s in STARS) if full.stars else ()
        history = tuple(HistoryLine(local(at), self._history_text(what, text)) for at, what, text in full.history)
        self.detail.set_detail(AlertDetail(self._line(r), full.snapshot, full.box, full.clip, full.clip_fps, timeline,
                                           threshold, stars, full.risk_grade, full.address, history))

    def _history_text(self, what: str, text: str) -> str:
        parts = what.split(":")
        if parts[0] == "alert":
            return f"{self.kind_names.get(parts[1], parts[1])} · {self.state_names.get(parts[2], parts[2])}"
        if parts[0] == "star":
            from core.db.models import STAR_NAMES_ZH

            change = self.tr("star given") if parts[2] == "1" else self.tr("star taken")
            return f"{STAR_NAMES_ZH.get(parts[1], parts[1])} {change}" + (f": {text}" if text else "")
        return text

    def _got_choices(self, choices: dict) -> None:
        self._loading["choices"] = False
        self.queue.filters.set_districts(choices["districts"])
        self.queue.people = choices["people"]

    def _read_failed(self, what: str, exc: BaseException) -> None:
        self._loading[what] = False
        self.queue.say(self.tr("Alerts could not be read: %1").replace("%1", str(exc).splitlines()[0]))

    def _changed(self, tables: set) -> None:
        if tables & WATCHED:
            self._reload_timer.start()

    def _reload(self) -> None:
        self.load_queue()
        if self._shown_id is not None:
            self._load_detail(self._shown_id)

    # --- opening an alert -------------------------------------------------------------------------

    def open_alert(self, line: AlertLine) -> None:
        """Everything about the alert at once: the detail, the camera live, the place on the map."""
        self.window.workspace.reveal("alert_detail")
        if line.id != self._shown_id:
            self._load_detail(line.id)
        if line.camera_id is not None:
            self._open_live(line.camera_id)
        self._flash(line, fly=True)

    def _open_live(self, camera_id: int) -> None:
        cams = getattr(self.window, "cameras_panel", None)
        if cams is None:
            self.window.statusBar().showMessage(self.tr("No video wall in this window"), 6000)
            return
        cams.open_camera(camera_id)

    def _flash(self, line, fly: bool = False) -> None:
        panel = getattr(self.window, "map_panel", None)
        if line is None or line.lon is None or line.lat is None or panel is None:
            return
        if fly and hasattr(panel, "fly_to"):
            panel.fly_to(line.lon, line.lat, PLACE_ZOOM)
        if hasattr(panel, "flash"):
            panel.flash(line.lon, line.lat)

    def show_camera_alerts(self, camera_id: int, name: str = "") -> None:
        self.window.workspace.reveal("alert_queue")
        cams = getattr(self.window, "cameras_panel", None)
        row = cams.camera_row(camera_id) if cams is not None else None
        self.queue.filters.set_states("all")
        self.queue.filters.set_camera(camera_id, name or (row.name if row else str(camera_id)))

    # --- review steps -----------------------------------------------------------------------------

    def _review(self, step: str, lines: list, params: dict) -> None:
        items = [[a.id, a.version] for a in lines]
        self.hub.perform("alerts.review", on_done=self._reviewed, step=step, items=items, params=params)

    def _detail_step(self, step: str) -> None:
        if self._shown_id is None:
            return
        if self.queue.current() is None or self.queue.current().id != self._shown_id:
            self.queue.select_id(self._shown_id)
        if self.queue.current() is not None and self.queue.current().id == self._shown_id:
            self.queue.trigger(step)
        elif self._full is not None:  # not in the listed queue (another filter): act on the shown alert
            self._review(step, [self._line(self._full.row)], {})

    def _reviewed(self, result: dict) -> None:
        failed = result.get("failed") or {}
        if failed:
            self.queue.say("\n".join(failed.values()))
        self.hub.poll_now()  # the map, the ratings and other desks hear of it now
        self._reload()

    def _failed(self, name: str, message: str) -> None:
        if name.startswith("alerts."):
            self.queue.say(message.splitlines()[0] if message else name)
            self._reload()

    def reset_threshold(self) -> None:
        full = self._full
        if full is None or full.row.camera_id is None:
            return
        self.hub.perform("alerts.reset_threshold", on_done=lambda _r: self._reload(), camera_id=full.row.camera_id,
                         kind=full.row.kind)

    # --- evidence leaving the program -------------------------------------------------------------

    def choose_export(self, what: str) -> None:
        full = self._full
        if full is None:
            return
        stem = f"alert-{full.row.id}-{full.row.kind}"
        if self.window.wall:  # no dialogs on a wall display: into the exports folder
            folder = data_dir() / "exports"
            folder.mkdir(parents=True, exist_ok=True)
            path = str(folder / (stem + (".jpg" if what == "snapshot" else ".mp4")))
        else:
            filters = self.tr("Pictures (*.jpg *.png)") if what == "snapshot" else self.tr("MP4 video (*.mp4)")
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export (faces blurred)"),
                                                  str(Path.home() / (stem + (".jpg" if what == "snapshot"
                                                                              else ".mp4"))), filters)
            if not path:
                return
        self.export(what, path)

    def export(self, what: str, path: str) -> None:
        full = self._full
        if full is None:
            return
        self.window.statusBar().showMessage(self.tr("Blurring faces and writing %1…").replace("%1", path))
        self.hub.run("alerts.export", export_media, full.row.id, what, path, on_done=self._exported,
                     on_error=lambda e: self.queue.say(self.tr("The export failed: %1")
                                                       .replace("%1", str(e).splitlines()[0])))

    def _exported(self, path: str) -> None:
        self.last_export = path
        self.window.statusBar().showMessage(self.tr("Exported with faces blurred: %1").replace("%1", path), 10000)

    def copy_snapshot(self) -> None:
        full = self._full
        if full is None or full.snapshot is None:
            return
        self.hub.run("alerts.copy", blurred_media, full.row.id, "snapshot", on_done=self._copied,
                     on_error=lambda e: self.queue.say(str(e).splitlines()[0]))

    def _copied(self, jpeg: bytes) -> None:
        QGuiApplication.clipboard().setImage(QImage.fromData(jpeg))
        self.window.statusBar().showMessage(self.tr("Snapshot copied with faces blurred"), 6000)

    # --- the panel contract -----------------------------------------------------------------------

    def show_view(self, name: str) -> None:
        """"alerts": the queue has the keyboard and the newest alert is open beside it (the
        window's workspace shows the docks)."""
        if name == "alerts":
            self.queue.table.setFocus()
            first = self.queue.current()
            if first is not None and first.id != self._shown_id:
                self._load_detail(first.id)

    def ready(self) -> bool:
        return not any(self._loading.values())

    def close(self) -> None:
        self._closed = True
        self._reload_timer.stop()
        self.hub.changed.disconnect(self._changed)
        self.detail.player.pause()


def install(window) -> AlertsPanel:
    return AlertsPanel(window)
