"""A content release applied to learners' records: every row follows its item's lineage (roadmap.models.ItemLineage).

Called by roadmap's publishing, inside its transaction (`roadmap.hooks.register_release_published`): the content
and every learner's record change together, so a page shows the old content with the old record or the new with the
new, never a mix. Every cached page is keyed on the content version, which publishing replaces.

The rules, per learner:
- the same item under a new slug: the row is the item's row, nothing moves;
- split into N items, or replaced by one: each new item gets the old row's status (a done row's origin becomes
  "carried", which counts for readiness and never for pace, streaks or the heatmap, like known-before), its note
  and its evidence;
- merged: the new item is done only if every part was done, else in progress if any part was begun or done, else
  skipped if every part was skipped; the parts' notes are joined under their titles, the first evidence link kept
  and the others written into the note;
- retired: the row stays on the retired item, which counts for nothing.
A row the learner already has on a new item is theirs and is left as it is. Each row made gets one "release" event
in the learner's history. Applying a release twice changes nothing: the second time every row exists.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Profile
from roadmap.markdown import markdown_to_safe_html
from roadmap.models import Item, LineageKind

from .models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus, ReleaseNotice
from .release_impact import BEGUN, described, learner_impacts, merged_status, release_impact


def release_apply(*, release, lineage) -> int:
    """Carry every learner's rows over the release's lineage; returns how many rows were made."""
    moving = [entry for entry in lineage if entry.kind in (LineageKind.SPLIT, LineageKind.REPLACED, LineageKind.MERGED)]
    if not moving:
        return 0
    slugs = {entry.from_slug for entry in moving} | {slug for entry in moving for slug in entry.to_slugs}
    items = {item.slug: item for item in Item.objects.filter(slug__in=slugs)}
    sources = [items[entry.from_slug].pk for entry in moving]
    rows = defaultdict(dict)  # learner id -> item id -> row
    for row in Progress.objects.filter(item_id__in=sources):
        rows[row.learner_id][row.item_id] = row
    targets = [items[slug].pk for entry in moving for slug in entry.to_slugs]
    existing = set(Progress.objects.filter(item_id__in=targets).values_list("learner_id", "item_id"))
    now = timezone.now()
    made = []
    merges = defaultdict(list)  # target item id -> its parts, in lineage order
    for entry in moving:
        if entry.kind == LineageKind.MERGED:
            merges[items[entry.to_slugs[0]].pk].append(items[entry.from_slug])
    for learner_id, by_item in rows.items():
        for entry in moving:
            if entry.kind == LineageKind.MERGED:
                continue
            row = by_item.get(items[entry.from_slug].pk)
            if row is None:
                continue
            for slug in entry.to_slugs:
                if (learner_id, items[slug].pk) not in existing:
                    made.append(_copied(row, items[slug], now))
        for target_id, parts in merges.items():
            if (learner_id, target_id) in existing:
                continue
            part_rows = [(part, by_item.get(part.pk)) for part in parts]
            merged = _merged(learner_id, target_id, part_rows, now)
            if merged is not None:
                made.append(merged)
    Progress.objects.bulk_create(made)
    ProgressEvent.objects.bulk_create(
        ProgressEvent(
            learner_id=row.learner_id, item_id=row.item_id, from_status=ProgressStatus.NOT_STARTED,
            to_status=row.status, skip_reason=row.skip_reason, kind=ProgressEventKind.RELEASE, created_at=now,
        )
        for row in made
    )  # fmt: skip
    return len(made)


def _copied(row: Progress, item: Item, now) -> Progress:
    """The old row's place on a new item (a split's part, or a replacement)."""
    return Progress(
        learner_id=row.learner_id, item=item, status=row.status, skip_reason=row.skip_reason,
        origin=Origin.CARRIED if row.status == ProgressStatus.DONE else "", note=row.note, note_html=row.note_html,
        evidence_url=row.evidence_url, started_at=row.started_at, completed_at=row.completed_at,
        created_at=now, updated_at=now,
    )  # fmt: skip


def _merged(learner_id: int, target_id: int, part_rows: list, now) -> Progress | None:
    """One row for the item the parts were merged into, or None when the learner had nothing on any part."""
    present = [row for _part, row in part_rows if row is not None]
    if not present:
        return None
    status = merged_status(row.status if row is not None else ProgressStatus.NOT_STARTED for _part, row in part_rows)
    links = [row.evidence_url for row in present if row.evidence_url]
    notes = []
    for part, row in part_rows:
        if row is None:
            continue
        words = row.note.strip()
        if row.evidence_url and row.evidence_url != (links[0] if links else ""):
            words = f"{words}\n\nEvidence: {row.evidence_url}".strip()
        if words:
            notes.append(f"**{part.title}**\n\n{words}")
    note = "\n\n".join(notes)
    started = [row.started_at for row in present if row.started_at]
    completed = [row.completed_at for row in present if row.completed_at]
    done = status == ProgressStatus.DONE
    return Progress(
        learner_id=learner_id, item_id=target_id, status=status,
        skip_reason=present[0].skip_reason if status == ProgressStatus.SKIPPED else "",
        origin=Origin.CARRIED if done else "", note=note, note_html=markdown_to_safe_html(note) if note else "",
        evidence_url=links[0] if links else "", started_at=min(started) if started and status in BEGUN else None,
        completed_at=max(completed) if done else None, created_at=now, updated_at=now,
    )  # fmt: skip


def release_published(*, release, lineage, before, after) -> None:
    """Publishing's hook (roadmap.hooks): carry every record over, then write each touched learner's notice from the
    records as they were before and as they are now (progress.release_impact), in the publishing transaction."""
    renamed_back = {entry.to_slugs[0]: entry.from_slug for entry in lineage if entry.kind == LineageKind.SAME}
    statuses_before = learner_statuses(renamed_back)  # the import renamed items; the rows are as they were
    release_apply(release=release, lineage=lineage)
    changes = described(release.changes, before, after)
    impacts = learner_impacts(
        before=before, after=after, changes=changes, lineage=lineage, statuses_before=statuses_before,
        statuses_after=learner_statuses({}), targets=learner_targets(),
    )  # fmt: skip
    now = timezone.now()
    notices = [
        ReleaseNotice(
            learner_id=impact.learner_id, release=release, role_title=after.role_title(impact.after.role or ""),
            percent_before=impact.before.percent, percent_after=impact.after.percent,
            hours_before=impact.before.hours_left, hours_after=impact.after.hours_left, changes=impact.changes,
            created_at=now,
        )
        for impact in impacts
    ]  # fmt: skip
    ReleaseNotice.objects.bulk_create(
        notices,
        batch_size=1000,
        ignore_conflicts=True,  # a notice already written for this learner and release stays as it was
    )


def learner_statuses(renamed_back: dict[str, str]) -> dict[int, dict[str, str]]:
    """Every learner's statuses by item slug (a renamed item under its old slug when `renamed_back` says so)."""
    statuses: dict[int, dict[str, str]] = defaultdict(dict)
    for learner_id, slug, status in Progress.objects.values_list("learner_id", "item__slug", "status").iterator(
        chunk_size=5000
    ):
        statuses[learner_id][renamed_back.get(slug, slug)] = status
    return statuses


def learner_targets() -> dict[int, str | None]:
    """Each learner's target role by slug (None: the primary role)."""
    return dict(Profile.objects.filter(target_role__isnull=False).values_list("user_id", "target_role__slug"))


def release_preview(*, before, after, changes, lineage) -> dict:
    """The admin's impact of a draft (roadmap.hooks): learners touched in all and per change (`change_rows`: each
    change with its count), learners whose record would go from done to not done for a role, the biggest drops."""
    impact = release_impact(
        before=before, after=after, changes=changes, lineage=lineage, statuses=learner_statuses({}),
        targets=learner_targets(),
    )  # fmt: skip
    emails = dict(
        get_user_model().objects.filter(pk__in=[d.learner_id for d in impact.drops]).values_list("pk", "email")
    )
    drops = [
        {"learner": emails.get(drop.learner_id, ""), "role": after.role_title(drop.after.role or ""),
         "before": drop.before.percent, "after": drop.after.percent}
        for drop in impact.drops
    ]  # fmt: skip
    return {"impact": impact, "change_rows": list(zip(changes, impact.per_change, strict=True)), "drops": drops}
