"""The replay dock: pick a vehicle and a time range, then play its track with a time slider.

Plays at 1×–60× real time; the readout gives the time, speed and position at the slider, and the
table the trips and stops (distance, duration) of the range. Clicking a row jumps there. The
widget asks for data with ``requested(vehicle_id, start, end)`` (epoch seconds) and shows what it
is given with ``set_track``; ``momentChanged`` tells the map where to draw the vehicle.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QDateTime, QElapsedTimer, Qt, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.replay.track import Moment, ReplayTrack, moment_at

SPEEDS = (1, 2, 5, 10, 30, 60)
CHINA = QTimeZone(8 * 3600)  # Asia/Shanghai: UTC+8 all year
TICK_MS = 40


def local_text(t: float, seconds: bool = True) -> str:
    return QDateTime.fromSecsSinceEpoch(int(t), CHINA).toString("yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm")


class ReplayWidget(QWidget):
    vehicleChosen = Signal(int)
    requested = Signal(int, float, float)  # vehicle id, start, end (epoch seconds)
    momentChanged = Signal(object)  # Moment
    playingChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.track: ReplayTrack | None = None
        self.time = float("nan")
        self.whole: tuple[float, float] | None = None
        self.vehicle = QComboBox(minimumContentsLength=14)
        self.vehicle.setEditable(True)
        self.vehicle.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.vehicle.lineEdit().setPlaceholderText(self.tr("Vehicle"))
        self.start_edit = self._datetime_edit()
        self.end_edit = self._datetime_edit()
        self.whole_button = QPushButton(self.tr("Whole track"), enabled=False)
        self.whole_button.setToolTip(self.tr("From the vehicle's first stored position to its last"))
        self.show_button = QPushButton(self.tr("Show"))
        self.play_button = QPushButton(enabled=False)
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.play_button.setShortcut(Qt.Key.Key_Space)
        self.slider = QSlider(Qt.Orientation.Horizontal, enabled=False)
        self.speed = QComboBox()
        for s in SPEEDS:
            self.speed.addItem(f"{s}×", s)
        self.speed.setCurrentIndex(SPEEDS.index(10))
        self.speed.setToolTip(self.tr("Playback speed"))
        self.readout = QLabel("", objectName="ReplayReadout")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self.tr("Pick a vehicle and a time range, then Show."))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("From"), self.tr("To"), self.tr("Duration"),
                                              self.tr("Distance"), self.tr("Mean speed")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(90)

        pick = QHBoxLayout()
        pick.addWidget(self.vehicle, 2)
        pick.addWidget(QLabel(self.tr("From")))
        pick.addWidget(self.start_edit, 1)
        pick.addWidget(QLabel(self.tr("To")))
        pick.addWidget(self.end_edit, 1)
        pick.addWidget(self.whole_button)
        pick.addWidget(self.show_button)
        play = QHBoxLayout()
        play.addWidget(self.play_button)
        play.addWidget(self.slider, 1)
        play.addWidget(self.speed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(pick)
        lay.addLayout(play)
        info = QHBoxLayout()
        info.addWidget(self.readout, 1)
        info.addWidget(self.summary, 1)
        lay.addLayout(info)
        lay.addWidget(self.table, 1)

        self._clock = QElapsedTimer()
        self._timer = QTimer(self, interval=TICK_MS, timeout=self._tick)
        self.vehicle.activated.connect(self._vehicle_activated)
        self.show_button.clicked.connect(self._request)
        self.whole_button.clicked.connect(self._request_whole)
        self.play_button.clicked.connect(self.toggle)
        self.slider.valueChanged.connect(self._slider_moved)
        self.table.cellClicked.connect(self._row_clicked)

    def _datetime_edit(self) -> QDateTimeEdit:
        e = QDateTimeEdit(calendarPopup=True)
        e.setTimeZone(CHINA)
        e.setDisplayFormat("yyyy-MM-dd HH:mm")
        return e

    # -- input ----------------------------------------------------------------------------------
    def set_vehicles(self, vehicles: list[tuple[int, str]]) -> None:
        """(id, text) for the chooser; the current choice is kept when still there."""
        keep = self.current_vehicle()
        self.vehicle.blockSignals(True)
        self.vehicle.clear()
        for vid, text in vehicles:
            self.vehicle.addItem(text, vid)
        i = self.vehicle.findData(keep) if keep is not None else -1
        self.vehicle.setCurrentIndex(i)
        self.vehicle.blockSignals(False)

    def current_vehicle(self) -> int | None:
        data = self.vehicle.currentData()
        return int(data) if data is not None and self.vehicle.currentText() == self.vehicle.itemText(
            self.vehicle.currentIndex()) else None

    def choose(self, vehicle_id: int) -> None:
        i = self.vehicle.findData(vehicle_id)
        if i >= 0:
            self.vehicle.setCurrentIndex(i)
            self._vehicle_activated(i)

    def set_span(self, first: float | None, last: float | None) -> None:
        """The stored span of the chosen vehicle's positions: the range becomes its last day,
        and Whole track covers all of it. None when it has none."""
        if first is None or last is None:
            self.whole = None
            self.whole_button.setEnabled(False)
            self.summary.setText(self.tr("This vehicle has no stored positions."))
            return
        self.whole = (first, last)
        self.whole_button.setEnabled(True)
        self.set_range(max(first, last - 86400), last)
        self.summary.setText(self.tr("Positions from %1 to %2.").replace("%1", local_text(first, False))
                             .replace("%2", local_text(last, False)))

    def set_range(self, start: float, end: float) -> None:
        self.start_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(math.floor(start)), CHINA))
        self.end_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(math.ceil(end)), CHINA))

    def range(self) -> tuple[float, float]:
        return float(self.start_edit.dateTime().toSecsSinceEpoch()), float(self.end_edit.dateTime().toSecsSinceEpoch())

    def set_track(self, track: ReplayTrack) -> None:
        self.pause()
        self.track = track
        ok = len(track) > 0
        for w in (self.play_button, self.slider):
            w.setEnabled(ok)
        self._fill_table(track)
        if not ok:
            self.readout.setText("")
            self.summary.setText(self.tr("No positions of %1 in this time range.").replace("%1", track.plate))
            return
        dist = sum(t.distance_m for t in track.trips) / 1000
        self.summary.setText(
            self.tr("%1: %2 fixes, %3 trips (%4 km), %5 stops").replace("%1", track.plate)
            .replace("%2", str(len(track))).replace("%3", str(len(track.trips))).replace("%4", f"{dist:.1f}")
            .replace("%5", str(len(track.stops))))
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(1, int(math.ceil(track.end - track.start))))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.seek(track.start)

    def set_message(self, text: str) -> None:
        self.summary.setText(text)

    # -- playing --------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def speed_factor(self) -> int:
        return int(self.speed.currentData())

    def set_speed(self, factor: int) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(factor))

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def play(self) -> None:
        if self.track is None or not len(self.track):
            return
        if self.time >= self.track.end:
            self.seek(self.track.start)
        self._clock.start()
        self._timer.start()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause))
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if not self._timer.isActive():
            return
        self._timer.stop()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.playingChanged.emit(False)

    def _tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self.advance(elapsed * self.speed_factor())

    def advance(self, seconds: float) -> None:
        """Move the replay on by ``seconds`` of track time (what the play timer does)."""
        if self.track is None or not len(self.track):
            return
        t = min(self.time + seconds, self.track.end)
        self.seek(t)
        if t >= self.track.end:
            self.pause()

    def seek(self, t: float) -> Moment | None:
        if self.track is None or not len(self.track):
            return None
        m = moment_at(self.track, t)
        self.time = m.time
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(m.time - self.track.start)))
        self.slider.blockSignals(False)
        speed = self.tr("speed unknown") if not math.isfinite(m.speed_kmh) else f"{m.speed_kmh:.0f} km/h"
        self.readout.setText(f"{local_text(m.time)}   {speed}   {m.lat:.5f}° N, {m.lon:.5f}° E")
        self.momentChanged.emit(m)
        return m

    def _slider_moved(self, value: int) -> None:
        if self.track is not None and len(self.track):
            self.seek(self.track.start + value)

    # -- the trips and stops table --------------------------------------------------------------
    def _fill_table(self, track: ReplayTrack) -> None:
        rows = sorted([(s.start, s.end, None, s) for s in track.stops] + [(t.start, t.end, t, None) for t in track.trips],
                      key=lambda r: r[0])
        self.table.setRowCount(len(rows))
        self._row_start = []
        for i, (start, end, trip, _stop) in enumerate(rows):
            kind = self.tr("Trip") if trip is not None else self.tr("Stop")
            cells = [kind, local_text(start), local_text(end), self.duration_text(end - start),
                     f"{trip.distance_m / 1000:.2f} km" if trip is not None else "",
                     f"{trip.mean_speed_kmh:.0f} km/h" if trip is not None else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
            self._row_start.append(start)

    def _row_clicked(self, row: int, _col: int) -> None:
        self.seek(self._row_start[row])

    def duration_text(self, seconds: float) -> str:
        s = int(round(seconds))
        if s < 60:
            return self.tr("%1 s").replace("%1", str(s))
        if s < 3600:
            return self.tr("%1 min").replace("%1", str(s // 60))
        return self.tr("%1 h %2 min").replace("%1", str(s // 3600)).replace("%2", f"{s % 3600 // 60:02d}")

    # -- requests -------------------------------------------------------------------------------
    def _vehicle_activated(self, index: int) -> None:
        vid = self.vehicle.itemData(index)
        if vid is not None:
            self.vehicleChosen.emit(int(vid))

    def _request(self) -> None:
        vid = self.current_vehicle()
        if vid is None:
            self.summary.setText(self.tr("Pick a vehicle first."))
            return
        start, end = self.range()
        if end <= start:
            self.summary.setText(self.tr("The end of the range must come after its start."))
            return
        self.summary.setText(self.tr("Loading…"))
        self.requested.emit(vid, start, end)

    def _request_whole(self) -> None:
        vid = self.current_vehicle()
        if vid is None or self.whole is None:
            return
        self.set_range(*self.whole)
        self.summary.setText(self.tr("Loading…"))
        self.requested.emit(vid, self.whole[0], self.whole[1])

