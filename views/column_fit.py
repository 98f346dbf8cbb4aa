"""Tables that fit their width: columns get the width their contents ask for, and when the table is too
narrow the widest columns give way (their text is elided, the whole text is the cell's tooltip), so no key
column hides behind sideways scrolling. The user may still drag a column wider."""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip

MIN_WIDTH = 48
MAX_WIDTH = 360
PRECISION_ROWS = 50  # the rows a column's width is read from
ROOM_PER_COLUMN = 90  # below this on average, the view's optional columns are hidden (the form shows them)


class ColumnFitter(QObject):
    """Keeps ``view``'s columns within its viewport (see the module docstring)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        # a column's width is read from at most 50 rows, about two screenfuls (Qt's default, 1000 rows per
        # column, cost a tenth of a second on a 5,000-row list at every fit); a cut cell's tooltip is its text.
        # QTableView.sizeHintForColumn reads the precision of the *horizontal* header (the vertical one's is
        # for sizeHintForRow), so both are set.
        view.horizontalHeader().setResizeContentsPrecision(PRECISION_ROWS)
        view.verticalHeader().setResizeContentsPrecision(PRECISION_ROWS)
        model = view.model()
        if model is not None:
            # a new list is fitted again; a row added or changed is not, so columns do not jump while typing
            for signal in (model.modelReset, model.layoutChanged):
                signal.connect(self._timer.start)
        self.fit()

    def fit(self) -> None:
        model, view = self.view.model(), self.view
        if model is None or not model.columnCount():
            return
        available = view.viewport().width() - 2
        # a narrow table hides its optional columns first (in the order given), so the key columns keep room
        optional = list(getattr(view, "optional_columns", ()))
        shown = model.columnCount()
        for column in range(model.columnCount()):
            view.setColumnHidden(column, False)
        while optional and available / max(shown, 1) < ROOM_PER_COLUMN:
            view.setColumnHidden(optional.pop(0), True)
            shown -= 1
        columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
        header = view.horizontalHeader()
        wanted = {}
        for column in columns:
            content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            wanted[column] = max(MIN_WIDTH, min(content, MAX_WIDTH))
        total = sum(wanted.values())
        if total > available:
            # the widest columns give way first, down to what the narrower ones need
            excess = total - available
            while excess > 0:
                widest = max(wanted.values())
                if widest <= MIN_WIDTH:
                    break
                second = max([w for w in wanted.values() if w < widest], default=MIN_WIDTH)
                at_widest = [c for c, w in wanted.items() if w == widest]
                step = min(widest - max(second, MIN_WIDTH), -(-excess // len(at_widest)))
                for column in at_widest:
                    wanted[column] -= step
                excess -= step * len(at_widest)
        # the last column is set small and stretches over what is left (the header never shrinks a stretched
        # section below the width it was last given)
        wanted[columns[-1]] = MIN_WIDTH
        for column, width in wanted.items():
            view.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        elif event.type() == QEvent.Type.ToolTip:
            index = self.view.indexAt(event.pos())
            text = index.data() if index.isValid() else None
            tip = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            if not tip and isinstance(text, str) and text:
                room = self.view.visualRect(index).width() - 8
                if self.view.fontMetrics().horizontalAdvance(text) > room:
                    QToolTip.showText(event.globalPos(), text, self.view)
                    return True
        return False


def fit_columns(view: QAbstractItemView) -> ColumnFitter:
    """Make ``view``'s columns fit its width (call after setting its model)."""
    return ColumnFitter(view)
