"""A one-line question under the queue (the dismissal's reason, whom to assign, a note): typed,
answered with Enter, put away with Esc. Never a dialog, so it works on a wall display too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class InlinePrompt(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("InlinePrompt")
        self.label = QLabel("")
        self.edit = QLineEdit(self)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("MutedLabel")
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setVisible(False)
        self._choices = QStringListModel(self)
        completer = QCompleter(self._choices, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addWidget(self.hint)
        lay.addWidget(self.error)
        self._answer: Callable[[str], str | None] | None = None
        self._numbered: list[str] = []
        self.edit.returnPressed.connect(self._submit)
        self.edit.installEventFilter(self)
        self.hide()

    @property
    def asking(self) -> bool:
        return self.isVisible() or self._answer is not None

    def ask(self, label: str, answer: Callable[[str], str | None], *, hint: str = "", choices=(),
            numbered=(), text: str = "") -> None:
        """Show the question. ``answer(text)`` returns None when it took the answer, else a
        message saying what is wrong (the prompt stays). ``numbered`` choices are picked by typing
        their number; ``choices`` complete what is typed."""
        self._answer = answer
        self._numbered = list(numbered)
        self.label.setText(label)
        lines = [f"{i + 1} {c}" for i, c in enumerate(self._numbered)]
        self.hint.setText(("   ".join(lines) + "\n" if lines else "") + hint)
        self.hint.setVisible(bool(self.hint.text()))
        self._choices.setStringList(list(choices) + self._numbered)
        self.error.setVisible(False)
        self.edit.setText(text)
        self.show()
        self.edit.setFocus()

    def _submit(self) -> None:
        if self._answer is None:
            return
        text = self.edit.text().strip()
        if text.isdigit() and 1 <= int(text) <= len(self._numbered):
            text = self._numbered[int(text) - 1]
        problem = self._answer(text)
        if problem:
            self.error.setText(problem)
            self.error.setVisible(True)
            return
        self.put_away()

    def put_away(self) -> None:
        self._answer = None
        self.edit.clear()
        self.hide()
        self.closed.emit()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.put_away()
            return True
        return super().eventFilter(obj, event)
