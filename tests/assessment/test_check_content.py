"""Checks and rubrics are content: exports carry them, imports bring them back, the admin edits them."""

import json

import pytest
from django.urls import reverse

from roadmap.models import Choice, Question, Rubric, RubricCriterion, SelfCheck
from roadmap.services import content_export, content_import
from tests.assessment.checks import make_check
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_an_export_carries_checks_and_rubrics_and_an_import_brings_them_back():
    make_check(ItemFactory(slug="statistics"))
    project = ItemFactory(slug="capstone", kind="project")
    rubric = Rubric.objects.create(item=project, pass_mark=11)
    for position in range(4):
        RubricCriterion.objects.create(rubric=rubric, key=f"c{position}", title=f"Criterion {position}",
                                       level_1="Missing.", level_2="Partly.", level_3="Meets it.",
                                       level_4="Beyond it.", position=position)  # fmt: skip
    exported = content_export()
    models = {obj["model"] for obj in json.loads(exported)}
    assert {"roadmap.selfcheck", "roadmap.question", "roadmap.choice", "roadmap.rubric"} <= models
    assert '"is_correct"' in exported and '"pk"' not in exported, "natural keys, no database ids"
    SelfCheck.objects.all().delete()
    Rubric.objects.all().delete()
    content_import(data=exported)
    assert SelfCheck.objects.get(item__slug="statistics").questions.count() == 6
    assert Choice.objects.filter(question__key="multiple", is_correct=True).count() == 2
    assert Question.objects.get(key="numeric").answer is not None
    assert Rubric.objects.get(item__slug="capstone").criteria.count() == 4
    content_import(data=exported)
    assert Question.objects.count() == 6, "importing twice leaves one copy"


def test_the_admin_lists_checks_with_their_bank_and_whether_they_are_ready(editor_client):
    make_check(ItemFactory(slug="ready", title="Ready one"))
    make_check(ItemFactory(slug="small", title="Small one"), singles=2)
    page = editor_client.get(reverse("admin:roadmap_selfcheck_changelist")).content.decode()
    assert "Ready one" in page and "Small one" in page
    assert page.count('alt="True"') == 1 and page.count('alt="False"') == 1
