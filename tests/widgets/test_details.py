"""The details view shows one feature's data as given: named stars lit or not, rows, links and
buttons that answer, and names that are never taken for markup."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from widgets.details import Action, Details, DetailsView, Note, Row, Section, StarRow

STARS = (("合规星", True), ("餐区整洁星", False), ("厨房达标星", True), ("制作放心星", True), ("优秀管理星", False))


@pytest.fixture
def view(qtbot):
    v = DetailsView()
    qtbot.addWidget(v)
    v.resize(420, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def sample(**kw) -> Details:
    return Details("示例饭店", "餐馆 · 昆都仑区", "C", "#d97706", (
        Section("Stars", (StarRow(STARS),)),
        Section("Licence", (Row("Licence no.", "JY123"), Row("Camera", "offline", "bad", link=("cameras", 7)))),
        Section("Risk", (Note("近一年检查最高风险：中", "warn"),)),
    ), **kw)


def test_the_five_stars_show_by_name_lit_or_not(view):
    view.set_details(sample())
    assert view.stars() == list(STARS)
    text = view.text()
    for name, _ in STARS:
        assert name in text
    assert "JY123" in text and "示例饭店" in text and "近一年检查最高风险：中" in text


def test_new_details_replace_the_old_ones_entirely(view):
    view.set_details(sample())
    view.set_details(Details("另一家", sections=(Section("Licence", (Row("Licence no.", "JY999"),)),)))
    assert view.stars() == []
    assert "JY123" not in view.text() and "JY999" in view.text()
    view.show_message("Nothing chosen")
    assert view.details is None and view.text() == "Nothing chosen"


def test_a_linked_row_and_an_action_button_answer(view, qtbot):
    view.set_details(sample(actions=(Action("Zoom to", "zoom"),)))
    link = next(lab for lab in view.findChildren(QLabel) if lab.textFormat() == Qt.TextFormat.RichText)
    with qtbot.waitSignal(view.linkActivated) as sig:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(6, link.height() // 2))
    assert sig.args == [("cameras", 7)]
    with qtbot.waitSignal(view.actionTriggered) as sig:
        qtbot.mouseClick(view.buttons[0], Qt.MouseButton.LeftButton)
    assert sig.args == ["zoom"]


def test_names_from_a_registry_are_shown_as_written_never_as_markup(view):
    view.set_details(Details("<b>Bold</b> & Co", sections=(
        Section("x", (Row("<i>k</i>", "<img src=x>"), Row("linked", "<u>u</u>", link=1))),)))
    text = view.text()
    assert "<b>Bold</b> & Co" in text and "<img src=x>" in text and "<u>u</u>" in text


def test_bad_rows_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="tone"):
        Row("k", "v", "purple")
    with pytest.raises(ValueError, match="not a Row"):
        Section("s", ("just a string",))
