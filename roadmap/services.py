"""Writes with side effects on the curated content: publishing, retiring, export, import."""

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import QuerySet

from .cache import content_changed
from .models import Item, Publication, Resource, Role, RoleRequirement, SkillArea, Stage, StageItem, Track

# In dependency order, so an import can save each object as it reads it.
CONTENT_MODELS = [SkillArea, Resource, Track, Stage, Item, StageItem, Role, RoleRequirement]


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
        for deserialized in serializers.deserialize("json", data, ignorenonexistent=False):
            model = type(deserialized.object)
            if model not in allowed:
                raise ContentImportError(
                    f"The file holds {model._meta.label} objects; only roadmap content can be imported."
                )
            deserialized.object.full_clean(validate_unique=False, validate_constraints=False)
            deserialized.save()
            saved += 1
    except ContentImportError:
        raise
    except ValidationError as error:
        raise ContentImportError(f"Invalid content: {'; '.join(error.messages)}") from error
    except (DeserializationError, ObjectDoesNotExist, IntegrityError, DatabaseError, ValueError, TypeError) as error:
        raise ContentImportError(f"This is not a valid content export: {_reason(error)}") from error
    if not saved:
        raise ContentImportError("The file holds no content to import.")
    return saved
