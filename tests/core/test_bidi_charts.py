"""The dashboard's SVG charts mirror in a right-to-left page: time runs from the right,
the scale label moves to the top right, the radar turns the other way, and each label
still runs away from the chart's centre."""

from django.utils import translation

from commonweal.metrics import charts

QUARTERS = [("2024-Q1", 10.0), ("2024-Q2", 5.0), ("2024-Q3", 2.5)]
DIMENSIONS = [("a", "Participation"), ("b", "Openness"), ("c", "Accountability"), ("d", "Reach")]


def test_time_runs_from_the_right_in_arabic_and_from_the_left_in_english():
    ltr = charts.columns(QUARTERS, rtl=False)
    rtl = charts.columns(QUARTERS, rtl=True)
    assert [c.x for c in ltr.columns] == sorted(c.x for c in ltr.columns)
    assert [c.x for c in rtl.columns] == sorted((c.x for c in rtl.columns), reverse=True)
    for left, right in zip(ltr.columns, rtl.columns, strict=True):
        # The same bar, mirrored: as far from the right edge as it was from the left.
        assert right.x + right.width == charts.COLUMN_WIDTH - left.x
        assert (right.y, right.height, right.label) == (left.y, left.height, left.label)
        # Each label starts at its bar's reading start: left edge, or right edge in rtl.
        assert left.label_x == left.x and right.label_x == right.x + right.width
    assert ltr.peak_x < charts.COLUMN_WIDTH / 2 < rtl.peak_x
    assert (ltr.axis_from, ltr.axis_to) == (charts.COLUMN_MARGIN, charts.COLUMN_WIDTH)
    assert (rtl.axis_from, rtl.axis_to) == (0, charts.COLUMN_WIDTH - charts.COLUMN_MARGIN)


def test_a_chart_takes_the_direction_of_the_page_being_written():
    with translation.override("ar"):
        assert charts.columns(QUARTERS).rtl
    with translation.override("zh-hans"):
        assert not charts.columns(QUARTERS).rtl


def test_the_radar_turns_anticlockwise_in_arabic_and_labels_run_outwards():
    ltr = charts.radar(DIMENSIONS, [("2024-01-01", {"a": 3, "b": 1})], 5, rtl=False)
    rtl = charts.radar(DIMENSIONS, [("2024-01-01", {"a": 3, "b": 1})], 5, rtl=True)
    centre = ltr.centre
    # The first dimension is at the top both ways; the second is to the right in English
    # (clockwise) and to the left in Arabic.
    assert ltr.axes[0].x == rtl.axes[0].x == centre
    assert ltr.axes[1].x > centre > rtl.axes[1].x
    for left, right in zip(ltr.axes, rtl.axes, strict=True):
        assert right.x == 2 * centre - left.x and right.y == left.y
        # "start" is the left edge in English and the right edge in Arabic: the same word
        # puts the mirrored label on the mirrored side, running away from the centre.
        assert right.anchor == left.anchor
    assert [a.anchor for a in ltr.axes] == ["middle", "start", "middle", "end"]
