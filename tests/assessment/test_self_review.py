"""A learner scores their own project against its rubric: kept and shown to them, never counted as shown."""

import pytest
from django.urls import reverse

from assessment.models import SelfReview, ShownItem
from progress.hooks import shown_item_ids
from roadmap.models import ItemKind, Rubric, RubricCriterion
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db
KEYS = ["runs", "tested", "documented", "monitored"]


@pytest.fixture
def project():
    item = ItemFactory(slug="capstone", title="Capstone", kind=ItemKind.PROJECT)
    rubric = Rubric.objects.create(item=item, pass_mark=11)
    for position, key in enumerate(KEYS):
        RubricCriterion.objects.create(rubric=rubric, key=key, title=key.title(), position=position, level_1="Missing.",
                                       level_2="Partly.", level_3="Meets it.", level_4="Beyond it.")  # fmt: skip
    return item


def post(client, scores):
    return client.post(reverse("assessment:self-review", args=["capstone"]),
                       {f"score-{key}": str(score) for key, score in scores.items()})  # fmt: skip


def test_a_self_review_is_kept_shown_to_the_learner_and_never_counts(client_logged_in, user, project):
    page = client_logged_in.get(project.get_absolute_url()).content.decode()
    assert 'id="item-rubric"' in page and "never counts as shown" in page
    assert post(client_logged_in, dict.fromkeys(KEYS, 4)).status_code == 302
    assert SelfReview.objects.get(learner=user).total == 16
    page = client_logged_in.get(project.get_absolute_url()).content.decode()
    assert "Your self-review: 16</strong>" in page
    assert not ShownItem.objects.exists() and project.pk not in shown_item_ids(learner_id=user.pk)
    post(client_logged_in, dict.fromkeys(KEYS, 2))
    assert SelfReview.objects.get(learner=user).total == 8, "a new self-review replaces the last"


@pytest.mark.parametrize("scores", [{"runs": 3}, {**dict.fromkeys(KEYS, 3), "runs": 7}, {"nope": 3}])
def test_an_incomplete_or_out_of_range_self_review_is_refused(client_logged_in, project, scores):
    response = post(client_logged_in, scores)
    assert response.status_code == 400 and "Score every criterion" in response.content.decode()
    assert not SelfReview.objects.exists()


def test_a_visitor_cannot_save_one(client, project):
    assert post(client, dict.fromkeys(KEYS, 3)).status_code == 302
    assert not SelfReview.objects.exists()
