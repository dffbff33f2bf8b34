"""How apps above progress add a panel to the dashboard without progress importing them.

An app registers, in its AppConfig.ready(), a function that returns a panel for the signed-in learner: a dict with
the template to include and its context (or None for no panel). It is given the learner's progress on published
items by item id, as the dashboard read it, so a panel does not read it again. The dashboard is cached per
learner: a panel's data must change only with what the dashboard key already holds (the learner's version, their
local date, goals).
"""

from collections.abc import Callable
from typing import Any

from django.db import router

from careerpath.db import statements

from .models import Progress

DashboardPanel = Callable[..., dict[str, Any] | None]
_dashboard_panels: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    if panel not in _dashboard_panels:
        _dashboard_panels.append(panel)


def dashboard_panels(*, user, profile, progress) -> list[dict[str, Any]]:
    return [panel for hook in _dashboard_panels if (panel := hook(user=user, profile=profile, progress=progress))]


# Reviews of a learner's evidence (mentoring registers them): pages that show an item's evidence (the item page, the
# portfolio) ask for them here, and progress tells the registered apps when a learner changes an evidence link.
EvidenceReviews = Callable[..., dict[int, list[Any]]]
EvidenceChanged = Callable[..., None]
_evidence_reviews: list[EvidenceReviews] = []
_evidence_changed: list[EvidenceChanged] = []


def register_evidence_reviews(lookup: EvidenceReviews) -> None:
    if lookup not in _evidence_reviews:
        _evidence_reviews.append(lookup)


def evidence_reviews(*, learner_id: int, item_ids, current_only: bool = True) -> dict[int, list[Any]]:
    """Reviews of the learner's evidence by item id: each has `mentor_name`, `verdict`, `comment`, `created_at`."""
    found: dict[int, list[Any]] = {}
    for lookup in _evidence_reviews:
        for item_id, reviews in lookup(
            learner_id=learner_id, item_ids=list(item_ids), current_only=current_only
        ).items():
            found.setdefault(item_id, []).extend(reviews)
    return found


def register_evidence_changed(callback: EvidenceChanged) -> None:
    if callback not in _evidence_changed:
        _evidence_changed.append(callback)


def evidence_changed(*, learner, item) -> None:
    """Called by progress.services inside the transaction that changes the link (so both commit or neither)."""
    for callback in _evidence_changed:
        callback(learner=learner, item=item)


# The items a learner has shown (a passed check, a passed project review): the assessment and mentoring apps keep
# them, and readiness's "shown" number counts only these. Each app registers a statement written out once, not a
# queryset: the dashboard sends them in the round trip that reads the learner's record (progress.record.
# learner_record), and compiling two querysets cost more than running them.
# statement(alias, learner_ids) -> (sql, params) whose rows are (learner id, item id).
ShownItemsStatement = Callable[[str, list[int]], tuple[str, list]]
_shown_items: list[ShownItemsStatement] = []


def register_shown_items(statement: ShownItemsStatement) -> None:
    if statement not in _shown_items:
        _shown_items.append(statement)


def shown_item_statements(alias: str, learner_ids) -> list[tuple[str, list]]:
    return [statement(alias, list(learner_ids)) for statement in _shown_items]


def shown_from_rows(fetched: list[list[tuple]]) -> dict[int, set[int]]:
    """{learner id: item ids} from the rows of `shown_item_statements`."""
    shown: dict[int, set[int]] = {}
    for rows in fetched:
        for learner_id, item_id in rows:
            shown.setdefault(learner_id, set()).add(item_id)
    return shown


def shown_items_by_learner(*, learner_ids) -> dict[int, set[int]]:
    """The items each learner has shown: one round trip on PostgreSQL, one statement per app elsewhere."""
    learner_ids = list(learner_ids)
    if not learner_ids or not _shown_items:
        return {}
    alias = router.db_for_read(Progress)
    return shown_from_rows(statements.rows_together(alias, *shown_item_statements(alias, learner_ids)))


def shown_item_ids(*, learner_id: int) -> set[int]:
    return shown_items_by_learner(learner_ids=[learner_id]).get(learner_id, set())


# counter() -> {item id: learners who have shown it}: staff insights set it beside how many claim the item done.
ShownCounts = Callable[[], dict[int, int]]
_shown_counts: list[ShownCounts] = []


def register_shown_counts(counter: ShownCounts) -> None:
    if counter not in _shown_counts:
        _shown_counts.append(counter)


def shown_counts_by_item() -> dict[int, int]:
    counts: dict[int, int] = {}
    for counter in _shown_counts:
        for item_id, learners in counter().items():
            counts[item_id] = max(counts.get(item_id, 0), learners)
    return counts
