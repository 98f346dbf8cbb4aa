"""The main window, driven as a person would: shortcuts, the sidebar, the year selector; state remembered."""

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop.areas import AREAS
from desktop.main_window import MainWindow
from models.enterprises import Enterprise
from models.figures import year_status


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, example_db, db_path, settings):
    win = MainWindow(database_path=db_path, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_every_area_is_in_the_sidebar_and_reachable_by_shortcut(qtbot, window):
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [a.title for a in AREAS]
    for index, area in enumerate(AREAS):
        qtbot.keyClick(window, str((index + 1) % 10), Qt.KeyboardModifier.ControlModifier)
        assert window.current_area == area.key
        assert window.pages.currentWidget() is window.page_for[area.key]


def test_every_area_has_its_own_page(window):
    pages = [window.page_for[a.key] for a in AREAS]
    assert len(set(map(id, pages))) == len(AREAS)
    assert all(page.isEnabled() for page in pages)


def test_overview_shows_the_years_figures_from_the_store(qtbot, window):
    status = year_status(2018)
    assert window.year == 2018
    overview = window.overview
    qtbot.waitUntil(lambda: "enterprises_active" in overview.values)
    assert overview.plain("enterprises_active") == str(status.enterprises_active) == "19"
    assert overview.plain("jobs_jobcenter").startswith("35 af 30 (Fleksjob 21, Deltidsjob 7, Fuldtid 3, Løntilskud 4)")
    assert overview.plain("jobs_own") == "29"
    assert overview.plain("evaluation:1").startswith("40 %".replace(" ", "\u00a0"))
    assert "64,7" in overview.plain("evaluation:2") and "(22 af 34)" in overview.plain("evaluation:2")
    assert "summer til 36" in overview.warnings.text()
    assert overview.bars["virksomheder"].value() == 19 and overview.bars["virksomheder"].maximum() == 25
    assert overview.bars["job"].format() == "35 af 30"
    assert not overview.chart.pixmap().isNull()


def test_overview_follows_the_year_selector(qtbot, window):
    Enterprise.create(name="Café Fælles", opened=dt.date(2019, 2, 1))
    qtbot.waitUntil(lambda: "enterprises_active" in window.overview.values)
    window.year_box.setFocus()
    qtbot.keyClick(window.year_box, Qt.Key.Key_End)
    year = window.year
    assert year > 2018
    assert window.overview.plain("enterprises_active") == str(year_status(year).enterprises_active)


def test_area_year_and_geometry_are_remembered(qtbot, example_db, db_path, settings):
    first = MainWindow(database_path=db_path, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    first.resize(720, 520)  # within the offscreen screen (800x600); the width may stop at the minimum
    size = first.size()
    assert size.height() == 520
    qtbot.keyClick(first, "3", Qt.KeyboardModifier.ControlModifier)
    assert first.current_area == "grants"
    first.close()
    second = MainWindow(database_path=db_path, settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert second.current_area == "grants"
    assert second.year == 2018
    assert second.height() == size.height()


def test_every_main_action_has_a_shortcut(window):
    lines = dict((text, keys) for keys, text in window.shortcut_lines())
    for name in ("Fortryd", "Annullér fortryd", "Søg…", "Afslut", "Virksomheder", "Tilskud"):
        key = next(k for k in lines if k.startswith(name))
        assert lines[key], name


def test_the_window_fits_a_full_hd_laptop_at_200_percent(window):
    # 1920 x 1080 at 200 % leaves 960 x 540 logical pixels, less the task bar
    hint = window.minimumSizeHint()
    assert hint.width() <= 960 and hint.height() <= 500


def test_a_figure_on_the_overview_leads_to_its_page(qtbot, window):
    from PySide6.QtCore import QPoint

    qtbot.waitUntil(lambda: "grants" in window.overview.values)
    label = window.overview.values["grants"]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(4, label.height() // 2))
    assert window.current_area == "grants"
