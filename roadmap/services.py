"""Writes with side effects on the curated content: publishing, retiring, export, import, releases."""

import json
from dataclasses import dataclass, field

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import hooks
from .cache import content_changed
from .models import (
    Choice,
    ContentVersion,
    Item,
    ItemLineage,
    ItemTerm,
    LineageKind,
    Publication,
    Question,
    Release,
    ReleaseState,
    Resource,
    Role,
    RoleRequirement,
    Rubric,
    RubricCriterion,
    SelfCheck,
    SkillArea,
    Stage,
    StageItem,
    Track,
)
from .releases import ContentShape, Lineage, content_shape, leaving, lineage_problems, release_changes
from .term_import import LABEL as TERM_LABEL
from .term_import import TermImportError, terms_import, terms_leave

# The self-checks' and rubrics' models, imported by `checks_import` (thousands of questions and choices, whose
# natural keys run through three tables each: Django's deserializer would look each one up several times).
CHECK_LABELS = {"roadmap.selfcheck", "roadmap.question", "roadmap.choice", "roadmap.rubric", "roadmap.rubriccriterion"}

# In dependency order, so an import can save each object as it reads it.
CONTENT_MODELS = [
    SkillArea, Resource, Track, Stage, Item, StageItem, Role, RoleRequirement,
    SelfCheck, Question, Choice, Rubric, RubricCriterion, ItemTerm,
]  # fmt: skip
BULK_LABELS = CHECK_LABELS | {TERM_LABEL}


class ContentImportError(Exception):
    """The file is not a careerpath content export; nothing was changed."""


def content_set_status(*, queryset: QuerySet, status: str) -> int:
    """Publish, retire or unpublish items or roles; returns how many changed. Retired content stays in the database."""
    if status not in Publication.values:
        raise ValueError(f"Unknown status {status!r}")
    changed = queryset.exclude(status=status).update(status=status)
    if changed:
        content_changed()  # update() sends no signal
    return changed


def checks_import(objects: list[dict]) -> int:
    """Create or update self-checks, questions, choices, rubrics and criteria from export objects, matched by their
    natural keys, each validated like any content; a few queries per model, whatever their number."""
    by_model: dict[str, list[dict]] = {label: [] for label in CHECK_LABELS}
    for obj in objects:
        by_model[obj["model"]].append(obj.get("fields") or {})
    items = dict(Item.objects.values_list("slug", "pk"))

    def item_of(key) -> int:
        slug = key[0] if isinstance(key, list) and key else None
        if slug not in items:
            raise ContentImportError(f"A self-check or rubric names an item that is not in the content: {key!r}.")
        return items[slug]

    checks = _upserted(SelfCheck, by_model["roadmap.selfcheck"], lambda f: (item_of(f.get("item")),),
                       lambda key: {"item_id": key[0]}, ["questions_shown", "pass_percent"])  # fmt: skip
    questions = _upserted(
        Question, by_model["roadmap.question"],
        lambda f: (_found(checks, (item_of(f.get("self_check")),), "self-check").pk, f.get("key")),
        lambda key: {"self_check_id": key[0], "key": key[1]},
        ["kind", "text", "explanation", "answer", "tolerance", "source", "position"],
    )  # fmt: skip
    _upserted(
        Choice, by_model["roadmap.choice"],
        lambda f: (_found(questions, (_found(checks, (item_of(f.get("question")),), "self-check").pk,
                                      (f.get("question") or [None, None])[1]), "question").pk, f.get("position")),
        lambda key: {"question_id": key[0], "position": key[1]}, ["text", "is_correct"],
    )  # fmt: skip
    rubrics = _upserted(Rubric, by_model["roadmap.rubric"], lambda f: (item_of(f.get("item")),),
                        lambda key: {"item_id": key[0]}, ["pass_mark", "min_level"])  # fmt: skip
    _upserted(
        RubricCriterion, by_model["roadmap.rubriccriterion"],
        lambda f: (_found(rubrics, (item_of(f.get("rubric")),), "rubric").pk, f.get("key")),
        lambda key: {"rubric_id": key[0], "key": key[1]},
        ["title", "level_1", "level_2", "level_3", "level_4", "position"],
    )  # fmt: skip
    if objects:
        content_changed()  # bulk writes send no signal
    return len(objects)


