"""A track's tallies for a learner: the track page's stages and bars, and what a tick's answer redraws.

Pure arithmetic over the track's cached outline and the learner's statuses (Tally, LearnerStage, StageUpdate), plus
the one light read a tick's answer needs when its statuses did not travel with the change (`_statuses_of`). The
reads of the learner's record are in `progress.selectors`; the tick's writes in `progress.tick`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import router

from careerpath.db import statements
from roadmap.models import Item, Stage
from roadmap.selectors import ItemRow, StageRoadmap, TrackOutline

from . import tick_sql
from .models import Progress, ProgressStatus


@dataclass(frozen=True)
class Tally:
    """How many of a set of items a learner has done, has under way and has skipped.

    Skipped items stay in the total and never count as done: a percentage only ever shows finished work.
    """

    total: int = 0
    done: int = 0
    in_progress: int = 0
    skipped: int = 0

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0

    @classmethod
    def of(cls, statuses: list[str]) -> "Tally":
        return cls(
            total=len(statuses),
            done=statuses.count(ProgressStatus.DONE),
            in_progress=statuses.count(ProgressStatus.IN_PROGRESS),
            skipped=statuses.count(ProgressStatus.SKIPPED),
        )


@dataclass
class LearnerRow(ItemRow):
    """An item as one learner sees it on a track: the content and their progress on it (None when untouched)."""

    progress: Progress | None = None
    hidden: bool = False  # left out by the track page's filter; still counted in every tally

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else ProgressStatus.NOT_STARTED


# The track page's filter: which statuses each choice shows ("all" shows every row).
TRACK_FILTERS = {
    "todo": ("To do", (ProgressStatus.NOT_STARTED,)),
    "in_progress": ("In progress", (ProgressStatus.IN_PROGRESS,)),
    "done": ("Done", (ProgressStatus.DONE,)),
}


@dataclass
class LearnerStage(StageRoadmap):
    """A stage of a track with the learner's progress on each of its items."""

    rows: list[LearnerRow] = field(default_factory=list)
    is_open: bool = False  # unfolded on the track page

    @property
    def tally(self) -> Tally:
        return Tally.of([row.status for row in self.rows])

    @property
    def is_finished(self) -> bool:
        """Nothing left to do here: every item done or skipped."""
        return all(row.status in (ProgressStatus.DONE, ProgressStatus.SKIPPED) for row in self.rows)

    @property
    def shown(self) -> int:
        return sum(not row.hidden for row in self.rows)


def stages_filtered(stages: list[LearnerStage], *, show: str) -> list[LearnerStage]:
    """Hide the rows the filter leaves out and unfold the stages to look at: with a filter, every stage that shows
    a row; without one, the stage the learner is in (the first not finished), or the first."""
    statuses = TRACK_FILTERS.get(show, (None, None))[1]
    for stage in stages:
        for row in stage.rows:
            row.hidden = statuses is not None and row.status not in statuses
    if statuses is not None:
        for stage in stages:
            stage.is_open = stage.shown > 0
        return stages
    current = next((stage for stage in stages if stage.rows and not stage.is_finished), None)
    current = current or next(iter(stages), None)
    if current is not None:
        current.is_open = True
    return stages


@dataclass
class StageUpdate:
    """What an in-place status change redraws in one stage: its bar, and the changed item's row if it sits there."""

    stage: Stage
    tally: Tally
    rows: list[LearnerRow]

    @property
    def is_finished(self) -> bool:
        return self.tally.total > 0 and self.tally.done + self.tally.skipped == self.tally.total


def stage_completed(updates: list[StageUpdate], *, item: Item) -> tuple[StageUpdate | None, Stage | None]:
    """The stage this change finished (the item sits in it, and now all of it is done or skipped), and the stage
    after it on the track: what the learner is told to do next."""
    for index, update in enumerate(updates):
        if update.rows and update.rows[0].item.pk == item.pk and update.tally.done and update.is_finished:
            following = updates[index + 1].stage if index + 1 < len(updates) else None
            return update, following
    return None, None


def stages_with_progress(*, stages: list[StageRoadmap], progress: dict[int, Progress]) -> list[LearnerStage]:
    """A track's stages (roadmap.selectors.track_stages) with the learner's progress on each row: no query."""
    return [
        LearnerStage(stage=entry.stage, rows=[LearnerRow(row.item, progress.get(row.item.pk)) for row in entry.rows])
        for entry in stages
    ]


def track_tally(*, stages: list[LearnerStage]) -> Tally:
    """The whole track's tally, counting an item placed in two stages once."""
    statuses = {row.item.pk: row.status for stage in stages for row in stage.rows}
    return Tally.of(list(statuses.values()))


@dataclass(frozen=True)
class StageTally:
    stage: Stage
    tally: Tally


def track_stage_tallies(*, outline: TrackOutline, statuses: Mapping[int, str]) -> tuple[list[StageTally], Tally]:
    """Each stage's tally in the track's order (a stage with no published item: 0 of 0) and the whole track's (an
    item placed in two stages counted once), from the track's kept outline and the learner's statuses by item id:
    no query and no row objects."""
    by_stage: dict[int, list[str]] = {stage.pk: [] for stage in outline.stages}
    for stage_id, item_id in outline.placements:
        by_stage[stage_id].append(statuses.get(item_id, ProgressStatus.NOT_STARTED))
    track_items = {item_id for _stage, item_id in outline.placements}
    return (
        [StageTally(stage, Tally.of(by_stage[stage.pk])) for stage in outline.stages],
        Tally.of([statuses.get(item_id, ProgressStatus.NOT_STARTED) for item_id in track_items]),
    )


def stage_complete_words(finished: StageUpdate, following: Stage | None) -> str:
    """What the learner is told when a tick completes a stage (stage_completed): the stage, its count, what next."""
    then = f" Next: {following.title}." if following else " That was the last stage of this track."
    return f"Stage complete: {finished.stage.title}, {finished.tally.done} of {finished.tally.total}.{then}"


def track_tallies_after_change(*, outline: TrackOutline, progress: Progress) -> tuple[list[StageUpdate], Tally]:
    """The stages' tallies and the changed item's rows after a status change, from the track's cached outline and
    one light query (the learner's statuses on the track), so answering a tick costs the same on a track of 5 items
    or 500."""
    item = progress.item
    # All the learner's statuses (a few hundred rows at most, by the learner index): a simpler statement than an IN
    # list of the track's items, and no join.
    pairs = getattr(progress, "statuses_after", None)  # read with the change itself, where it could be
    if pairs is None:
        pairs = _statuses_of(learner_id=progress.learner_id)
    stages, track_tally = track_stage_tallies(outline=outline, statuses=dict(pairs))
    placed_in = {stage_id for stage_id, item_id in outline.placements if item_id == item.pk}
    updates = [
        StageUpdate(
            stage=entry.stage,
            tally=entry.tally,
            rows=[LearnerRow(item, progress)] if entry.stage.pk in placed_in else [],
        )
        for entry in stages
        if entry.tally.total
    ]
    return updates, track_tally


def _statuses_of(*, learner_id: int) -> list[tuple[int, str]]:
    """(item id, status) of every row of the learner, with a statement written out once per process: a tick reads
    them after its change (an ORM query here cost more to compile than to run)."""
    alias = router.db_for_read(Progress)
    return statements.rows(alias, tick_sql.statuses(alias), [learner_id])
