"""A save refused because a colleague saved the record since: the form shows the stored text, and what the user
typed is not lost (a report section may be a page long): it is on the clipboard, and the message says so."""

from PySide6.QtGui import QGuiApplication

from models import editing
from models.report_texts import ReportSection
from tests.views.test_report_texts_page import _choose
from tests.views.test_report_texts_page import _go as go_to_texts
from tests.views.test_server_windows import _as_colleague


def test_the_text_a_colleagues_save_refused_is_kept_on_the_clipboard(qtbot, window, answers, example_db):
    page = go_to_texts(qtbot, window)
    _choose(page, "6.8 ")
    section = ReportSection.get(ReportSection.number == "6.8")
    QGuiApplication.clipboard().setText("")
    _as_colleague(example_db, "anne", lambda: editing.update(ReportSection, section.id, {"body": "Annes tekst."}))
    body = page.body_edit
    body.setFocus()
    body.selectAll()
    mine = "Min lange tekst om året, som jeg har skrevet i en time."
    qtbot.keyClicks(body, mine)
    page.title_edit.setFocus()  # leaving the text stores it: refused
    assert ReportSection.get_by_id(section.id).body == "Annes tekst."  # the colleague's text stays
    assert body.toPlainText() == "Annes tekst."  # and is shown
    assert QGuiApplication.clipboard().text() == mine  # what she typed is not lost
    shown = [label.text() for label in page.findChildren(type(page.heading)) if "udklipsholderen" in label.text()]
    assert shown and "anne" in shown[0]
