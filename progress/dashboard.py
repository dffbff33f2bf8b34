"""The learner dashboard, assembled: fetch what the page needs in a fixed number of queries, then compose.

The arithmetic lives in pure modules that tests check by hand: `readiness` (roles, next steps, skill areas),
`forecast` (hours left, finish dates, the verdict) and `activity` (streaks, the heatmap).
"""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Background
from roadmap.models import Role, Track
from roadmap.selectors import content_snapshot, item_roadmap_order, track_outline

from . import hooks, selectors, tallies
from .activity import Heatmap, heatmap, streaks
from .burnup import BurnUp, burn_up
from .forecast import Forecast, finished_items, forecast_for, paced
from .models import Progress, ProgressStatus
from .readiness import AreaBar, RequirementState, RoleReadiness, area_bars, next_steps, readiness
from .record import PendingNotice, learner_record
from .selectors import LatestChange
from .tallies import StageTally, Tally

NON_TECH = Background.NON_TECH


@dataclass
class TrackProgress:
    track: Track
    stages: list[StageTally]
    tally: Tally


@dataclass
class Dashboard:
    primary: RoleReadiness | None
    target: RoleReadiness | None  # the learner's target role, else the primary role: the page leads with it
    roles: list[RoleReadiness]
    tracks: list[TrackProgress]  # the track to start with first
    areas: list[AreaBar]  # the target role by skill area
    next_steps: list[RequirementState]
    forecast: Forecast | None
    burn_up: BurnUp | None
    latest: list[LatestChange]
    heatmap: Heatmap
    current_streak: int
    longest_streak: int
    has_progress: bool
    release_notice: PendingNotice | None  # the banner of a content release that touched the record
    progress: dict[int, Progress] = field(repr=False)  # by item id: the panels start from it (no second read)

    @property
    def other_roles(self) -> list[RoleReadiness]:
        return [state for state in self.roles if self.target is None or state.role.pk != self.target.role.pk]

    @property
    def first_track(self) -> Track | None:
        return self.tracks[0].track if self.tracks else None


def track_to_start_with(tracks: list[Track], progress: dict, *, background: str) -> Track | None:
    """The career-change track for a learner from a non-tech field who has made no progress here on any other
    track (started or finished an item; what they knew before joining is not progress); else None (the tracks'
    own order). Reads the prefetched placements only."""
    changers = next((track for track in tracks if track.for_career_changers), None)
    if changers is None or background != NON_TECH:
        return None
    started = {
        item_id for item_id, row in progress.items() if row.status == ProgressStatus.IN_PROGRESS or row.is_done_here
    }
    for track in tracks:
        if track.for_career_changers:
            continue
        if (_item_ids(track) - _item_ids(changers)) & started:
            return None
    return changers


def _item_ids(track: Track) -> set[int]:
    return {placement.item_id for stage in track.stages.all() for placement in stage.published_placements}


def learner_dashboard(*, user, profile=None, with_release_notice: bool = False) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries (about nine), whatever the content or users.
    The banner of a content release that touched the record is read only `with_release_notice` (the dashboard page)."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    content = content_snapshot()
    record = learner_record(user=user, zone=zone, items=content.items, with_release_notice=with_release_notice)
    progress = record.progress
    statuses = {item_id: row.status for item_id, row in progress.items()}
    tracks = list(content.tracks)  # a copy: the snapshot is shared
    first_track = track_to_start_with(tracks, progress, background=getattr(profile, "background", ""))
    if first_track is not None:
        tracks.sort(key=lambda track: track.pk != first_track.pk)
    order = content.roadmap_order(first_track=first_track)

    shown = record.shown
    role_states = [
        readiness(role, content.requirements_by_role[role.pk], statuses, order, shown) for role in content.roles
    ]
    primary = next((state for state in role_states if state.role.is_primary), None)
    target_role_id = getattr(profile, "target_role_id", None)
    target = next((state for state in role_states if state.role.pk == target_role_id), primary)

    forecast, chart = None, None
    if target is not None:
        done_here = paced(progress.values(), shown)
        finished = finished_items(done_here, to_local_date=lambda moment: timezone.localtime(moment).date())
        forecast = forecast_for(
            hours_left=target.hours_left,
            skipped_hours=target.skipped_hours,
            finished=finished,
            profile=profile,
            today=today,
        )
        chart = burn_up(finished, forecast)

    day_counts = record.day_counts
    current, longest = streaks(set(day_counts), today)
    track_progress = []
    for track in tracks:
        outline = track_outline(slug=track.slug)  # kept with the snapshot; None only if the content changed just now
        if outline is not None:
            stages, tally = tallies.track_stage_tallies(outline=outline, statuses=statuses)
            track_progress.append(TrackProgress(track=track, stages=stages, tally=tally))
    return Dashboard(
        primary=primary,
        target=target,
        roles=role_states,
        tracks=track_progress,
        areas=area_bars(target),
        next_steps=next_steps(target, order),
        forecast=forecast,
        burn_up=chart,
        latest=record.latest,
        heatmap=heatmap(day_counts, today),
        current_streak=current,
        longest_streak=longest,
        has_progress=any(status != ProgressStatus.NOT_STARTED for status in statuses.values()),
        progress=progress,
        release_notice=record.release_notice,
    )


def role_gap(*, user, role: Role) -> RoleReadiness:
    """The learner's readiness for one role fetched with role_list_detailed (the role page): three queries."""
    statuses = selectors.progress_statuses_counted(user=user)
    shown = hooks.shown_item_ids(learner_id=user.pk)
    return readiness(role, role.public_requirements, statuses, item_roadmap_order(), shown)
