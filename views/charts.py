"""Bar charts for the report, drawn with Qt's own painter into PNG bytes.

Why QPainter: Qt is already in the application, so the charts cost no dependency (matplotlib would add
about 40 MB with numpy for two bar charts), and antialiased painting at print resolution reads as well
as any plotting library's output. The exporter receives only the PNG bytes, so it stays free of Qt.
Painting on a QImage is safe off the GUI thread; it needs a QGuiApplication (for fonts), which
``ensure_gui_application`` provides on the offscreen platform for the command line.
"""

import math
import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen

from models.formatting import format_decimal, format_int
from models.report_data import ChartData

COLOURS = (
    "#1f5f8b", "#f2b134", "#5b9b4a", "#b8475f", "#7a5195", "#8c8c8c",
    "#e07b39", "#4fb3bf", "#8c5a3c", "#d77fb3", "#a3c644", "#2b2d6e",
)  # fmt: skip
LABELS_HEIGHT, LEGEND_ROW = 135, 50  # in units of a 900 px high chart


def series_colour(index: int) -> QColor:
    """A colour of its own for every series: the palette, then hues spread by the golden angle."""
    if index < len(COLOURS):
        return QColor(COLOURS[index])
    return QColor.fromHsv(int((index * 137.508) % 360), 150 + (index * 37) % 80, 120 + (index * 53) % 100)


INK = QColor("#222222")
GRID = QColor("#d9d9d9")


def ensure_gui_application() -> None:
    """Make sure a QGuiApplication exists (offscreen where there is no display), for painting text."""
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication  # the full kind, so a window may follow in the same process

        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([])


