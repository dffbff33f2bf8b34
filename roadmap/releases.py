"""What a release changes: the content's shape before and after, the list of changes, and what is wrong with a
release's lineage. Pure functions over content exports (lists of serialized objects, as `content_export` writes).

An item *leaves* the published content when it is published before and not after (missing, draft or retired); each
one that leaves needs a lineage (`roadmap.models.LineageKind`), and an item that stays needs none.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import LineageKind, Publication

# How many items may take a leaving item's place, by kind of lineage: (fewest, most).
TARGETS = {
    LineageKind.SAME: (1, 1),
    LineageKind.SPLIT: (2, None),
    LineageKind.MERGED: (1, 1),
    LineageKind.REPLACED: (1, 1),
    LineageKind.RETIRED: (0, 0),
}


@dataclass(frozen=True)
class Lineage:
    from_slug: str
    kind: str
    to_slugs: tuple[str, ...] = ()


@dataclass
class ContentShape:
    """What learners' records depend on in one version of the content."""

    items: dict[str, dict] = field(default_factory=dict)  # slug -> title, status, hours
    placements: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # item slug -> {(track, stage)}
    requirements: dict[tuple[str, str], int] = field(default_factory=dict)  # (role, item) -> weight
    required: set[tuple[str, str]] = field(default_factory=set)  # the (role, item) requirements readiness counts
    roles: dict[str, dict] = field(default_factory=dict)  # slug -> title, status, is_primary

    def published(self) -> set[str]:
        return {slug for slug, item in self.items.items() if item["status"] == Publication.PUBLISHED}

    def published_roles(self) -> list[str]:
        return [slug for slug, role in self.roles.items() if role["status"] == Publication.PUBLISHED]

    def primary_role(self) -> str | None:
        return next((slug for slug in self.published_roles() if self.roles[slug]["is_primary"]), None)

    def role_title(self, slug: str) -> str:
        return self.roles[slug]["title"] if slug in self.roles else slug

    def counted_requirements(self, role: str) -> dict[str, int]:
        """A published role's required published items with their weights (what its readiness counts)."""
        published = self.published()
        return {
            item: weight for (of_role, item), weight in self.requirements.items()
            if of_role == role and item in published and (role, item) in self.required
        }  # fmt: skip

    def title(self, slug: str) -> str:
        return self.items[slug]["title"] if slug in self.items else slug


def content_shape(objects: Iterable[dict]) -> ContentShape:
    """The shape of an export (its items, their places on the tracks, the roles' requirements)."""
    shape = ContentShape()
    for obj in objects:
        fields = obj["fields"]
        model = obj["model"]
        if model == "roadmap.item":
            shape.items[fields["slug"]] = {
                "title": fields["title"],
                "status": fields.get("status", Publication.DRAFT),
                "hours": fields.get("estimated_hours", 0),
            }
        elif model == "roadmap.stageitem":
            track, stage = fields["stage"]
            shape.placements.setdefault(fields["item"][0], set()).add((track, stage))
        elif model == "roadmap.rolerequirement":
            key = (fields["role"][0], fields["item"][0])
            shape.requirements[key] = fields.get("weight", 1)
            if fields.get("is_required", True):
                shape.required.add(key)
        elif model == "roadmap.role":
            shape.roles[fields["slug"]] = {
                "title": fields["title"],
                "status": fields.get("status", Publication.DRAFT),
                "is_primary": fields.get("is_primary", False),
            }
    return shape


def leaving(old: ContentShape, new: ContentShape) -> list[str]:
    """The items published in `old` that `new` does not publish, in slug order."""
    return sorted(old.published() - new.published())


