"""How apps above roadmap add a signed-in learner's own state to roadmap's pages, without roadmap importing them.

roadmap is curated content and nothing else; the learner's record lives in `progress`, which depends on roadmap.
A content page (a track, an item, a role) still shows a signed-in learner where they stand, so the page asks the
hooks registered here, in the registering app's AppConfig.ready(), for the learner's part of its context.
The admin likewise asks how many learners track an item before it is deleted, and publishing a release lets the
progress app carry learners' records over its lineage in the same transaction.
"""

from collections.abc import Callable, Iterable
from typing import Any

HOME_PAGE, TRACK_PAGE, ITEM_PAGE, ROLE_PAGE = "home", "track", "item", "role"

# hook(*, request, obj, context) -> extra context for a signed-in learner; obj is the page's track, item or role
# (None on the home page).
LearnerContextHook = Callable[..., dict[str, Any]]
ItemLearnerCounts = Callable[[Iterable[int]], dict[int, int]]

_learner_context: dict[str, list[LearnerContextHook]] = {HOME_PAGE: [], TRACK_PAGE: [], ITEM_PAGE: [], ROLE_PAGE: []}
_item_learner_counts: list[ItemLearnerCounts] = []


def register_learner_context(page: str, hook: LearnerContextHook) -> None:
    if hook not in _learner_context[page]:
        _learner_context[page].append(hook)


def learner_context(page: str, *, request, obj, context: dict[str, Any]) -> dict[str, Any]:
    """What the registered apps add to `page` for the signed-in learner; nothing for a visitor."""
    extra: dict[str, Any] = {}
    if not request.user.is_authenticated:
        return extra
    for hook in _learner_context[page]:
        extra.update(hook(request=request, obj=obj, context={**context, **extra}))
    return extra


def register_item_learner_counts(counter: ItemLearnerCounts) -> None:
    if counter not in _item_learner_counts:
        _item_learner_counts.append(counter)


def item_learner_counts(item_ids: Iterable[int]) -> dict[int, int]:
    """Learners holding records on each item, by item id (items nobody tracks are left out)."""
    item_ids = list(item_ids)
    counts: dict[int, int] = {}
    for counter in _item_learner_counts:
        for item_id, learners in counter(item_ids).items():
            counts[item_id] = max(counts.get(item_id, 0), learners)
    return counts


# handler(*, release, lineage, before, after): called inside the publishing transaction, after the content became the
# release's; `before` and `after` are the content's shapes (roadmap.releases.ContentShape) either side.
ReleasePublished = Callable[..., None]
_release_published: list[ReleasePublished] = []


def register_release_published(handler: ReleasePublished) -> None:
    """The progress app carries every learner's record over a release's lineage here (roadmap cannot import it)."""
    if handler not in _release_published:
        _release_published.append(handler)


def release_published(*, release, lineage, before, after) -> None:
    for handler in _release_published:
        handler(release=release, lineage=lineage, before=before, after=after)


# preview(*, before, after, changes, lineage) -> extra context for the admin's impact of a draft (the progress app's
# learners touched, records going backwards, readiness drops).
ReleasePreview = Callable[..., dict[str, Any]]
_release_preview: list[ReleasePreview] = []


def register_release_preview(handler: ReleasePreview) -> None:
    if handler not in _release_preview:
        _release_preview.append(handler)


def release_preview(*, before, after, changes, lineage) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for handler in _release_preview:
        extra.update(handler(before=before, after=after, changes=changes, lineage=lineage))
    return extra


# statistics(*, self_check_id) -> an object with attempts, passed, pass_percent and questions (by id: drawn, right,
# percent, flag): how learners fare on a check, for the admin (the assessment app keeps the attempts).
CheckStatistics = Callable[..., Any]
_check_statistics: list[CheckStatistics] = []


def register_check_statistics(handler: CheckStatistics) -> None:
    if handler not in _check_statistics:
        _check_statistics.append(handler)


def check_statistics(*, self_check_id: int):
    return next((handler(self_check_id=self_check_id) for handler in _check_statistics), None)
