"""The burn-up chart: hours finished here over time, the two forecast lines and the target date, as SVG geometry.

Pure functions; the dashboard renders the SVG on the server (no chart library in the browser) and the same numbers
as a table for screen readers. The chart spans from the first item finished here (or four weeks back) to the
latest of the target date and the two forecasts, at most MAX_WEEKS ahead so a far-off forecast stays readable.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .forecast import FinishedItem, Forecast

WIDTH, HEIGHT = 600, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28
MAX_WEEKS = 156


@dataclass
class Line:
    kind: str  # "pace" or "planned"
    label: str
    start: tuple[date, float]
    end: tuple[date, float]
    points: str = ""  # SVG polyline points


@dataclass
class BurnUp:
    start: date
    end: date
    scope: int  # hours finished here plus hours left: where the lines have to reach
    done: list[tuple[date, int]]  # cumulative hours finished here, one point per week up to today
    lines: list[Line]  # the forecasts, from today
    target_date: date | None
    done_points: str = ""
    scope_y: float = 0.0
    target_x: float | None = None
    x_labels: list[tuple[float, str]] | None = None
    y_labels: list[tuple[float, str]] | None = None

    @property
    def changes(self) -> list[tuple[date, int]]:
        """The weeks in which the total changed, with the first and the last: the table's rows (a week left out
        finished nothing)."""
        return _without_flat_runs(self.done, keep_run_ends=False)

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT


def burn_up(finished: list[FinishedItem], forecast: Forecast) -> BurnUp | None:
    """None when there is nothing to draw: no hours left and none finished here."""
    today = forecast.today
    done_total = sum(item.hours for item in finished)
    scope = done_total + forecast.hours_left
    if scope == 0:
        return None
    start = min(finished[0].day if finished else today, today - timedelta(weeks=4))
    horizon = today + timedelta(weeks=MAX_WEEKS)
    candidates = [today + timedelta(weeks=4)] + [
        day for day in (forecast.target_date, forecast.pace_finish, forecast.planned_finish) if day
    ]
    end = min(max(candidates), horizon)

    done, week, running, items = [], start, 0, iter(finished)
    pending = next(items, None)
    while week < today:
        while pending is not None and pending.day <= week:
            running += pending.hours
            pending = next(items, None)
        done.append((week, running))
        week += timedelta(weeks=1)
    done.append((today, done_total))

    lines = []
    for kind, label, finish in (
        ("pace", "At your pace", forecast.pace_finish),
        ("planned", "At your planned hours", forecast.planned_finish),
    ):
        if finish and forecast.hours_left:
            lines.append(Line(kind, label, (today, done_total), (finish, scope)))

    chart = BurnUp(start=start, end=end, scope=scope, done=done, lines=lines, target_date=forecast.target_date)
    _place(chart)
    return chart


def _without_flat_runs(points: list[tuple[date, int]], *, keep_run_ends: bool) -> list[tuple[date, int]]:
    """The first and last points, and each point whose total differs from the one before (or, keeping run ends,
    from the one after: the last week of a flat run, where the line turns)."""
    last = len(points) - 1
    return [
        point
        for index, point in enumerate(points)
        if index in (0, last)
        or point[1] != points[index - 1][1]
        or (keep_run_ends and point[1] != points[index + 1][1])
    ]


def _place(chart: BurnUp) -> None:
    """SVG coordinates for everything the chart draws; lines past the end are cut where they leave the chart."""
    span = max((chart.end - chart.start).days, 1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_width * min((day - chart.start).days, span) / span, 1)

    def y(hours: float) -> float:
        return round(TOP + plot_height * (1 - min(hours, chart.scope) / chart.scope), 1)

    # A flat run needs only its ends: each change is drawn from the last point before it (the week before).
    corners = _without_flat_runs(chart.done, keep_run_ends=True)
    chart.done_points = " ".join(f"{x(day)},{y(hours)}" for day, hours in corners)
    for line in chart.lines:
        (day0, hours0), (day1, hours1) = line.start, line.end
        if day1 > chart.end:  # cut at the right edge, on the same slope
            fraction = (chart.end - day0).days / max((day1 - day0).days, 1)
            day1, hours1 = chart.end, hours0 + (hours1 - hours0) * fraction
        line.points = f"{x(day0)},{y(hours0)} {x(day1)},{y(hours1)}"
    chart.scope_y = y(chart.scope)
    if chart.target_date and chart.start <= chart.target_date <= chart.end:
        chart.target_x = x(chart.target_date)
    chart.x_labels = [(x(day), f"{day:%b %Y}") for day in _month_ticks(chart.start, chart.end)]
    chart.y_labels = [(y(hours), f"{hours} h") for hours in (0, chart.scope // 2, chart.scope)]


def _month_ticks(start: date, end: date, most: int = 5) -> list[date]:
    months = []
    day = date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // most))
    return months[::step]
