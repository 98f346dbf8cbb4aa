"""The report's charts as drawn: the jobs chart stacks the Jobcenter's types and draws the target as a line."""

from PySide6.QtGui import QColor, QImage

from models.report_data import ChartData
from views.charts import render_chart

TARGET_RED = QColor("#c62828")


def _red_rows(png: bytes) -> set[int]:
    image = QImage.fromData(png)
    rows = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 6):
            colour = image.pixelColor(x, y)
            if abs(colour.red() - TARGET_RED.red()) < 25 and colour.green() < 80 and colour.blue() < 80:
                rows.add(y)
                break
    return rows


def _jobs(target):
    return ChartData(
        key="jobs",
        title="Ansættelser",
        categories=("Gennem Jobcenteret", "Gennem egne kanaler"),
        series=(("Fleksjob", (8, None)), ("Skånejob", (4, None)), ("Egne kanaler", (None, 5))),
        target=target,
        target_label="Mål: 10 jobs" if target else "",
        stacked=True,
    )


def test_the_target_is_a_line_across_the_plot(qtbot):
    with_target, without = _red_rows(render_chart(_jobs(10))), _red_rows(render_chart(_jobs(None)))
    assert not without
    long_rows = [y for y in with_target if y < 700]  # the line in the plot, not the legend's sample
    assert long_rows
    image = QImage.fromData(render_chart(_jobs(10)))
    y = long_rows[0]
    reds = sum(
        1
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).red() > 150 and image.pixelColor(x, y).green() < 80
    )
    assert reds > image.width() / 4 / 3  # a dashed line across most of the width


def test_stacked_description_names_each_part_and_the_total():
    text = _jobs(10).description
    assert "Gennem Jobcenteret: 12 (Fleksjob 8, Skånejob 4)" in text
    assert "Gennem egne kanaler: 5" in text and text.endswith("Mål: 10 jobs.")


def _many_types(name_length: int = 0):
    names = [
        "Fleksjob",
        "Deltidsjob",
        "Fuldtid",
        "Løntilskud",
        "Ordinært job",
        "Elevplads",
        "Ressourceforløb",
        "Job med løntilskud (privat)",
    ]
    names = [n + " (" + "x" * name_length + ")" if name_length else n for n in names]
    return ChartData(
        key="jobs",
        title="Ansættelser",
        categories=("Gennem Jobcenteret", "Gennem egne kanaler"),
        series=(*((n, (2, None)) for n in names), ("Virksomhedernes egne kanaler", (None, 5))),
        target=30,
        target_label="Mål: 30 jobs gennem Jobcenteret",
        stacked=True,
    )


def test_every_series_has_a_colour_of_its_own(qtbot):
    from views.charts import series_colour

    colours = [series_colour(i).name() for i in range(20)]
    assert len(set(colours)) == 20
    image = QImage.fromData(render_chart(_many_types()))
    found = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert {series_colour(i).name() for i in range(9)} <= found


def test_the_legend_stays_below_the_category_labels_however_many_and_long_the_names(qtbot):
    from views.charts import legend_rows, legend_top, plot_bottom

    for chart in (_many_types(), _many_types(80)):
        rows = legend_rows(chart, 1800, 1.0)
        assert sum(len(r) for r in rows) == 10
        labels_end = plot_bottom(900, len(rows)) + 54
        assert labels_end <= legend_top(900, len(rows))
        assert plot_bottom(900, len(rows)) > 300  # room left for the bars
        image = QImage.fromData(render_chart(chart))
        # nothing but white between the category labels and the legend: no legend row drawn over a label
        band = range(int(labels_end) + 2, int(legend_top(900, len(rows))) - 8)
        assert all(image.pixelColor(x, y).name() == "#ffffff" for y in band for x in range(0, 1800, 5))