_NATURAL_FIELDS = {
    SelfCheck: ("item_id",), Question: ("self_check_id", "key"), Choice: ("question_id", "position"),
    Rubric: ("item_id",), RubricCriterion: ("rubric_id", "key"),
}  # fmt: skip


def _found(existing: dict, key: tuple, what: str):
    if key not in existing:
        raise ContentImportError(f"A {what} that the file does not hold is named: {key!r}.")
    return existing[key]


def _upserted(model, rows: list[dict], key_of, key_fields, fields: list[str]) -> dict:
    """Every row of `model` by natural key after creating the new ones and updating the others (bulk)."""
    natural = _NATURAL_FIELDS[model]
    existing = {tuple(getattr(obj, name) for name in natural): obj for obj in model._default_manager.all()}
    new, changed = [], []
    references = [field.name for field in model._meta.concrete_fields if field.is_relation]  # ids we found ourselves
    for row in rows:
        key = key_of(row)
        obj = existing.get(key) or model(**key_fields(key))
        before = [getattr(obj, name) for name in fields]
        for name in fields:
            if name in row:
                setattr(obj, name, model._meta.get_field(name).to_python(row[name]))
        if obj.pk is None or before != [getattr(obj, name) for name in fields]:
            obj.full_clean(exclude=references, validate_unique=False, validate_constraints=False)
            (changed if obj.pk else new).append(obj)
        existing[key] = obj
    model._default_manager.bulk_create(new, batch_size=500)
    if changed:
        model._default_manager.bulk_update(changed, fields, batch_size=500)
    return existing


def _reason(error: Exception) -> str:
    """What went wrong, in words: Django's DeserializationError often carries its reason only as its cause."""
    return str(error) or str(error.__cause__ or "") or type(error).__name__


def content_export() -> str:
    """All curated content as JSON with natural keys (slugs, URLs), free of database ids."""
    objects = [obj for model in CONTENT_MODELS for obj in model._default_manager.order_by("pk")]
    return serializers.serialize(
        "json", objects, indent=2, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )


@transaction.atomic
def content_import(*, data: str | bytes) -> int:
    """Create or update content from an export; objects are matched by natural key, so importing twice is harmless.

    Returns the number of objects saved. Anything but content models, or a file that does not parse or breaks a
    constraint, raises ContentImportError and leaves the database as it was.
    """
    allowed = set(CONTENT_MODELS)
    saved = 0
    try:
        objects = json.loads(data)
        checks = [obj for obj in objects if isinstance(obj, dict) and obj.get("model") in CHECK_LABELS]
        terms = [obj.get("fields") or {} for obj in objects if isinstance(obj, dict) and obj.get("model") == TERM_LABEL]
        data = json.dumps([obj for obj in objects if not (isinstance(obj, dict) and obj.get("model") in BULK_LABELS)])
        for deserialized in serializers.deserialize("json", data, ignorenonexistent=False):
            model = type(deserialized.object)
            if model not in allowed:
                raise ContentImportError(
                    f"The file holds {model._meta.label} objects; only roadmap content can be imported."
                )
            deserialized.object.full_clean(validate_unique=False, validate_constraints=False)
            deserialized.save()
            saved += 1
        saved += checks_import(checks)
        saved += terms_import(terms)
    except ContentImportError:
        raise
    except TermImportError as error:
        raise ContentImportError(str(error)) from error
    except ValidationError as error:
        raise ContentImportError(f"Invalid content: {'; '.join(error.messages)}") from error
    except (DeserializationError, ObjectDoesNotExist, IntegrityError, DatabaseError, ValueError, TypeError) as error:
        raise ContentImportError(f"This is not a valid content export: {_reason(error)}") from error
    if not saved:
        raise ContentImportError("The file holds no content to import.")
    return saved


