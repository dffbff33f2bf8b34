"""A content release carries what learners have shown along the same lineage as their progress (progress.releases):
an item split in parts or replaced is shown in each part or the replacement; a merged item is shown only when every
part was; a renamed item keeps its rows. Called in the publishing transaction (roadmap.hooks), after progress."""

from collections import defaultdict

from roadmap.models import Item, LineageKind

from .models import ShownItem


def release_published(*, release, lineage, before, after) -> None:
    moving = [entry for entry in lineage if entry.kind in (LineageKind.SPLIT, LineageKind.REPLACED, LineageKind.MERGED)]
    if not moving:
        return
    slugs = {entry.from_slug for entry in moving} | {slug for entry in moving for slug in entry.to_slugs}
    items = dict(Item.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    shown = defaultdict(dict)  # (learner, way) -> item id -> row
    for row in ShownItem.objects.filter(item_id__in=[items[entry.from_slug] for entry in moving]):
        shown[(row.learner_id, row.shown_by)][row.item_id] = row
    made = []
    merges = defaultdict(list)
    for entry in moving:
        if entry.kind == LineageKind.MERGED:
            merges[items[entry.to_slugs[0]]].append(items[entry.from_slug])
    for (learner_id, way), rows in shown.items():
        for entry in moving:
            row = rows.get(items[entry.from_slug])
            if entry.kind != LineageKind.MERGED and row is not None:
                made += [ShownItem(learner_id=learner_id, item_id=items[slug], shown_by=way, shown_at=row.shown_at)
                         for slug in entry.to_slugs]  # fmt: skip
        for target, parts in merges.items():
            if all(part in rows for part in parts):
                latest = max(rows[part].shown_at for part in parts)
                made.append(ShownItem(learner_id=learner_id, item_id=target, shown_by=way, shown_at=latest))
    ShownItem.objects.bulk_create(made, ignore_conflicts=True)  # what the learner showed of the new item stays