def lineage_problems(old: ContentShape, new: ContentShape, lineage: Iterable[Lineage]) -> list[str]:
    """Why a release with this lineage cannot be published, one sentence per problem naming the items (none: it can).

    Every item that leaves needs a lineage; an item that stays needs none; each kind takes its number of items; the
    items taking a place must be published in the release; "the same item" must be a new slug; no lineage is
    circular.
    """
    lineage = list(lineage)
    problems = []
    leaves = set(leaving(old, new))
    given = {entry.from_slug for entry in lineage}
    new_published = new.published()
    for slug in sorted(leaves - given):
        problems.append(f"“{old.title(slug)}” ({slug}) leaves the published content: say what became of it.")
    cycle = _cycle(lineage)
    if cycle:
        problems.append(f"The lineage goes round in a circle: {' → '.join(cycle)}.")
    same_targets: dict[str, str] = {}
    for entry in sorted(lineage, key=lambda entry: entry.from_slug):
        if entry.from_slug not in leaves:
            problems.append(f"{entry.from_slug} does not leave the published content in this release: no lineage.")
            continue
        fewest, most = TARGETS[LineageKind(entry.kind)]
        count = len(entry.to_slugs)
        if count < fewest or (most is not None and count > most):
            wanted = "no item" if most == 0 else f"{fewest} item" if fewest == most else f"{fewest} items or more"
            problems.append(f"{entry.from_slug}: “{LineageKind(entry.kind).label}” takes {wanted}, not {count}.")
        for target in entry.to_slugs:
            if target not in new_published:
                problems.append(f"{entry.from_slug} → {target}: {target} is not a published item of this release.")
        if entry.kind == LineageKind.SAME and entry.to_slugs:
            target = entry.to_slugs[0]
            if target in old.items:
                problems.append(
                    f"{entry.from_slug} → {target}: {target} is already an item; "
                    f"“{LineageKind.REPLACED.label}” or “{LineageKind.MERGED.label}” says that."
                )
            elif target in same_targets:
                problems.append(f"{same_targets[target]} and {entry.from_slug} cannot both become {target}.")
            same_targets[target] = entry.from_slug
    return problems


def _cycle(lineage: list[Lineage]) -> list[str]:
    """A circular path through the lineage's one-to-one links (A → B → A), or none."""
    following = {entry.from_slug: entry.to_slugs[0] for entry in lineage if len(entry.to_slugs) == 1}
    for start in sorted(following):
        path = [start]
        while (slug := following.get(path[-1])) is not None:
            if slug in path:
                return [*path[path.index(slug) :], slug]
            path.append(slug)
    return []


def release_changes(old: ContentShape, new: ContentShape, lineage: Iterable[Lineage]) -> list[dict]:
    """What publishing `new` over `old` changes, as the release keeps it: one dict per change, in a stable order.

    Kinds: "added", "left" (with its lineage), "renamed" (a new title, or the same item under a new slug), "moved"
    (its places on the tracks), "hours", "requirement" (a role's weight for an item: `from`/`to`, None when absent;
    `required`: whether it is required after, None when absent).
    """
    lineage = {entry.from_slug: entry for entry in lineage}
    same = {entry.to_slugs[0]: slug for slug, entry in lineage.items() if entry.kind == LineageKind.SAME}
    changes = []
    old_published, new_published = old.published(), new.published()
    for slug in sorted(new_published - old_published):
        if slug not in same:
            changes.append({"kind": "added", "item": slug, "title": new.title(slug)})
    for slug in sorted(old_published - new_published):
        entry = lineage.get(slug)
        changes.append(
            {
                "kind": "left",
                "item": slug,
                "title": old.title(slug),
                "lineage": entry.kind if entry else "",
                "to": list(entry.to_slugs) if entry else [],
            }
        )
    for slug in sorted(new_published):
        before = same.get(slug, slug)
        if before not in old_published:
            continue
        if before != slug or old.items[before]["title"] != new.items[slug]["title"]:
            changes.append(
                {"kind": "renamed", "item": slug, "from_slug": before, "from": old.title(before), "to": new.title(slug)}
            )
        places_before = old.placements.get(before, set())
        places_after = new.placements.get(slug, set())
        if places_before != places_after:
            changes.append(
                {"kind": "moved", "item": slug, "from": sorted(map(list, places_before)),
                 "to": sorted(map(list, places_after))}
            )  # fmt: skip
        if old.items[before]["hours"] != new.items[slug]["hours"]:
            changes.append(
                {"kind": "hours", "item": slug, "from": old.items[before]["hours"], "to": new.items[slug]["hours"]}
            )
    renamed_to = {before: after for after, before in same.items()}
    gone = (old_published - new_published) - set(renamed_to)  # their requirements leave with them ("left")
    old_requirements = {
        (role, renamed_to.get(item, item)): (weight, (role, item) in old.required)
        for (role, item), weight in old.requirements.items()
        if item not in gone
    }
    new_requirements = {key: (weight, key in new.required) for key, weight in new.requirements.items()}
    for role, item in sorted(set(old_requirements) | set(new_requirements)):
        before, after = old_requirements.get((role, item)), new_requirements.get((role, item))
        if before != after:
            changes.append(
                {"kind": "requirement", "role": role, "item": item, "from": before[0] if before else None,
                 "to": after[0] if after else None, "required": after[1] if after else None}
            )  # fmt: skip
    return changes
