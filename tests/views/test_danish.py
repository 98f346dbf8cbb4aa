"""Danish throughout: Qt's own texts, the application's boxes, one date format, every shortcut in F1 and no
Alt-letter twice on one page."""

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget

from desktop.areas import AREAS

MNEMONIC = re.compile(r"&([^&\s])")


def test_qts_own_texts_are_danish(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    texts = [a.text() for a in edit.createStandardContextMenu().actions()]
    assert any("Fortryd" in t for t in texts) and any("Sæt ind" in t for t in texts)
    assert not any(word in " ".join(texts) for word in ("Undo", "Paste", "Select All"))


def _mnemonics(widget: QWidget) -> list[str]:
    letters = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        texts = []
        if isinstance(child, QLabel) and child.buddy() is not None:
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox) and child.isCheckable():
            texts.append(child.title())
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        for text in texts:
            letters += [m.casefold() for m in MNEMONIC.findall(text.replace("&&", ""))]
    return letters


def test_no_alt_letter_twice_on_a_page(qtbot, window):
    menus = [m.casefold() for a in window.menuBar().actions() for m in MNEMONIC.findall(a.text())]
    toolbar = _mnemonics(window.findChild(QWidget, "mainToolbar"))
    clashes = {}
    for area in AREAS:
        window.show_area(area.key)
        page = window.page(area.key)
        tabs = [page.widget(i) for i in range(page.count())] if isinstance(page, QTabWidget) else [page]
        if area.key == "report_texts":  # one of each kind of part: settings, foreword, a section, the lists
            parts = page.parts
            keys = [parts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(parts.count())]
            kinds = {k.split(":")[0]: i for i, k in reversed(list(enumerate(keys)))}
            tabs = [(parts, row) for row in kinds.values()]
        for tab in tabs:
            if isinstance(tab, tuple):
                tab[0].setCurrentRow(tab[1])
            elif isinstance(page, QTabWidget):
                page.setCurrentWidget(tab)
            own_tabs = [page.tabText(i) for i in range(page.count())] if isinstance(page, QTabWidget) else []
            letters = menus + toolbar + _mnemonics(page) + [m.casefold() for t in own_tabs for m in MNEMONIC.findall(t)]
            twice = sorted({letter for letter in letters if letters.count(letter) > 1})
            if twice:
                clashes[f"{area.key}/{tabs.index(tab)}"] = twice
    assert clashes == {}


def test_f1_names_every_shortcut(window):
    listed = " ".join(keys for keys, _text in window.shortcut_lines())
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            assert text in listed, f"{text} ({action.text()}) is not in F1"
    assert QKeySequence(QKeySequence.StandardKey.Paste).toString(QKeySequence.SequenceFormat.NativeText) in listed


def test_the_export_finished_box_says_luk(monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from views import messages

    seen = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.extend(b.text() for b in box.buttons()) or 0)
    messages.finished(None, "Eksport", "Gemt.", details=[], open_label="&Åbn filen")
    assert sorted(seen) == ["&Luk", "&Åbn filen"]


def test_an_empty_grant_form_shows_no_english(qtbot, window):
    from PySide6.QtWidgets import QComboBox

    window.year_box.setCurrentIndex(window.year_box.findData(2019))
    window.show_area("grants")
    page = window.grants
    assert page.record is None
    texts = [w.text() for w in page.findChildren(QLineEdit)] + [w.currentText() for w in page.findChildren(QComboBox)]
    assert "None" not in texts


def test_an_ampersand_in_a_name_is_kept_in_the_undo_text_and_the_tool_bar_keeps_its_width(qtbot, window):
    from PySide6.QtWidgets import QToolBar

    from models.enterprises import Enterprise

    toolbar = window.findChild(QToolBar, "mainToolbar")
    window.show_area("enterprises")
    width = toolbar.sizeHint().width()
    page = window.enterprises
    page.form.name_edit.setFocus()
    page.form.name_edit.selectAll()
    qtbot.keyClicks(page.form.name_edit, "Kaffe & Kage")
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_Return)
    assert Enterprise.get_by_id(page.form.enterprise_id).name == "Kaffe & Kage"
    page.form.place_edit.setFocus()
    qtbot.keyClicks(page.form.place_edit, "x")
    qtbot.keyClick(page.form.place_edit, Qt.Key.Key_Return)  # "by for Kaffe & Kage"
    assert "Kaffe && Kage" in window.action_undo.text()  # "&&" is how a menu shows one "&"
    assert toolbar.sizeHint().width() == width


def test_one_date_format_in_tables_and_fields(qtbot, window):
    import datetime as dt

    from models.formatting import format_field_date

    assert format_field_date(dt.date(2018, 6, 5)) == "05.06.2018"
    window.show_area("placements")
    model = window.placements.model
    shown = model.index(0, 0).data()
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", shown)
    window.show_area("enterprises")
    form = window.enterprises.form
    assert all(re.fullmatch(r"(\d\d\.\d\d\.\d{4})?", edit.text()) for edit in (form.opened_edit, form.closed_edit)), (
        form.opened_edit.text(),
        form.closed_edit.text(),
    )
    assert "dd.mm" not in form.opened_edit.placeholderText()
