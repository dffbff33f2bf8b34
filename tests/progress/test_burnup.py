"""The burn-up chart's numbers and geometry on small cases computed by hand."""

from datetime import date, timedelta

from progress.burnup import HEIGHT, LEFT, TOP, WIDTH, burn_up
from progress.forecast import FinishedItem, Forecast

TODAY = date(2026, 11, 23)  # a Monday


def forecast(**overrides):
    values = {"hours_left": 60, "skipped_hours": 0, "hours_per_week": 10, "recent_done_hours": 40,
              "finished_here": 2, "first_finished_here": TODAY - timedelta(weeks=8), "target_date": None,
              "today": TODAY} | overrides  # fmt: skip
    return Forecast(**values)


def test_nothing_to_draw_without_hours():
    assert burn_up([], forecast(hours_left=0, recent_done_hours=0, finished_here=0)) is None


def test_done_hours_add_up_week_by_week_to_today():
    finished = [FinishedItem(TODAY - timedelta(weeks=8), 30), FinishedItem(TODAY - timedelta(days=3), 10)]
    chart = burn_up(finished, forecast())
    assert chart.start == TODAY - timedelta(weeks=8)
    assert chart.done[0] == (TODAY - timedelta(weeks=8), 30)
    assert chart.done[-2] == (TODAY - timedelta(weeks=1), 30)
    assert chart.done[-1] == (TODAY, 40)
    assert chart.scope == 100  # 40 h finished here + 60 h left


def test_a_flat_run_is_one_row_of_the_table_and_one_segment_of_the_line():
    finished = [FinishedItem(TODAY - timedelta(weeks=8), 30), FinishedItem(TODAY - timedelta(days=3), 10)]
    chart = burn_up(finished, forecast())
    assert len(chart.done) == 9  # eight weeks and today
    assert chart.changes == [(TODAY - timedelta(weeks=8), 30), (TODAY, 40)], "seven weeks without change are not rows"
    corners = chart.done_points.split()
    assert len(corners) == 3, "the flat run's two ends, then today"
    assert corners[0].split(",")[1] == corners[1].split(",")[1] != corners[2].split(",")[1]


def test_the_forecast_lines_run_from_today_to_each_finish():
    chart = burn_up([FinishedItem(TODAY - timedelta(days=1), 40)], forecast(target_date=TODAY + timedelta(weeks=10)))
    lines = {line.kind: line for line in chart.lines}
    assert lines["pace"].end == (TODAY + timedelta(days=42), 100)  # 60 h at 10 h a week
    assert lines["planned"].end == (TODAY + timedelta(days=42), 100)
    assert chart.end == TODAY + timedelta(weeks=10), "the chart reaches the target date"
    assert chart.target_x == WIDTH - 12, "the target date sits on the right edge"
    top_right = lines["pace"].points.split()[1]
    assert float(top_right.split(",")[1]) == TOP, "the line reaches the scope at the finish"


def test_a_far_forecast_is_cut_at_the_edge_on_its_slope():
    chart = burn_up([], forecast(hours_left=1000, hours_per_week=1, recent_done_hours=0, finished_here=0))
    line = chart.lines[0]
    assert line.kind == "planned" and line.end[0] > chart.end
    x0, y0 = (float(value) for value in line.points.split()[0].split(","))
    x1, y1 = (float(value) for value in line.points.split()[1].split(","))
    assert x1 == WIDTH - 12 and TOP < y1 < y0 <= HEIGHT - 28
    assert x0 > LEFT, "the line starts today, after four weeks of (empty) history"
