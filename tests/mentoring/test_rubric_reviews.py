"""A mentor reviews a project's evidence against its rubric: every criterion scored 1-4; the project is shown when
the scores pass (the pass mark, no criterion at 1). Endorsements given before rubrics stand as passed reviews."""

import pytest
from django.test import Client
from django.urls import reverse

from mentoring.models import EvidenceReview
from mentoring.services import cohort_create
from progress.dashboard import learner_dashboard
from progress.hooks import shown_items_by_learner
from progress.services import progress_set_details
from roadmap.models import Rubric, RubricCriterion
from tests.factories import ItemFactory, UserFactory
from tests.mentoring.conftest import signed_in
from tests.migrations import latest_but, leaf_nodes, migrate, schema_at

pytestmark = pytest.mark.django_db

CRITERIA = ["runs", "tested", "documented", "monitored"]


@pytest.fixture
def rubric(world):
    made = Rubric.objects.create(item=world["project"], pass_mark=11)
    for position, key in enumerate(CRITERIA):
        RubricCriterion.objects.create(rubric=made, key=key, title=key.title(), position=position, level_1="Missing.",
                                       level_2="Partly.", level_3="Meets it.", level_4="Beyond it.")  # fmt: skip
    return made


def review(world, client, verdict, scores):
    url = reverse("mentoring:review", args=[world["cohort"].pk, world["membership"].pk, "deployed-model"])
    data = {"verdict": verdict, "comment": "Read it all.", **{f"score-{key}": str(score) for key, score in scores}}
    return client.post(url, data)


def shown_projects(world):
    dashboard = learner_dashboard(user=world["member"], profile=world["member"].profile)
    return {state.item.slug for state in dashboard.target.required if state.is_shown}


def test_the_member_page_asks_for_a_score_on_every_criterion(world, rubric):
    page = (
        signed_in(world["mentor"])
        .get(reverse("mentoring:member", args=[world["cohort"].pk, world["membership"].pk]))
        .content.decode()
    )
    assert 'id="rubric-deployed-model"' in page and "It passes at 11 with no criterion below 2" in page
    for key in CRITERIA:
        assert f'name="score-{key}" value="4"' in page


def test_passing_scores_endorse_and_the_project_becomes_shown(world, rubric):
    assert (
        review(world, signed_in(world["mentor"]), "endorsed", zip(CRITERIA, [3, 3, 3, 2], strict=True)).status_code
        == 302
    )
    saved = EvidenceReview.objects.get()
    assert (saved.verdict, saved.rubric_total, saved.scores["documented"]) == ("endorsed", 11, 3)
    assert "deployed-model" in shown_projects(world)


@pytest.mark.parametrize(
    ("scores", "says"),
    [([4, 4, 4, 1], "do not pass (13 of 11 needed, none below 2)"), ([3, 3, 2, 2], "do not pass (10 of 11"),
     ([3, 3, 3], "Score every criterion"), ([3, 3, 3, 5], "Score every criterion")],
)  # fmt: skip
def test_scores_that_do_not_pass_cannot_endorse_and_nothing_is_written(world, rubric, scores, says):
    response = review(world, signed_in(world["mentor"]), "endorsed", zip(CRITERIA, scores, strict=False))
    assert response.status_code == 400 and says in response.content.decode()
    assert not EvidenceReview.objects.exists() and "deployed-model" not in shown_projects(world)


def test_a_capstone_passes_only_when_every_criterion_meets_the_done_when(world, rubric):
    """A capstone's rubric sets its lowest level to 3: a total at the pass mark with a criterion only partly met
    (2) asks for changes; 3 everywhere endorses."""
    Rubric.objects.filter(pk=rubric.pk).update(min_level=3)
    mentor = signed_in(world["mentor"])
    refused = review(world, mentor, "endorsed", zip(CRITERIA, [4, 4, 3, 2], strict=True))
    assert refused.status_code == 400 and "do not pass (13 of 11 needed, none below 3)" in refused.content.decode()
    assert not EvidenceReview.objects.exists()
    assert review(world, mentor, "endorsed", zip(CRITERIA, [3, 3, 3, 3], strict=True)).status_code == 302
    assert "deployed-model" in shown_projects(world)


def test_changes_asked_with_scores_are_kept_and_show_nothing(world, rubric):
    assert (
        review(world, signed_in(world["mentor"]), "changes", zip(CRITERIA, [2, 2, 2, 1], strict=True)).status_code
        == 302
    )
    assert EvidenceReview.objects.get().rubric_total == 7
    assert "deployed-model" not in shown_projects(world)


@pytest.mark.parametrize("who", ["other mentor", "other", "member", "former", "visitor"])
def test_only_the_cohorts_mentor_reviews(world, rubric, who):
    if who == "other mentor":
        cohort_create(mentor=world["other"], name="Another group")
        client = signed_in(world["other"])
    else:
        client = Client() if who == "visitor" else signed_in(world[who])
    response = review(world, client, "endorsed", zip(CRITERIA, [4, 4, 4, 4], strict=True))
    assert response.status_code == (302 if who == "visitor" else 404)
    assert not EvidenceReview.objects.exists()


def test_a_changed_evidence_link_withdraws_the_review_and_the_project_is_no_longer_shown(world, rubric):
    review(world, signed_in(world["mentor"]), "endorsed", zip(CRITERIA, [3, 3, 3, 3], strict=True))
    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v2")
    assert "deployed-model" not in shown_projects(world)


@pytest.fixture
def before_rubric_scores(transactional_db):
    with schema_at(latest_but("mentoring", "0003_one_current_review_per_mentor")) as apps:
        yield apps


def test_endorsements_from_before_rubrics_stand_as_passed_reviews_without_scores(before_rubric_scores):
    OldReview = before_rubric_scores.get_model("mentoring", "EvidenceReview")
    learner, mentor, item = UserFactory(), UserFactory(), ItemFactory(kind="project")
    endorsed = OldReview.objects.create(learner_id=learner.pk, item_id=item.pk, mentor_id=mentor.pk,
                                        verdict="endorsed", evidence_url="https://example.org/e").pk  # fmt: skip
    migrate(leaf_nodes())
    row = EvidenceReview.objects.get(pk=endorsed)
    assert (row.verdict, row.scores, row.rubric_total) == ("endorsed", {}, None)
    assert shown_items_by_learner(learner_ids=[learner.pk]) == {learner.pk: {item.pk}}
    migrate(latest_but("mentoring", "0003_one_current_review_per_mentor"))  # and back: the row survives
    assert before_rubric_scores.get_model("mentoring", "EvidenceReview").objects.filter(pk=endorsed).exists()
    migrate(leaf_nodes())
