"""What Get started's second step offers: the items on the way to the learner's target role, grouped by stage."""

from dataclasses import dataclass, field

from accounts.models import Background
from progress.models import ProgressStatus
from progress.selectors import progress_by_item_counted
from progress.tallies import LearnerRow
from roadmap.models import Item, Publication, Role, RoleRequirement, Stage
from roadmap.selectors import track_list_detailed

# Statuses a learner can turn into "known before joining" on this page; done and skipped items are their record.
MARKABLE = (ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS)


@dataclass
class KnownRow(LearnerRow):
    """A track row (progress.tallies.LearnerRow) that Get started may mark as known before joining."""

    @property
    def is_known_before(self) -> bool:
        return bool(self.progress and self.progress.is_known_before)

    @property
    def can_mark(self) -> bool:
        return self.is_known_before or self.status in MARKABLE


@dataclass
class KnownGroup:
    title: str
    stage: Stage | None = None
    rows: list[KnownRow] = field(default_factory=list)


def target_role_get(*, profile) -> Role | None:
    """The learner's target role, or the path's main goal while they have none."""
    roles = Role.objects.published()
    if profile is not None and profile.target_role_id:
        role = roles.filter(pk=profile.target_role_id).first()
        if role is not None:
            return role
    return roles.filter(is_primary=True).first()


def known_groups(*, user, profile, role: Role | None) -> list[KnownGroup]:
    """Every published item the role lists, under the stage where it first appears and in that stage's order,
    in the order the learner should follow; for a learner from a non-tech field, the skills a previous career
    gives come first. Four queries, whatever the number of items."""
    progress = progress_by_item_counted(user=user)
    non_tech = getattr(profile, "background", "") == Background.NON_TECH
    wanted: dict[int, Item] = {}
    if role is not None:
        requirements = (
            RoleRequirement.objects.filter(role=role, item__status=Publication.PUBLISHED)
            .select_related("item")
            .order_by("-is_required", "-weight", "item__title")
        )
        wanted = {requirement.item_id: requirement.item for requirement in requirements}
    groups: list[KnownGroup] = []
    seen: set[int] = set()
    tracks = sorted(
        track_list_detailed(), key=lambda track: (not (non_tech and track.for_career_changers), track.position)
    )
    if non_tech:
        transferable = KnownGroup(title="From your previous career")
        for track in tracks:
            for stage in track.stages.all():
                for placement in stage.published_placements:
                    if placement.item.transferable and placement.item_id not in seen:
                        transferable.rows.append(KnownRow(placement.item, progress.get(placement.item_id)))
                        seen.add(placement.item_id)
        if transferable.rows:
            groups.append(transferable)
    for track in tracks:
        for stage in track.stages.all():
            group = KnownGroup(title=stage.title, stage=stage)
            for placement in stage.published_placements:
                if placement.item_id in wanted and placement.item_id not in seen:
                    group.rows.append(KnownRow(placement.item, progress.get(placement.item_id)))
                    seen.add(placement.item_id)
            if group.rows:
                groups.append(group)
    unplaced = [KnownRow(item, progress.get(item_id)) for item_id, item in wanted.items() if item_id not in seen]
    if unplaced:
        groups.append(KnownGroup(title="Not on a track yet", rows=unplaced))
    return groups
