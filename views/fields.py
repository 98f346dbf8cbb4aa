"""Form fields that store what the user confirms at once and refuse what is invalid, beside the field.

A ``FormBinder`` ties each input widget to a load function (the stored value -> text) and a commit
function (text -> stored, or ``ValidationError``). A line edit commits on Enter or when it loses focus, a
multi-line text when it loses focus, a check box or combo box when it changes. An invalid value is never
stored and never silently dropped: it stays in the field, marked, with the message beside it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import StaleRecordError, ValidationError
from models.formatting import format_field_date, format_int
from models.i18n import _

INVALID_STYLE = "border: 1px solid #c62828; background: #fff5f5;"


class ErrorLabel(QLabel):
    """A Danish message beside a field; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #c62828;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def date_text(value) -> str:
    return format_field_date(value) if value else ""


def amount_text(value: int | None) -> str:
    return format_int(value) if value is not None else ""


class AmountEdit(QLineEdit):
    """A line edit for kroner that puts in Danish thousands separators while the user types digits.

    A dot the user types himself is never moved or removed: "1.5" stays "1.5" (and is refused on commit)
    rather than silently becoming 15.
    """

    GROUPED = re.compile(r"\d{1,3}(\.\d{3})*")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._previous = ""
        self._typed_dot = False
        self.textEdited.connect(self._on_edited)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override, called from Python only
        super().setText(text)
        self._previous = text
        self._typed_dot = False

    def _on_edited(self, text: str) -> None:
        typed_dot = text.count(".") > self._previous.count(".")
        self._previous = text
        if typed_dot:
            self._typed_dot = True
        elif "." not in text:
            self._typed_dot = False
        stripped = text.strip()
        digits = stripped.replace(".", "")
        if not digits.isdigit() or (digits.startswith("0") and len(digits) > 1):
            return  # "ca. 650.000", a leading zero or a mistake: left as typed, judged on commit
        if self._typed_dot and not self.GROUPED.fullmatch(stripped):
            return
        formatted = format_int(int(digits))
        if formatted == text:
            return
        digits_before_cursor = sum(c.isdigit() for c in text[: self.cursorPosition()])
        self.setText(formatted)
        position, seen = 0, 0
        while position < len(formatted) and seen < digits_before_cursor:
            seen += formatted[position].isdigit()
            position += 1
        self.setCursorPosition(position)


@dataclass
class _Binding:
    widget: QWidget
    label: str
    load: Callable[[], object]
    commit: Callable[[object], None]
    error: ErrorLabel
    invalid: bool = False


def _is_redo(event) -> bool:
    """Ctrl+Y or Ctrl+Shift+Z (the window's Annullér fortryd), whatever the platform's standard key is."""
    ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
    shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    return event.matches(QKeySequence.StandardKey.Redo) or bool(
        ctrl and (event.key() == Qt.Key.Key_Y or (shift and event.key() == Qt.Key.Key_Z))
    )


