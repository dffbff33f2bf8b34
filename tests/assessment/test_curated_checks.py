"""The curated content (fixtures/, loaded by `make run`) gives every item a role requires a way to be shown: a
ready self-check for a skill, a rubric of at least four criteria for a project; and every question is well formed."""

import pytest
from django.db.models import Count, Q

from roadmap.models import Item, ItemKind, Question, QuestionKind, Rubric, SelfCheck

pytestmark = pytest.mark.django_db


def required_items():
    return Item.objects.published().filter(role_requirements__is_required=True).distinct()


def test_every_required_skill_has_a_ready_check_and_every_required_project_a_rubric(curated):
    banks = dict(SelfCheck.objects.annotate(bank=Count("questions")).values_list("item__slug", "bank"))
    criteria = dict(Rubric.objects.annotate(count=Count("criteria")).values_list("item__slug", "count"))
    missing = []
    for item in required_items():
        if item.kind == ItemKind.PROJECT:
            if criteria.get(item.slug, 0) < 4:
                missing.append(f"{item.slug}: rubric with {criteria.get(item.slug, 0)} criteria")
        elif banks.get(item.slug, 0) < 6:
            missing.append(f"{item.slug}: check with {banks.get(item.slug, 0)} questions")
    assert missing == []


def test_every_question_is_well_formed(curated):
    questions = Question.objects.annotate(
        right=Count("choices", filter=Q(choices__is_correct=True)), choices_count=Count("choices")
    ).select_related("self_check__item")
    wrong = []
    for question in questions:
        name = f"{question.self_check.item.slug}/{question.key}"
        single_wrong = question.kind == QuestionKind.SINGLE and (question.right != 1 or question.choices_count < 3)
        multiple_wrong = question.kind == QuestionKind.MULTIPLE and not 2 <= question.right < question.choices_count
        if single_wrong or multiple_wrong:
            wrong.append(f"{name}: {question.right} right of {question.choices_count}")
        elif question.kind == QuestionKind.NUMERIC and (question.answer is None or question.choices_count):
            wrong.append(f"{name}: a number question needs its answer and no choices")
        if not question.explanation.strip():
            wrong.append(f"{name}: no explanation")
    assert wrong == []
    for check in SelfCheck.objects.annotate(bank=Count("questions")):
        assert check.bank >= check.bank_needed, check.item.slug


def test_rubrics_pass_at_level_three_everywhere_and_fail_at_two_on_half(curated):
    for rubric in Rubric.objects.annotate(count=Count("criteria")):
        half = rubric.count // 2
        assert 3 * rubric.count >= rubric.pass_mark, rubric.item.slug
        assert 2 * half + 3 * (rubric.count - half) < rubric.pass_mark, rubric.item.slug
