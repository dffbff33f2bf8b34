"""How apps above progress add a panel to the dashboard without progress importing them.

An app registers, in its AppConfig.ready(), a function that returns a panel for the signed-in learner: a dict with
the template to include and its context (or None for no panel). The dashboard is cached per learner: a panel's
data must change only with what the dashboard key already holds (the learner's token, their local date, goals).
"""

from collections.abc import Callable
from typing import Any

DashboardPanel = Callable[..., dict[str, Any] | None]
_dashboard_panels: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    if panel not in _dashboard_panels:
        _dashboard_panels.append(panel)


def dashboard_panels(*, user, profile) -> list[dict[str, Any]]:
    return [panel for hook in _dashboard_panels if (panel := hook(user=user, profile=profile))]
