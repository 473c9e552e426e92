"""The review queue a supervisor clears from the keyboard.

Newest first, with a thumbnail, severity, kind, camera or vehicle, business, district, time and
state. J and K move (with Shift they select several), C confirms, D dismisses as a false positive
(asking the reason in one line: a digit picks a common one), E escalates, A assigns, N adds a note,
Enter opens the alert everywhere (picture, live camera, map). Keys act on every selected alert.
A confirmed or dismissed alert leaves the queue at once and the next one is selected; if the
database refuses the step, the application reloads the queue and says why.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from widgets.alert_review.data import AlertFilter, AlertLine
from widgets.alert_review.filters import FilterBar
from widgets.alert_review.prompt import InlinePrompt

THUMB = QSize(96, 54)
SEVERITY_COLOURS = {0: QColor("#64748b"), 1: QColor("#2563eb"), 2: QColor("#d97706"), 3: QColor("#ea580c"),
                    4: QColor("#dc2626")}
LEAVES = {"confirm": "confirmed", "dismiss": "dismissed"}  # steps after which an alert may leave the list
LINE_ROLE = Qt.ItemDataRole.UserRole


def placeholder(text: str) -> QPixmap:
    """A grey thumbnail for an alert without a picture (a vehicle's, an old camera alert)."""
    pm = QPixmap(THUMB)
    pm.fill(QColor("#334155"))
    p = QPainter(pm)
    p.setPen(QColor("#cbd5e1"))
    f = QFont()
    f.setPixelSize(12)
    p.setFont(f)
    p.drawText(QRect(0, 0, THUMB.width(), THUMB.height()), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return pm


class AlertModel(QAbstractTableModel):
    COLUMNS = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AlertLine] = []
        self._thumbs: dict[int, QPixmap] = {}
        self._placeholders: dict[str, QPixmap] = {}
        self.source_names: dict[str, str] = {}
        self.headers = ("", self.tr("Severity"), self.tr("Kind"), self.tr("Camera / vehicle"), self.tr("Business"),
                        self.tr("District"), self.tr("Raised"), self.tr("State"))

    def set_rows(self, rows: list[AlertLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        keep = {r.id for r in rows}
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in keep}
        self.endResetModel()

    def remove_ids(self, ids: set[int]) -> None:
        for i in range(len(self.rows) - 1, -1, -1):
            if self.rows[i].id in ids:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def thumbnail(self, a: AlertLine) -> QPixmap:
        pm = self._thumbs.get(a.id)
        if pm is None:
            img = QImage.fromData(a.thumbnail) if a.thumbnail else QImage()
            if img.isNull():
                name = self.source_names.get(a.source, a.source)
                pm = self._placeholders.get(name)
                if pm is None:
                    pm = self._placeholders[name] = placeholder(name)
            else:
                pm = QPixmap.fromImage(img.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
            self._thumbs[a.id] = pm
        return pm

    def state_text(self, a: AlertLine) -> str:
        text = a.state_name
        if a.state == "in_review" and a.claimed_by:
            text += " · " + self.tr("held by %1").replace("%1", a.claimed_by)
        if a.assignee:
            text += " · " + self.tr("assigned to %1").replace("%1", a.assignee)
        if a.ongoing:
            text += " · " + self.tr("ongoing")
        return text

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self.thumbnail(a)
        if role == Qt.ItemDataRole.DisplayRole:
            return ("", a.severity_name, a.kind_name, a.where, a.business, a.district,
                    f"{a.raised_at:%m-%d %H:%M:%S}", self.state_text(a))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.title
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QBrush(SEVERITY_COLOURS.get(a.severity, SEVERITY_COLOURS[2]))
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.FontRole and a.state == "new":
            f = QFont()
            f.setBold(True)
            return f
        if role == LINE_ROLE:
            return a
        return None


class AlertQueue(QWidget):
    reviewRequested = Signal(str, list, dict)  # action, [AlertLine], parameters
    currentChanged = Signal(object)  # AlertLine or None
    activated = Signal(object)  # AlertLine: open it everywhere
    filterChanged = Signal(object)  # AlertFilter

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = AlertModel(self)
        self.filters = FilterBar(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 6)
        self.table.setIconSize(THUMB)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((THUMB.width() + 10, 64, 120, 190, 150, 80, 110, 200)):
            self.table.setColumnWidth(col, width)
        hh.setStretchLastSection(True)
        self.count = QLabel("")
        self.keys_hint = QLabel(self.tr("J/K move · Shift+J/K select several · C confirm · D dismiss · "
                                        "E escalate · A assign · N note · Enter open"))
        self.keys_hint.setObjectName("MutedLabel")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.prompt = InlinePrompt(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filters, 1)
        top.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.prompt)
        lay.addWidget(self.keys_hint)

        self.people: list[str] = []  # whom alerts can be assigned to
        self.dismiss_reasons: list[str] = []
        self._editable = True
        self._filter = self.filters.value()
        self.filters.changed.connect(self._filter_changed)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.currentChanged.emit(self.current()))
        self.table.doubleClicked.connect(lambda _i: self.activate_current())
        self.prompt.closed.connect(self.table.setFocus)

    # --- data ---------------------------------------------------------------------------------

    def set_alerts(self, lines: list[AlertLine]) -> None:
        """Replace the list (newest first), keeping the current alert selected while it is listed."""
        keep = self.current()
        self.model.set_rows(lines)
        if keep is None or not self.select_id(keep.id):
            self._select_row(0)
        self._count()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.keys_hint.setText(self.keys_hint.text() if editable else self.tr(
            "Read-only: only a supervisor can review alerts. J/K move · Enter open"))

    @property
    def editable(self) -> bool:
        return self._editable

    def lines(self) -> list[AlertLine]:
        return list(self.model.rows)

    def current(self) -> AlertLine | None:
        idx = self.table.currentIndex()
        return self.model.data(idx.siblingAtColumn(0), LINE_ROLE) if idx.isValid() else None

    def selected(self) -> list[AlertLine]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.current() is not None:
            return [self.current()]
        return [self.model.rows[r] for r in rows]

    def select_id(self, alert_id: int) -> bool:
        for r, a in enumerate(self.model.rows):
            if a.id == alert_id:
                self._select_row(r)
                return True
        return False

    def say(self, text: str, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(("color: #c0392b;" if error else "color: #15803d;") if text else "")
        self.message.setVisible(bool(text))

    # --- keys ---------------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            key = event.key()
            shift = mods == Qt.KeyboardModifier.ShiftModifier
            if key in (Qt.Key.Key_J, Qt.Key.Key_K) and (not mods or shift):
                self.move(1 if key == Qt.Key.Key_J else -1, extend=shift)
                return True
            if not mods and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate_current()
                return True
            if not mods and key in (Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_E, Qt.Key.Key_A, Qt.Key.Key_N):
                self.trigger({Qt.Key.Key_C: "confirm", Qt.Key.Key_D: "dismiss", Qt.Key.Key_E: "escalate",
                              Qt.Key.Key_A: "assign", Qt.Key.Key_N: "note"}[Qt.Key(key)])
                return True
        return super().eventFilter(obj, event)

    def move(self, step: int, extend: bool = False) -> None:
        n = self.model.rowCount()
        if not n:
            return
        cur = self.table.currentIndex().row()
        row = min(max(0, (cur if cur >= 0 else -1) + step), n - 1)
        sm = self.table.selectionModel()
        idx = self.model.index(row, 0)
        if extend:
            sm.setCurrentIndex(idx, sm.SelectionFlag.Select | sm.SelectionFlag.Rows)
        else:
            self._select_row(row)
        self.table.scrollTo(idx)

    def trigger(self, action: str) -> None:
        """What a key or a button asks for, on the selected alerts (asking first where needed)."""
        lines = self.selected()
        if not lines:
            return
        if not self._editable:
            self.say(self.tr("Only a supervisor can review alerts"))
            return
        n = len(lines)
        if action == "dismiss":
            self.prompt.ask(self.tr("Why is this a false alarm? (%1 alert(s))").replace("%1", str(n)),
                            lambda text: self._answered("dismiss", lines, {"reason": text}, text,
                                                        self.tr("A dismissal needs a reason")),
                            numbered=self.dismiss_reasons,
                            hint=self.tr("Type a digit or your own words, Enter to dismiss, Esc to cancel"))
        elif action == "assign":
            self.prompt.ask(self.tr("Assign %1 alert(s) to:").replace("%1", str(n)),
                            lambda text: self._answered("assign", lines, {"to": text}, text,
                                                        self.tr("Whom to assign it to?")),
                            choices=self.people, hint=self.tr("Enter to assign, Esc to cancel"))
        elif action == "note":
            self.prompt.ask(self.tr("Note:"), lambda text: self._answered("note", lines, {"text": text}, text,
                                                                         self.tr("The note is empty")),
                            hint=self.tr("Enter to add it to the timeline, Esc to cancel"))
        else:
            self._act(action, lines, {})

    def _answered(self, action: str, lines, params: dict, text: str, empty: str) -> str | None:
        if not text:
            return empty
        self._act(action, lines, params)
        return None

    def _act(self, action: str, lines: list[AlertLine], params: dict) -> None:
        self.say("")
        leaving = LEAVES.get(action)
        if leaving and self._filter.states and leaving not in self._filter.states:
            ids = {a.id for a in lines}
            rows = [r for r, a in enumerate(self.model.rows) if a.id in ids]
            if rows:
                self.model.remove_ids(ids)
                self._select_row(min(rows[0], self.model.rowCount() - 1))
                self._count()
        self.table.setFocus()
        self.reviewRequested.emit(action, lines, params)

    def activate_current(self) -> None:
        a = self.current()
        if a is not None:
            self.activated.emit(a)

    # --- helpers ------------------------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self.currentChanged.emit(None)

    def _filter_changed(self, f: AlertFilter) -> None:
        self._filter = f
        self.filterChanged.emit(f)

    @property
    def filter(self) -> AlertFilter:
        return self._filter

    def _count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(self.tr("%1 alert(s)").replace("%1", f"{n:,}"))
