"""The search box asks once the user pauses, ignores answers to what they typed before, and
Enter takes the first suggestion, waiting for it if it is not there yet."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from widgets.search_box import SearchBox, Suggestion


def type_chinese(widget, text: str) -> None:
    """As an input method commits Chinese text (QTest types ASCII only)."""
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


@pytest.fixture
def box(qtbot):
    b = SearchBox(debounce_ms=50)
    qtbot.addWidget(b)
    b.show()
    qtbot.waitExposed(b)
    b.setFocus()
    return b


def test_typing_asks_once_with_the_whole_text(box, qtbot):
    asked = []
    box.queryChanged.connect(asked.append)
    qtbot.keyClicks(box, "JY3150")
    qtbot.waitUntil(lambda: asked == ["JY3150"], timeout=2000)
    qtbot.wait(120)
    assert asked == ["JY3150"]


def test_an_answer_to_an_older_text_is_dropped(box, qtbot):
    qtbot.keyClicks(box, "abc")
    box.set_suggestions("ab", [Suggestion("stale")])
    assert box.suggestions() == []
    box.set_suggestions("abc", [Suggestion("fresh", "kind")])
    assert [s.title for s in box.suggestions()] == ["fresh"]


def test_enter_before_the_answer_waits_for_it_and_takes_the_first(box, qtbot):
    asked, chosen = [], []
    box.queryChanged.connect(asked.append)
    box.chosen.connect(chosen.append)
    type_chinese(box, "鹿城")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert asked == ["鹿城"]  # Enter did not wait for the pause
    assert chosen == []
    box.set_suggestions("鹿城", [Suggestion("鹿城烧麦馆", "Catering", data=7), Suggestion("鹿城面馆", data=8)])
    assert [s.data for s in chosen] == [7]
    assert box.text() == "鹿城烧麦馆"


def test_enter_on_a_query_without_results_says_so(box, qtbot):
    box.queryChanged.connect(lambda q: box.set_suggestions(q, []))
    with qtbot.waitSignal(box.notFound) as sig:
        qtbot.keyClicks(box, "zzz")
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sig.args == ["zzz"]


def test_a_suggestion_picked_from_the_list_is_chosen(box, qtbot):
    box.queryChanged.connect(lambda q: box.set_suggestions(q, [Suggestion(f"{q} {i}", data=i) for i in range(3)]))
    type_chinese(box, "市场")
    qtbot.waitUntil(lambda: len(box.suggestions()) == 3, timeout=2000)
    popup = box.completer_.popup()
    box.completer_.complete()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    with qtbot.waitSignal(box.chosen) as sig:
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert sig.args[0].data in (0, 1)
    assert box.text() == sig.args[0].title


def test_escape_hands_the_keyboard_back(box, qtbot):
    with qtbot.waitSignal(box.cancelled):
        qtbot.keyClick(box, Qt.Key.Key_Escape)


def test_one_enter_on_the_list_is_one_choice(box, qtbot):
    box.queryChanged.connect(lambda q: box.set_suggestions(q, [Suggestion(f"{q} {i}", data=i) for i in range(3)]))
    chosen = []
    box.chosen.connect(chosen.append)
    qtbot.keyClicks(box, "market")
    qtbot.waitUntil(lambda: len(box.suggestions()) == 3, timeout=2000)
    box.completer_.complete()
    popup = box.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert len(chosen) == 1
