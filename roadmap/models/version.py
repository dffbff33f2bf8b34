"""The content version: one row whose token every change to curated content replaces, in the change's transaction."""

from django.db import models
from django.db.models import Q


class ContentVersion(models.Model):
    """The version every cached page and kept outline of content is keyed on (roadmap.cache.content_token).

    It lives in the database, beside the content it versions, so an edit and its new version commit together or not
    at all: a version kept in the shared cache (Redis) could miss the edit (Redis refusing writes while the save
    committed) and leave stale pages behind, and could fail a save that worked. One row, `pk` 1 (a constraint).
    """

    ONLY = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONLY)
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="content_version_one_row")]

    def __str__(self) -> str:
        return self.token
