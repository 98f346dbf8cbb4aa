"""A year locked by a colleague: the window shows it once it catches up (on activation), and its lock action never
undoes a lock the user has not seen (the menu offered "Lås", the year is locked meanwhile)."""

from models.history import YearLock
from models.year_locks import lock_year
from tests.views.test_server_windows import _as_colleague


def test_a_colleagues_lock_shows_when_the_window_catches_up(qtbot, window, answers, example_db):
    assert window.year == 2018 and "Lås 2018" in window.action_lock_year.text().replace("&", "")
    assert "op" not in window.action_lock_year.text().replace("&", "").replace("Lås 2018", "")
    window.editor.catch_up()  # the window has read the store up to now
    _as_colleague(example_db, "anne", lambda: lock_year(2018))
    window.editor.catch_up()  # as when the window is activated again
    assert window.action_lock_year.text().replace("&", "") == "Lås 2018 op…"
    assert "2018 er låst" in window._lock_text


def test_the_lock_action_does_not_unlock_a_colleagues_lock_it_has_not_shown(qtbot, window, answers, example_db):
    assert window.year == 2018 and window.action_lock_year.text().replace("&", "") == "Lås 2018…"
    _as_colleague(example_db, "anne", lambda: lock_year(2018))  # not yet seen by this window
    answers.queue = [True, True]  # whatever is asked is answered yes
    window.action_lock_year.trigger()
    assert YearLock.select().where(YearLock.year == 2018).exists()  # her lock stays
    assert any("låst af en anden" in text for text in answers.asked)
    assert window.action_lock_year.text().replace("&", "") == "Lås 2018 op…"  # and is shown now
