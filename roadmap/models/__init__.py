"""Curated content: tracks of ordered stages, the items a learner ticks off, roles and their requirements.

Retiring, not deleting, is how content leaves the site: a retired item or role is hidden from every public
page but kept, so learners' progress that points at it survives. Relations inside the content (an item's place
in a stage, a role's requirement) cascade with their content; a learner's progress (the progress app) points at
items with PROTECT, so deleting an item someone has progress on is refused.
"""

from .checks import RUBRIC_LEVELS, Choice, Question, QuestionKind, Rubric, RubricCriterion, SelfCheck, posted_scores
from .content import (
    Item,
    ItemKind,
    Publication,
    PublishableManager,
    PublishableQuerySet,
    Resource,
    ResourceKind,
    ResourceManager,
    SkillArea,
    SlugNaturalKeyManager,
    Stage,
    StageItem,
    StageItemManager,
    StageManager,
    Track,
)
from .releases import ItemLineage, LineageKind, Release, ReleaseQuerySet, ReleaseState
from .roles import Role, RoleRequirement, RoleRequirementManager
from .terms import ItemTerm
from .version import ContentVersion

__all__ = [
    "RUBRIC_LEVELS",
    "Choice",
    "ContentVersion",
    "Item",
    "ItemKind",
    "ItemLineage",
    "ItemTerm",
    "LineageKind",
    "Publication",
    "PublishableManager",
    "PublishableQuerySet",
    "Question",
    "QuestionKind",
    "Release",
    "ReleaseQuerySet",
    "ReleaseState",
    "Resource",
    "ResourceKind",
    "ResourceManager",
    "Role",
    "RoleRequirement",
    "RoleRequirementManager",
    "Rubric",
    "RubricCriterion",
    "SelfCheck",
    "SkillArea",
    "SlugNaturalKeyManager",
    "Stage",
    "StageItem",
    "StageItemManager",
    "StageManager",
    "Track",
    "posted_scores",
]  # fmt: skip