def _nice_step(maximum: float, ticks: int = 5) -> int:
    raw = max(maximum, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return max(1, int(factor * magnitude))
    return int(10 * magnitude)


def render_chart(chart: ChartData, *, width: int = 1800, height: int = 900) -> bytes:
    """The chart as PNG bytes (drawn for print: 1800 px across 16 cm is about 285 dpi)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    draw_chart(chart, width=width, height=height).save(buffer, "PNG")
    return bytes(data.data())


def draw_chart(chart: ChartData, *, width: int, height: int) -> QImage:
    """The chart as an image (for the screen: no PNG between)."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(11220)  # 285 dpi, so Word places it at its print size
    image.setDotsPerMeterY(11220)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        _paint(painter, chart, width, height)
    finally:
        painter.end()
    return image


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(int(size))
    font.setBold(bold)
    return font


def _paint(painter: QPainter, chart: ChartData, width: int, height: int) -> None:
    unit = height / 900
    title_font, label_font, small_font = _font(42 * unit, True), _font(34 * unit), _font(30 * unit)
    painter.setPen(INK)
    painter.setFont(title_font)
    painter.drawText(QRectF(0, 20 * unit, width, 60 * unit), Qt.AlignmentFlag.AlignCenter, chart.title)

    if chart.stacked:
        values = [
            sum(series[i] or 0 for _name, series in chart.series if i < len(series))
            for i in range(len(chart.categories))
        ]
    else:
        values = [v for _name, series in chart.series for v in series if v is not None]
    maximum = max([*values, chart.target or 0, 1])
    step = _nice_step(maximum * 1.1)
    top_value = step * math.ceil(maximum * 1.12 / step)
    rows = legend_rows(chart, width, unit)
    left, right = 110 * unit, width - 40 * unit
    top, bottom = 110 * unit, plot_bottom(height, len(rows))
    plot_h = bottom - top

    def y_of(value: float) -> float:
        return bottom - plot_h * value / top_value

    painter.setFont(small_font)
    for tick in range(0, top_value + 1, step):
        y = y_of(tick)
        painter.setPen(QPen(GRID, 2 * unit))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setPen(INK)
        painter.drawText(
            QRectF(0, y - 20 * unit, left - 16 * unit, 40 * unit),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            format_int(tick),
        )

    target_pen = QPen(QColor("#c62828"), 4 * unit, Qt.PenStyle.DashLine)
    if chart.target is not None:  # behind the bars, so it never hides a value
        painter.setPen(target_pen)
        y = y_of(chart.target)
        painter.drawLine(QPointF(left, y), QPointF(right, y))

    categories = chart.categories
    slot = (right - left) / max(len(categories), 1)
    painter.setFont(label_font)
    for index, category in enumerate(categories):
        if chart.stacked:
            _stack(painter, chart, index, left + slot * index, slot, y_of, unit)
        else:
            _group(painter, chart, index, left + slot * index, slot, y_of, unit)
        painter.setPen(INK)
        painter.setFont(label_font)
        painter.drawText(
            QRectF(left + slot * index, bottom + 10 * unit, slot, 44 * unit),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            category,
        )
    painter.setPen(QPen(INK, 3 * unit))
    painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    _legend(painter, rows, width, height, unit, target_pen)


def plot_bottom(height: int, legend_rows: int) -> float:
    """Where the bars stand: above the category labels, which stand above the legend's rows."""
    unit = height / 900
    return height - (LABELS_HEIGHT + LEGEND_ROW * legend_rows) * unit


def legend_top(height: int, legend_rows: int) -> float:
    unit = height / 900
    return height - LEGEND_ROW * unit * legend_rows - 10 * unit


def legend_rows(chart: ChartData, width: int, unit: float) -> list[list[tuple[str, QColor | None]]]:
    """One entry per series and one for the target line, wrapped into as many rows as needed; a name wider
    than the chart is shortened with an ellipsis."""
    metrics = QFontMetricsF(_font(32 * unit))
    room = width - 80 * unit - 48 * unit
    entries: list[tuple[str, QColor | None]] = [
        (metrics.elidedText(name, Qt.TextElideMode.ElideRight, room), series_colour(i))
        for i, (name, _s) in enumerate(chart.series)
    ]
    if chart.target is not None:
        label = chart.target_label or format_int(chart.target)
        entries.append((metrics.elidedText(label, Qt.TextElideMode.ElideRight, room), None))
    gap, mark = 50 * unit, 48 * unit
    rows: list[list[tuple[str, QColor | None]]] = [[]]
    for entry in entries:
        row_width = sum(mark + metrics.horizontalAdvance(n) + gap for n, _c in rows[-1])
        if rows[-1] and row_width + mark + metrics.horizontalAdvance(entry[0]) > width - 80 * unit:
            rows.append([])
        rows[-1].append(entry)
    return rows


def _legend(painter: QPainter, rows, width: int, height: int, unit: float, target_pen: QPen) -> None:
    """The legend's rows, centred below the category labels."""
    font = _font(32 * unit)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    gap, mark = 50 * unit, 48 * unit

    def entry_width(name: str) -> float:
        return mark + metrics.horizontalAdvance(name)

    y = legend_top(height, len(rows))
    for row in rows:
        x = (width - sum(entry_width(n) for n, _c in row) - gap * (len(row) - 1)) / 2
        for name, colour in row:
            if colour is None:
                painter.setPen(target_pen)
                painter.drawLine(QPointF(x, y + 18 * unit), QPointF(x + 36 * unit, y + 18 * unit))
            else:
                painter.fillRect(QRectF(x, y, 36 * unit, 36 * unit), colour)
            painter.setPen(INK)
            painter.drawText(
                QRectF(x + mark, y - 6 * unit, metrics.horizontalAdvance(name) + 10, 48 * unit),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            x += entry_width(name) + gap
        y += 50 * unit


def _value_label(painter: QPainter, value: float, rect: QRectF) -> None:
    painter.setPen(INK)
    painter.drawText(
        rect, Qt.AlignmentFlag.AlignCenter, format_decimal(value) if isinstance(value, float) else format_int(value)
    )


def _group(painter: QPainter, chart: ChartData, index: int, x: float, slot: float, y_of, unit: float) -> None:
    """The bars of one category side by side, each with its value above it."""
    n_series = max(len(chart.series), 1)
    bar_w = min(slot * 0.7 / n_series, 180 * unit)
    x0 = x + (slot - bar_w * n_series) / 2
    bottom = y_of(0)
    for s_index, (_name, series) in enumerate(chart.series):
        value = series[index] if index < len(series) else None
        if not value:
            continue  # no bar and no "0" label for an empty category
        bx = x0 + s_index * bar_w
        painter.fillRect(
            QRectF(bx + 3 * unit, y_of(value), bar_w - 6 * unit, bottom - y_of(value)),
            series_colour(s_index),
        )
        _value_label(painter, value, QRectF(bx - 20 * unit, y_of(value) - 42 * unit, bar_w + 40 * unit, 38 * unit))


def _stack(painter: QPainter, chart: ChartData, index: int, x: float, slot: float, y_of, unit: float) -> None:
    """The series of one category as one bar in parts, each part labelled inside, the total above."""
    bar_w = min(slot * 0.5, 260 * unit)
    bx = x + (slot - bar_w) / 2
    base = 0
    painter.setFont(_font(30 * unit))
    for s_index, (_name, series) in enumerate(chart.series):
        value = series[index] if index < len(series) else None
        if not value:
            continue
        rect = QRectF(bx, y_of(base + value), bar_w, y_of(base) - y_of(base + value))
        colour = series_colour(s_index)
        painter.fillRect(rect, colour)
        painter.setPen(QPen(QColor("white"), 2 * unit))
        painter.drawLine(QPointF(bx, rect.top()), QPointF(bx + bar_w, rect.top()))
        if rect.height() >= 34 * unit and sum(1 for _n, v in chart.series if index < len(v) and v[index]) > 1:
            painter.setPen(QColor("white") if colour.lightness() < 140 else INK)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, format_int(value))
        base += value
    if base:
        font = _font(34 * unit, True)
        painter.setFont(font)
        text_w = QFontMetricsF(font).horizontalAdvance(format_int(base)) + 16 * unit
        painter.fillRect(  # the total stays readable where the target line passes behind it
            QRectF(bx + (bar_w - text_w) / 2, y_of(base) - 46 * unit, text_w, 40 * unit), QColor("white")
        )
        _value_label(painter, base, QRectF(bx - 40 * unit, y_of(base) - 48 * unit, bar_w + 80 * unit, 44 * unit))


def render_charts(charts: dict[str, ChartData]) -> dict[str, bytes]:
    ensure_gui_application()
    return {key: render_chart(chart) for key, chart in charts.items()}
