"""A search field that suggests as you type.

Typing is debounced: ``queryChanged`` fires once the user pauses, and the application answers
with ``set_suggestions(query, items)`` whenever its (off-thread) search finishes. Answers for a
query the user has already typed past are dropped, so a slow search never overwrites a newer
one. Enter takes the highlighted suggestion, or the first one; pressed before the answer has
arrived, it waits for it. Nothing here knows what is searched.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

_ROW = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Suggestion:
    title: str
    subtitle: str = ""  # what kind of thing it is, where it is
    data: object = None  # for the application: what to fly to

    @property
    def display(self) -> str:
        return f"{self.title}  ·  {self.subtitle}" if self.subtitle else self.title


class SearchBox(QLineEdit):
    queryChanged = Signal(str)  # the text after the user paused typing (stripped; "" when cleared)
    chosen = Signal(object)  # Suggestion the user took (Enter, click)
    notFound = Signal(str)  # Enter on a query that has no suggestions
    cancelled = Signal()  # Esc with no list open: the user is done searching

    def __init__(self, parent: QWidget | None = None, *, debounce_ms: int = 250, max_visible: int = 12):
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._items: list[Suggestion] = []
        self._answered: str | None = None  # the query the items answer
        self._enter_pending: str | None = None
        self._just_chose = False
        self._model = QStandardItemModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(max_visible)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._emit_query)
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._enter)

    # --- the application's side -------------------------------------------------------------

    def query(self) -> str:
        return self.text().strip()

    def set_suggestions(self, query: str, items: list[Suggestion]) -> None:
        """The answer to ``query``; dropped if the user has typed on since."""
        if query != self.query():
            return
        self._items = list(items)
        self._answered = query
        self._model.clear()
        for i, s in enumerate(self._items):
            it = QStandardItem(s.display)
            it.setData(i, _ROW)
            it.setToolTip(s.display)
            self._model.appendRow(it)
        if self._enter_pending == query:
            self._enter_pending = None
            self._take_first(query)
        elif self._items and self.hasFocus():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def suggestions(self) -> list[Suggestion]:
        return list(self._items)

    def popup_visible(self) -> bool:
        return self.completer_.popup().isVisible()

    # --- typing -------------------------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        self._enter_pending = None
        if self.query() != self._answered:
            self._answered = None
        self._debounce.start()

    def _emit_query(self) -> None:
        q = self.query()
        if not q:
            self._items, self._answered = [], ""
            self._model.clear()
            self.completer_.popup().hide()
        self.queryChanged.emit(q)

    def _enter(self) -> None:
        q = self.query()
        if not q:
            return
        if self._answered == q:
            self._take_first(q)
            return
        self._enter_pending = q
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit_query()

    def _take_first(self, q: str) -> None:
        if self._items:
            self._choose(0)
        else:
            self.notFound.emit(q)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(_ROW)
        if row is not None:
            self._choose(int(row))

    def _choose(self, row: int) -> None:
        # one Enter on the list may reach both the completer and the field: one choice only
        if self._just_chose or not 0 <= row < len(self._items):
            return
        s = self._items[row]
        self.completer_.popup().hide()
        self.setText(s.title)
        self._answered = self.query()
        self._items = [s] + [x for x in self._items if x is not s]  # Enter again takes the same place
        self._just_chose = True
        QTimer.singleShot(0, self, self._chose_done)
        self.chosen.emit(s)

    def _chose_done(self) -> None:
        self._just_chose = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and not self.popup_visible():
            self.cancelled.emit()
            return
        if key == Qt.Key.Key_Down and not self.popup_visible() and self._model.rowCount():
            self.completer_.complete()
            return
        super().keyPressEvent(event)