class ReleaseError(Exception):
    """A release that cannot be saved or published; `problems` names each item concerned."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def _content_objects(data: str | bytes) -> list[dict]:
    try:
        objects = json.loads(data)
    except ValueError as error:
        raise ContentImportError(f"This is not a valid content export: {error}") from error
    allowed = {model._meta.label_lower for model in CONTENT_MODELS}
    if not isinstance(objects, list) or not all(
        isinstance(obj, dict) and obj.get("model") in allowed for obj in objects
    ):
        raise ContentImportError("The file holds objects that are not roadmap content.")
    return objects


def release_content_check(*, data: str | bytes) -> list[dict]:
    """The export's objects, once they imported cleanly inside a transaction that was rolled back: a file that would
    fail to publish is refused now (ContentImportError), and nothing learners see changes."""
    objects = _content_objects(data)
    try:
        with transaction.atomic():
            content_import(data=json.dumps(objects))
            raise _DryRun
    except _DryRun:
        pass
    return objects


@transaction.atomic
def release_draft_save(*, name: str, data: str | bytes, notes: str = "") -> Release:
    """Keep a content export as the draft release `name`: a new one, or the draft of that name given new content."""
    objects = release_content_check(data=data)
    existing = Release.objects.select_for_update().filter(name=name).first()
    if existing is None:
        return Release.objects.create(number=Release.objects.next_number(), name=name, notes=notes, content=objects)
    if existing.state != ReleaseState.DRAFT:
        raise ReleaseError([f"Release {name} is published; prepare the next one under a new name."])
    existing.content, existing.notes = objects, notes or existing.notes
    existing.save(update_fields=["content", "notes"])
    return existing


class _DryRun(Exception):
    """Rolls back the draft's trial import."""


def release_lineage(release: Release) -> list[Lineage]:
    return [Lineage(row.from_slug, row.kind, tuple(row.to_slugs)) for row in release.lineage.all()]


@dataclass(frozen=True)
class ReleasePreview:
    """What publishing a draft would change now, what stops it (empty: it can be published), and the items that
    would leave the published content, as (slug, title)."""

    changes: list[dict]
    problems: list[str]
    leaving: list[tuple[str, str]]
    before: ContentShape = field(repr=False, compare=False, default_factory=ContentShape)  # the live content
    after: ContentShape = field(repr=False, compare=False, default_factory=ContentShape)  # the release's


def release_preview(*, release: Release, lineage: list[Lineage] | None = None) -> ReleasePreview:
    """The draft against the live content (one export of it)."""
    old = content_shape(json.loads(content_export()))
    new = content_shape(release.content or [])
    lineage = release_lineage(release) if lineage is None else lineage
    return ReleasePreview(
        changes=release_changes(old, new, lineage),
        problems=lineage_problems(old, new, lineage),
        leaving=[(slug, old.title(slug)) for slug in leaving(old, new)],
        before=old,
        after=new,
    )


@transaction.atomic
def release_publish(*, release: Release, user=None) -> bool:
    """Publish a draft: the content becomes the release's, every learner's record follows the lineage (the apps
    above roadmap listen: `hooks.register_release_published`), in one transaction, so a learner's pages show the
    old content and record or the new ones, never a mix. Returns False when it was published already (a no-op).

    Refused (ReleaseError, nothing changed) while the lineage is incomplete, circular or points at an item the
    release does not publish.
    """
    # One publishing at a time: the content's version row is the lock every publishing takes first, so a second
    # draft waits for the first to commit, then is compared with the content the first made.
    list(ContentVersion.objects.select_for_update().filter(pk=ContentVersion.ONLY))
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.state == ReleaseState.PUBLISHED:
        return False
    lineage = release_lineage(release)
    preview = release_preview(release=release, lineage=lineage)
    if preview.problems:
        raise ReleaseError(preview.problems)
    for entry in lineage:
        if entry.kind == LineageKind.SAME:
            # The same row under its new slug: every record that points at it (progress, plans, reviews) stays.
            Item.objects.filter(slug=entry.from_slug).update(slug=entry.to_slugs[0])
    content_import(data=json.dumps(release.content))
    _leave_what_the_release_does_not_hold(release.content)
    release.state, release.changes = ReleaseState.PUBLISHED, preview.changes
    release.published_at, release.published_by = timezone.now(), user
    release.save(update_fields=["state", "changes", "published_at", "published_by"])
    # The import's saves replaced the content version; the apps above carry records over and tell learners.
    hooks.release_published(release=release, lineage=lineage, before=preview.before, after=preview.after)
    return True


