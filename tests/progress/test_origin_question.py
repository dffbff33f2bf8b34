"""A tick from not started straight to done on an item of 20 hours or more asks where it was learned, in the track
row with htmx and on a page without; the answer sets the origin. Nothing is saved until it is answered."""

import pytest

from progress.models import Progress
from progress.services import progress_set_status
from tests.factories import StageItemFactory
from tests.progress.steps import HTMX, post_status

pytestmark = pytest.mark.django_db


def test_with_htmx_the_row_asks_and_nothing_is_saved(client_logged_in, user, content):
    response = post_status(client_logged_in, "maths", "done", data={"track": "ml", "next": "/tracks/ml/"}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and "30 h in one step: learned here or known before?" in page
    row_id = f'id="row-{content["maths"].placements.get().stage_id}-{content["maths"].pk}"'
    assert row_id in page and 'hx-swap-oob="true"' in page
    assert 'name="status" value="done"' in page and 'value="done:known_before"' in page
    assert not Progress.objects.filter(learner=user).exists()


@pytest.mark.parametrize(("answer", "origin"), [("done", "here"), ("done:known_before", "known_before")])
def test_the_answer_sets_the_origin(client_logged_in, user, content, answer, origin):
    response = post_status(client_logged_in, "maths", answer, data={"origin_asked": "1", "track": "ml"}, **HTMX)
    assert response.status_code == 200 and "learned here or known before" not in response.content.decode()
    row = Progress.objects.get(learner=user, item=content["maths"])
    assert (row.status, row.origin) == ("done", origin)


def test_without_javascript_a_page_asks_and_keeps_where_to_return(client_logged_in, user, content):
    response = post_status(client_logged_in, "deploy", "done", data={"next": "/tracks/ml/#row-1"})
    page = response.content.decode()
    assert response.status_code == 200 and '<h1 class="fw-bold">Learned here or known before?</h1>' in page
    assert 'name="next" value="/tracks/ml/#row-1"' in page and "Leave it as it was" in page
    assert not Progress.objects.filter(learner=user).exists()


def test_a_short_item_or_one_already_started_is_not_asked(client_logged_in, user, content):
    short = StageItemFactory(stage=content["maths"].placements.get().stage, item__estimated_hours=19).item
    assert post_status(client_logged_in, short.slug, "done").status_code == 302
    progress_set_status(user=user, item=content["deploy"], status="in_progress")
    assert post_status(client_logged_in, "deploy", "done").status_code == 302
    assert post_status(client_logged_in, "maths", "done:known_before").status_code == 302, "it says where already"
    assert Progress.objects.filter(learner=user, status="done").count() == 3
