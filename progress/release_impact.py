"""What a release means for each learner: readiness for their target role before and after, and the changes that
touch their record. Pure functions over content shapes (`roadmap.releases.ContentShape`) and statuses by item slug.

The same arithmetic serves the admin's preview (the carry-over simulated by `carried`, which follows the rules of
`progress.releases`) and publishing (the records as they were carried over, read back from the database), so the
numbers an editor confirms are the numbers learners are shown; a test publishes a previewed release and compares.

Readiness counts as the dashboard does (`progress.readiness`): the weight of the role's required published items
done over the weight of all of them; hours left are the hours of those not done. A learner's role is their target
role while it is published, else the primary role.

A change *touches* a learner when they hold a record on its item (any status, a note alone included), or when it is
a requirement of their role; a learner is told about a release when one of its changes touches them or their
readiness or hours left move.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from roadmap.models import LineageKind
from roadmap.releases import ContentShape, Lineage

from .models import ProgressStatus

BEGUN = {ProgressStatus.IN_PROGRESS, ProgressStatus.DONE}
Statuses = Mapping[str, str]  # item slug -> status


def merged_status(statuses: Iterable[str]) -> str:
    """A merged item's status from its parts' (a part the learner never touched is not started): done only if every
    part was done, in progress if any was begun, skipped if every part was skipped, else not started."""
    statuses = list(statuses)
    if all(status == ProgressStatus.DONE for status in statuses):
        return ProgressStatus.DONE
    if any(status in BEGUN for status in statuses):
        return ProgressStatus.IN_PROGRESS
    if all(status == ProgressStatus.SKIPPED for status in statuses):
        return ProgressStatus.SKIPPED
    return ProgressStatus.NOT_STARTED


def carried(statuses: Statuses, lineage: Iterable[Lineage]) -> dict[str, str]:
    """A learner's statuses after a release's carry-over, by the slugs of the new content (a preview: publishing
    writes the rows themselves in `progress.releases`). A row the learner already has on a new item stays."""
    lineage = list(lineage)
    after = dict(statuses)
    for entry in lineage:
        if entry.kind == LineageKind.SAME and entry.from_slug in after:
            after[entry.to_slugs[0]] = after.pop(entry.from_slug)
    merges: dict[str, list[str]] = {}
    for entry in lineage:
        if entry.kind in (LineageKind.SPLIT, LineageKind.REPLACED) and entry.from_slug in statuses:
            for slug in entry.to_slugs:
                if slug not in statuses:
                    after.setdefault(slug, statuses[entry.from_slug])
        elif entry.kind == LineageKind.MERGED:
            merges.setdefault(entry.to_slugs[0], []).append(entry.from_slug)
    for target, parts in merges.items():
        if target not in statuses and any(part in statuses for part in parts):
            after[target] = merged_status(statuses.get(part, ProgressStatus.NOT_STARTED) for part in parts)
    return after


@dataclass(frozen=True)
class Standing:
    """Readiness for one role in one version of the content."""

    role: str | None
    percent: int = 0
    hours_left: int = 0


class Readiness:
    """One version of the content's roles, ready to answer `standing` for many learners."""

    def __init__(self, shape: ContentShape):
        self.shape = shape
        self.needs = {role: shape.counted_requirements(role) for role in shape.published_roles()}
        self.primary = shape.primary_role()
        self.required_items = {item for needs in self.needs.values() for item in needs}

    def standing(self, role: str | None, statuses: Statuses) -> Standing:
        """Readiness and hours left for `role` (the primary role when it is not published in this version)."""
        if role not in self.needs:
            role = self.primary
        if role is None:
            return Standing(None)
        needs = self.needs[role]
        total = sum(needs.values())
        done = sum(weight for item, weight in needs.items() if statuses.get(item) == ProgressStatus.DONE)
        hours = sum(self.shape.items[item]["hours"] for item in needs if statuses.get(item) != ProgressStatus.DONE)
        return Standing(role, done * 100 // total if total else 0, hours)


def described(changes: list[dict], before: ContentShape, after: ContentShape) -> list[dict]:
    """The release's changes with the titles a learner reads: the item's (`title`), the role's (`role_title`), and
    those of the items taking a leaving item's place (`to_titles`)."""
    out = []
    for change in changes:
        change = dict(change)
        slug = change.get("item", "")
        change["title"] = after.title(slug) if slug in after.items else before.title(slug)
        if change["kind"] == "requirement":
            change["role_title"] = after.role_title(change["role"])
        if change["kind"] == "left":
            change["to_titles"] = [after.title(target) for target in change["to"]]
        out.append(change)
    return out


def change_item(change: dict, renamed_back: Mapping[str, str]) -> str:
    """The slug, in the old content, of the item a change is about (a learner's record is on that slug)."""
    if change["kind"] == "renamed":
        return change["from_slug"]
    if change["kind"] == "left":
        return change["item"]
    return renamed_back.get(change["item"], change["item"])


@dataclass
class LearnerImpact:
    learner_id: int
    before: Standing
    after: Standing
    # The release's changes touching them, each with their status: on the item before (after, for a requirement).
    changes: list[dict] = field(default_factory=list)

    @property
    def dropped(self) -> int:
        return self.before.percent - self.after.percent if self.before.role == self.after.role else 0


def learner_impacts(
    *, before: ContentShape, after: ContentShape, changes: list[dict], lineage: Iterable[Lineage],
    statuses_before: Mapping[int, Statuses], statuses_after: Mapping[int, Statuses],
    targets: Mapping[int, str | None],
) -> list[LearnerImpact]:  # fmt: skip
    """Every learner with a record whom the release touches, with their readiness before and after (learner order).
    A learner who never ticked anything is not told: their record holds nothing a release could change."""
    lineage = list(lineage)
    renamed_back = {entry.to_slugs[0]: entry.from_slug for entry in lineage if entry.kind == LineageKind.SAME}
    # A new item a leaving one went into brings its requirements along; the leaving item's change says so.
    carried_into = {slug for entry in lineage if entry.kind != LineageKind.SAME for slug in entry.to_slugs}
    by_item: dict[str, list[dict]] = {}
    for change in changes:
        if change["kind"] == "requirement" or (change["kind"] == "left" and change["lineage"] == LineageKind.SAME):
            continue  # requirements touch by role; a renamed item is told once, as "renamed"
        if change["kind"] != "added":
            by_item.setdefault(change_item(change, renamed_back), []).append(change)
    impacts = []
    was_ready, now_ready = Readiness(before), Readiness(after)
    for learner_id in sorted(set(statuses_before) | set(statuses_after)):
        mine_before = statuses_before.get(learner_id, {})
        mine_after = statuses_after.get(learner_id, {})
        was = was_ready.standing(targets.get(learner_id), mine_before)
        now = now_ready.standing(targets.get(learner_id), mine_after)
        touching = [
            {**change, "status": mine_before[slug]}
            for slug in sorted(mine_before) for change in by_item.get(slug, [])
        ]  # fmt: skip
        touching += [
            {**change, "status": mine_after.get(change["item"], ProgressStatus.NOT_STARTED)}
            for change in changes
            if change["kind"] == "requirement" and change["role"] in {was.role, now.role}
            and not (change["from"] is None and change["item"] in carried_into)
        ]  # fmt: skip
        if touching or was != now:
            impacts.append(LearnerImpact(learner_id, was, now, touching))
    return impacts


@dataclass
class ReleaseImpact:
    """What the admin shows before publishing: learners touched per change, records going backwards, the drops."""

    learners: int = 0
    per_change: list[int] = field(default_factory=list)  # learners each change touches, in the changes' order
    done_to_not_done: int = 0  # learners with an item done before whose place, for some role, is not done after
    drops: list[LearnerImpact] = field(default_factory=list)  # the biggest readiness drops, biggest first


def done_lost(was: Readiness, now: Readiness, places: Mapping[str, tuple[str, ...]], mine_before: Statuses,
              mine_after: Statuses) -> bool:  # fmt: skip
    """Whether an item the learner had done, required by some role, has a place after the release (itself, or the
    items of its lineage) that a role requires and that is not done: a record going backwards, not a new item."""
    for slug, status in mine_before.items():
        if status == ProgressStatus.DONE and slug in was.required_items:
            for place in places.get(slug, (slug,)):
                if place in now.required_items and mine_after.get(place) != ProgressStatus.DONE:
                    return True
    return False


def release_impact(
    *, before: ContentShape, after: ContentShape, changes: list[dict], lineage: list[Lineage],
    statuses: Mapping[int, Statuses], targets: Mapping[int, str | None], drops_shown: int = 10,
) -> ReleaseImpact:  # fmt: skip
    """The preview of a draft: every learner's statuses carried over as publishing would."""
    statuses_after = {learner_id: carried(mine, lineage) for learner_id, mine in statuses.items()}
    impacts = learner_impacts(
        before=before, after=after, changes=changes, lineage=lineage, statuses_before=statuses,
        statuses_after=statuses_after, targets=targets,
    )  # fmt: skip
    touched = Counter()
    for impact in impacts:
        for change in impact.changes:
            touched[_position(change, changes)] += 1
    was, now = Readiness(before), Readiness(after)
    places = {entry.from_slug: entry.to_slugs for entry in lineage}
    lost = sum(
        done_lost(was, now, places, statuses[impact.learner_id], statuses_after[impact.learner_id])
        for impact in impacts
        if impact.learner_id in statuses
    )
    drops = sorted((impact for impact in impacts if impact.dropped > 0), key=lambda impact: -impact.dropped)
    return ReleaseImpact(
        learners=len(impacts),
        per_change=[touched[position] for position in range(len(changes))],
        done_to_not_done=lost,
        drops=drops[:drops_shown],
    )


def _position(change: dict, changes: list[dict]) -> int:
    """Where a learner's copy of a change (the change with their status) sits in the release's list."""
    plain = {key: value for key, value in change.items() if key != "status"}
    return changes.index(plain)