def _natural_key(model: str, fields: dict):
    """An exported object's natural key, for the models a release can take away (None for the others)."""
    if model in ("roadmap.item", "roadmap.role", "roadmap.track"):
        return fields["slug"]
    if model == "roadmap.stage":
        return (fields["track"][0], fields["slug"])
    if model == "roadmap.stageitem":
        return (*fields["stage"], fields["item"][0])
    if model == "roadmap.rolerequirement":
        return (fields["role"][0], fields["item"][0])
    if model in ("roadmap.selfcheck", "roadmap.rubric"):
        return fields["item"][0]
    if model == "roadmap.question":
        return (fields["self_check"][0], fields["key"])
    if model == "roadmap.choice":
        return (*fields["question"], fields["position"])
    if model == "roadmap.rubriccriterion":
        return (fields["rubric"][0], fields["key"])
    if model == TERM_LABEL:
        return (fields["item"][0], fields["term"])
    return None


def _leave_what_the_release_does_not_hold(objects: list[dict]) -> None:
    """Retire the items, roles and tracks a release leaves out; remove the stages, places and requirements it does
    not hold (content relations: learners' records point at items, which are only ever retired)."""
    held: dict[str, set] = {}
    for obj in objects:
        key = _natural_key(obj["model"], obj["fields"])
        if key is not None:
            held.setdefault(obj["model"], set()).add(key)
    for model in (Item, Role, Track):
        kept = held.get(model._meta.label_lower, set())
        content_set_status(
            queryset=model.objects.filter(status=Publication.PUBLISHED).exclude(slug__in=kept),
            status=Publication.RETIRED,
        )
    placements = StageItem.objects.values_list("pk", "stage__track__slug", "stage__slug", "item__slug")
    kept = held.get("roadmap.stageitem", set())
    StageItem.objects.filter(pk__in=[pk for pk, *key in placements if tuple(key) not in kept]).delete()
    requirements = RoleRequirement.objects.values_list("pk", "role__slug", "item__slug")
    kept = held.get("roadmap.rolerequirement", set())
    RoleRequirement.objects.filter(pk__in=[pk for pk, *key in requirements if tuple(key) not in kept]).delete()
    stages = Stage.objects.values_list("pk", "track__slug", "slug")
    kept = held.get("roadmap.stage", set())
    Stage.objects.filter(pk__in=[pk for pk, *key in stages if tuple(key) not in kept]).delete()
    _leave_what_the_checks_do_not_hold(held)
    if TERM_LABEL in held:  # a file from before terms existed leaves every item's terms as they are
        terms_leave(held=held[TERM_LABEL], items=held.get("roadmap.item", set()))


def _leave_what_the_checks_do_not_hold(held: dict[str, set]) -> None:
    """A self-check or rubric the release holds is the release's bank, whole: its questions, their choices and the
    rubric's criteria that the release does not hold are removed (a revised question with fewer choices keeps no
    stale one; an open attempt that drew a removed question is drawn again). Checks of items the release retires
    stay with those items."""
    checks, rubrics = held.get("roadmap.selfcheck", set()), held.get("roadmap.rubric", set())
    questions = Question.objects.filter(self_check__item__slug__in=checks).values_list(
        "pk", "self_check__item__slug", "key"
    )
    kept = held.get("roadmap.question", set())
    Question.objects.filter(pk__in=[pk for pk, *key in questions if tuple(key) not in kept]).delete()
    choices = Choice.objects.filter(question__self_check__item__slug__in=checks).values_list(
        "pk", "question__self_check__item__slug", "question__key", "position"
    )
    kept = held.get("roadmap.choice", set())
    Choice.objects.filter(pk__in=[pk for pk, *key in choices if tuple(key) not in kept]).delete()
    criteria = RubricCriterion.objects.filter(rubric__item__slug__in=rubrics).values_list(
        "pk", "rubric__item__slug", "key"
    )
    kept = held.get("roadmap.rubriccriterion", set())
    RubricCriterion.objects.filter(pk__in=[pk for pk, *key in criteria if tuple(key) not in kept]).delete()


