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

COLOURS = ("#1f5f8b", "#f2b134", "#5b9b4a", "#b8475f")
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
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(int(size))
    font.setBold(bold)
    return font


def _paint(painter: QPainter, chart: ChartData, width: int, height: int) -> None:
    unit = height / 900
    title_font, label_font, small_font = _font(40 * unit, True), _font(30 * unit), _font(26 * unit)
    painter.setPen(INK)
    painter.setFont(title_font)
    painter.drawText(QRectF(0, 20 * unit, width, 60 * unit), Qt.AlignmentFlag.AlignCenter, chart.title)

    values = [v for _name, series in chart.series for v in series if v is not None]
    maximum = max([*values, chart.target or 0, 1])
    step = _nice_step(maximum * 1.1)
    top_value = step * math.ceil(maximum * 1.12 / step)
    left, right = 110 * unit, width - 40 * unit
    top, bottom = 110 * unit, height - 170 * unit
    plot_h = bottom - top

    def y_of(value: float) -> float:
        return bottom - plot_h * value / top_value

    painter.setFont(small_font)
    metrics = QFontMetricsF(small_font)
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

    categories = chart.categories
    n_series = max(len(chart.series), 1)
    slot = (right - left) / max(len(categories), 1)
    bar_w = min(slot * 0.7 / n_series, 180 * unit)
    group_w = bar_w * n_series
    painter.setFont(label_font)
    for index, category in enumerate(categories):
        x0 = left + slot * index + (slot - group_w) / 2
        for s_index, (_name, series) in enumerate(chart.series):
            value = series[index] if index < len(series) else None
            if not value:
                continue  # no bar and no "0" label for an empty category
            x = x0 + s_index * bar_w
            rect = QRectF(x + 3 * unit, y_of(value), bar_w - 6 * unit, bottom - y_of(value))
            painter.fillRect(rect, QColor(COLOURS[s_index % len(COLOURS)]))
            painter.setPen(INK)
            painter.drawText(
                QRectF(x - 20 * unit, y_of(value) - 42 * unit, bar_w + 40 * unit, 38 * unit),
                Qt.AlignmentFlag.AlignCenter,
                format_decimal(value) if isinstance(value, float) else format_int(value),
            )
        painter.setPen(INK)
        painter.drawText(
            QRectF(left + slot * index, bottom + 10 * unit, slot, 44 * unit),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            category,
        )
    painter.setPen(QPen(INK, 3 * unit))
    painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    if chart.target is not None:
        pen = QPen(QColor("#c62828"), 4 * unit, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        y = y_of(chart.target)
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setFont(small_font)
        label = chart.target_label or format_int(chart.target)
        box = QRectF(
            left + 10 * unit, y - 44 * unit, QFontMetricsF(small_font).horizontalAdvance(label) + 20 * unit, 40 * unit
        )
        painter.fillRect(box, QColor(255, 255, 255, 220))  # readable over a bar
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    # legend
    painter.setFont(label_font)
    legend = [(name, QColor(COLOURS[i % len(COLOURS)])) for i, (name, _s) in enumerate(chart.series)]
    metrics = QFontMetricsF(label_font)
    total = sum(metrics.horizontalAdvance(name) + 90 * unit for name, _c in legend)
    x = (width - total) / 2
    y = height - 80 * unit
    for name, colour in legend:
        painter.fillRect(QRectF(x, y, 36 * unit, 36 * unit), colour)
        painter.setPen(INK)
        painter.drawText(
            QRectF(x + 48 * unit, y - 6 * unit, metrics.horizontalAdvance(name) + 10, 48 * unit),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        x += metrics.horizontalAdvance(name) + 90 * unit


def render_charts(charts: dict[str, ChartData]) -> dict[str, bytes]:
    ensure_gui_application()
    return {key: render_chart(chart) for key, chart in charts.items()}