class FormBinder(QObject):
    """Keeps a form's widgets and the store in step (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bindings: list[_Binding] = []
        self._loading = False
        self._record: object = None

    def bind(
        self,
        widget: QWidget,
        *,
        label: str,
        load: Callable[[], object],
        commit: Callable[[object], None],
        error: ErrorLabel,
    ) -> None:
        binding = _Binding(widget, label, load, commit, error)
        self.bindings.append(binding)
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(lambda b=binding: self._commit(b))
            widget.installEventFilter(self)
        elif isinstance(widget, QPlainTextEdit):
            widget.installEventFilter(self)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _checked, b=binding: self._commit(b))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index, b=binding: self._commit(b))
            if widget.isEditable():
                widget.lineEdit().editingFinished.connect(lambda b=binding: self._commit(b))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        binding = next((b for b in self.bindings if b.widget is watched), None)
        if binding is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.FocusOut and isinstance(watched, QPlainTextEdit):
            self._commit(binding)
        elif kind == QEvent.Type.ShortcutOverride and _is_redo(event) and not self.typed(binding):
            event.ignore()  # nothing typed to redo in the field: the window's Annullér fortryd
            return True
        elif kind == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Undo):
            # The field's own typing is undone first (the field keeps Ctrl+Z); with nothing typed, Ctrl+Z
            # goes on to the window's Fortryd, which undoes the last saved edit.
            if self.typed(binding):
                event.accept()
            else:
                event.ignore()
            return True
        elif kind == QEvent.Type.KeyPress and (
            event.matches(QKeySequence.StandardKey.Undo) or event.key() == Qt.Key.Key_Escape
        ):
            if self.typed(binding):
                self.revert(binding)
                return True
        return False

    def typed(self, binding: _Binding) -> bool:
        """Whether the field holds typing that is not stored (valid or not)."""
        stored = binding.load()
        if isinstance(binding.widget, (QLineEdit, QPlainTextEdit)):
            stored = "" if stored is None else str(stored)
        return binding.invalid or self._value(binding.widget) != stored

    def revert(self, binding: _Binding) -> None:
        """Throw the field's typing away and show the stored value again."""
        self._loading = True
        try:
            self._show(binding.widget, binding.load())
        finally:
            self._loading = False
        self._mark(binding, "")

    @staticmethod
    def _value(widget: QWidget) -> object:
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return data if data is not None else widget.currentText()
        raise TypeError(widget)

    @staticmethod
    def _show(widget: QWidget, value: object) -> None:
        if value is None and not isinstance(widget, QCheckBox):
            value = ""  # nothing stored: an empty field, never the word "None"
        if isinstance(widget, QLineEdit):
            if widget.text() != value:
                widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(str(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0:
                index = widget.findText(str(value))
            if index >= 0:
                widget.setCurrentIndex(index)
            elif widget.isEditable():
                widget.setEditText(str(value))

    def _commit(self, binding: _Binding) -> bool:
        if self._loading or not binding.widget.isEnabled():
            return True
        value = self._value(binding.widget)
        if value == binding.load() and not binding.invalid:
            return True
        try:
            binding.commit(value)
        except StaleRecordError as error:
            # a colleague saved the record since it was read: the form now shows the stored value (the page has
            # reloaded it), and says who changed it; the field is not marked invalid. What the user typed is
            # kept on the clipboard (a text may be a page long), so it can be merged with the colleague's
            message = error.message
            if isinstance(value, str) and value.strip():
                QGuiApplication.clipboard().setText(value)
                message += " " + _("Det, du skrev, er kopieret til udklipsholderen (Ctrl+V sætter det ind).")
            self._loading = True
            try:
                self._show(binding.widget, binding.load())
            finally:
                self._loading = False
            binding.error.show_message(message)
            return False
        except ValidationError as error:
            self._mark(binding, error.message)
            return False
        self._mark(binding, "")
        return True

    @staticmethod
    def _mark(binding: _Binding, message: str) -> None:
        binding.invalid = bool(message)
        binding.error.show_message(message)
        binding.widget.setStyleSheet(INVALID_STYLE if message else "")

    def load(self, *, force: bool = False, record: object = None) -> None:
        """Show the stored values in every field. A field holding an invalid value keeps it (and its
        message) unless ``force`` - when the form changes to another record. ``record`` names the record shown
        (its id): typing is never kept when it differs from the one loaded last, whatever ``force`` says."""
        if record != self._record:
            force = True
        self._record = record
        self._loading = True
        try:
            for binding in self.bindings:
                if binding.invalid and not force:
                    continue
                self._show(binding.widget, binding.load())
                self._mark(binding, "")
        finally:
            self._loading = False

    def commit_all(self) -> list[str]:
        """Store every field that differs from the store; return the labels of fields that are invalid."""
        return [b.label for b in self.bindings if not self._commit(b)]

    def invalid_fields(self) -> list[str]:
        return [b.label for b in self.bindings if b.invalid]

    def focused(self) -> _Binding | None:
        """The binding of the field that has the keyboard focus, if any."""
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        return next((b for b in self.bindings if b.widget is focus or b.widget.isAncestorOf(focus)), None)

    def discard_invalid(self) -> None:
        """Throw away every invalid value typed (the user agreed to) and show the stored ones again."""
        for binding in self.bindings:
            if binding.invalid and shiboken6.isValid(binding.widget):
                self.revert(binding)

    def set_enabled(self, enabled: bool) -> None:
        for binding in self.bindings:
            binding.widget.setEnabled(enabled)


def add_field_row(
    form: QFormLayout, binder: FormBinder, label: str, widget: QWidget, name: str, load, commit
) -> QWidget:
    """Add a labelled field to ``form``: the widget with its message line under it, bound through ``binder``.
    The label's "&" gives the mnemonic; the field's widget and message are named for tests and styling.
    Returns the row's field widget (the holder), for showing or hiding the row."""
    error = ErrorLabel()
    error.setObjectName(f"{name}_error")
    widget.setObjectName(name)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.setAlignment(Qt.AlignmentFlag.AlignTop)
    column.addWidget(widget)
    column.addWidget(error)
    caption = QLabel(label)
    caption.setBuddy(widget)
    form.addRow(caption, holder)
    binder.bind(widget, label=label.replace("&", "").rstrip(":*"), load=load, commit=commit, error=error)
    return holder


def heading(text: str = "", scale: float = 1.4) -> QLabel:
    """A page's or form's title: the application font, larger and bold."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def register_box(characters: int = 24) -> QComboBox:
    """A combo box for a name of the enterprise register (5,000 names at national size): its width is set
    from ``characters``, not measured from every name each time the box is laid out."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(characters)
    return box