@dataclass(frozen=True)
class ShippedRelease:
    """A release kept in the repository (`fixtures/releases/<name>.json`): how content changes reach every
    installation, through the same lineage and carry-over as a release published in the admin."""

    name: str
    notes: str
    lineage: list[Lineage]
    content: list[dict]

    @property
    def order(self) -> tuple:
        """Releases are published in the order of their names read as numbers: 2026.2 before 2026.10."""
        return tuple(int(part) if part.isdigit() else part for part in self.name.split("."))


def release_file_read(data: str | bytes) -> ShippedRelease:
    """A release file's name, notes, lineage and content; ContentImportError saying what is wrong with it else.

    The file is one JSON object: `name`, `notes` (Markdown, optional), `lineage` (a list of `{"from": slug, "kind":
    "same" | "split" | "merged" | "replaced" | "retired", "to": [slugs]}`) and `content` (an export, as
    `export_content` writes it, of the whole content the release publishes).
    """
    try:
        shipped = json.loads(data)
    except ValueError as error:
        raise ContentImportError(f"This is not a release file: {error}") from error
    if not isinstance(shipped, dict) or not isinstance(shipped.get("name"), str) or not shipped["name"].strip():
        raise ContentImportError("A release file is an object with a name, notes, lineage and content.")
    lineage = []
    for entry in shipped.get("lineage", []):
        if (
            not isinstance(entry, dict) or entry.get("kind") not in LineageKind.values
            or not isinstance(entry.get("from"), str) or not isinstance(entry.get("to", []), list)
        ):  # fmt: skip
            raise ContentImportError(f"Release {shipped['name']}: a lineage entry is not from/kind/to: {entry!r}")
        lineage.append(Lineage(entry["from"], entry["kind"], tuple(entry.get("to", []))))
    content = _content_objects(json.dumps(shipped.get("content")))
    return ShippedRelease(shipped["name"].strip(), str(shipped.get("notes", "")), lineage, content)


@transaction.atomic
def release_ship(*, shipped: ShippedRelease) -> Release | None:
    """Publish a release from the repository unless it is published already (None then): kept as a draft of its
    name with its lineage, then published like any other (ReleaseError names what stops it; nothing changes)."""
    if Release.objects.published().filter(name=shipped.name).exists():
        return None
    release = release_draft_save(name=shipped.name, data=json.dumps(shipped.content), notes=shipped.notes)
    release.lineage.all().delete()
    ItemLineage.objects.bulk_create(
        ItemLineage(release=release, from_slug=entry.from_slug, kind=entry.kind, to_slugs=list(entry.to_slugs))
        for entry in shipped.lineage
    )
    release_publish(release=release)
    release.refresh_from_db()  # publishing worked on its own locked copy: the changes it kept are in the row
    return release


def content_bring_up_to_date(*, base: str | bytes, shipped: list[ShippedRelease]) -> list[str]:
    """What `make run` does with the content in the repository, in words, one line per step.

    The base export (`fixtures/roadmap.json`) is release 1's content: it is imported (added or updated, never
    deleted) while release 1 is the current one, so fixes to it reach every installation that is still there. Then
    each shipped release not yet published is published, oldest first; once one is, the base is never imported
    again, since it would bring back what a release changed or retired.
    """
    done = []
    current = Release.objects.current()
    if current is None or current.number == 1:
        done.append(f"Imported {content_import(data=base)} objects of release 1's content.")
    for release in sorted(shipped, key=lambda release: release.order):
        published = release_ship(shipped=release)
        if published is not None:
            done.append(f"Published release {published.name}: {len(published.changes)} changes.")
    return done
