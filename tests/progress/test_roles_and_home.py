"""Role pages and the target role a learner picks there, and the home page that greets a learner with their next
step."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from accounts.models import Profile
from progress.services import progress_set_status
from roadmap.models import Role
from tests.factories import (
    StageFactory,
    StageItemFactory,
    TrackFactory,
)
from tests.progress.steps import DASHBOARD

pytestmark = pytest.mark.django_db


def test_the_role_page_shows_a_learner_their_readiness_and_gap(client, user, content):
    url = reverse("roadmap:role-detail", args=["ml-engineer"])
    assert "Your readiness" not in client.get(url).content.decode()
    client.force_login(user)
    progress_set_status(user=user, item=content["python"], status="done")
    page = client.get(url).content.decode()
    assert "Your readiness" in page and "50%" in page
    gap = page.split("What is missing", 1)[1].split("</ol>", 1)[0]
    assert gap.index("Maths") < gap.index("Deploy") and "Python" not in gap
    table = page.split("<caption", 1)[1].split("</table>", 1)[0]
    statuses = [cell.split('"', 1)[0] for cell in table.split('data-status="')[1:]]
    assert statuses == ["done", "not_started", "not_started"]  # Python (5), Maths (3), Deploy (2): heaviest first


def test_make_this_my_target_from_a_role_page(client_logged_in, user, content):
    url = reverse("roadmap:role-detail", args=["data-scientist"])
    page = client_logged_in.get(url).content.decode()
    assert "Make this my target" in page
    response = client_logged_in.post(reverse("accounts:target-role"), {"target_role": Role.objects.get(
        slug="data-scientist").pk, "next": url})  # fmt: skip
    assert (response.status_code, response["Location"]) == (302, url)
    assert Profile.objects.get(user=user).target_role.slug == "data-scientist"
    page = client_logged_in.get(url).content.decode()
    assert "Data scientist is now your target role" in page and "Your target role" in page
    assert "Make this my target" not in page


@pytest.mark.parametrize("target_role", ["", "abc", "999999"])
def test_make_this_my_target_refuses_a_role_that_is_not_there(client_logged_in, user, content, target_role):
    response = client_logged_in.post(reverse("accounts:target-role"), {"target_role": target_role})
    assert response.status_code == 400
    assert not Profile.objects.filter(user=user).exists()


def test_make_this_my_target_does_not_follow_a_foreign_next(client_logged_in, user, content):
    role = Role.objects.get(slug="data-scientist")
    response = client_logged_in.post(
        reverse("accounts:target-role"), {"target_role": role.pk, "next": "https://evil.example.com/"}
    )
    assert response["Location"] == DASHBOARD


def test_visitors_cannot_set_a_target(client, content):
    response = client.post(reverse("accounts:target-role"), {"target_role": Role.objects.get(slug="ml-engineer").pk})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_home_page_greets_a_learner_with_their_next_step(client, user, content):
    visitor_page = client.get("/").content.decode()
    assert "From first line of Python" in visitor_page and "Continue:" not in visitor_page
    client.force_login(user)
    progress_set_status(user=user, item=content["python"], status="done")
    page = client.get("/").content.decode()
    heading = page.split('id="continue-heading">', 1)[1].split("</h1>", 1)[0]
    assert heading == f'Continue: <a href="{content["maths"].get_absolute_url()}">Maths</a>'
    assert "ML engineer: <strong>50%</strong> ready" in page
    assert "From first line of Python" not in page


def test_a_career_changer_is_led_to_the_career_change_track_until_they_start_another(client_logged_in, user, content):
    changers = TrackFactory(slug="career-change", position=9, for_career_changers=True)
    change_stage = StageFactory(track=changers, title="First steps")
    StageItemFactory(stage=change_stage, item=content["deploy"])  # the career-change path starts with Deploy
    Profile.objects.create(user=user, background="non_tech")

    def next_steps():
        caches["pages"].clear()
        page = client_logged_in.get(DASHBOARD).content.decode()
        steps = page.split('aria-labelledby="next-heading"', 1)[1].split("</ol>", 1)[0]
        return sorted((title for title in ("Python", "Maths", "Deploy") if title in steps), key=steps.index), page

    steps, page = next_steps()
    assert steps[0] == "Deploy" and steps.index("Deploy") < steps.index("Python")
    assert f'href="{changers.get_absolute_url()}"' in page.split('id="start-heading"', 1)[1].split("</section>")[0]
    # Known before joining is not progress on the main track: still led to the career-change track.
    progress_set_status(user=user, item=content["maths"], status="done", origin="known_before")
    assert next_steps()[0][0] == "Deploy"
    progress_set_status(user=user, item=content["python"], status="in_progress")
    steps, _page = next_steps()
    assert steps[0] == "Python", "started the main track: its order again (in progress first)"
    Profile.objects.filter(user=user).update(background="tech")
    progress_set_status(user=user, item=content["python"], status="not_started")
    steps, _page = next_steps()
    assert steps == ["Python", "Deploy"], "a tech learner follows the main track (Maths is known)"


def test_make_this_my_target_runs_a_fixed_number_of_queries(client_logged_in, user, content, django_assert_num_queries):
    """Session, user with profile, the role's choice check, the profile insert in its own transaction (BEGIN and
    COMMIT: a second tab's first save may race it), the session's message."""
    role = Role.objects.get(slug="data-scientist")
    with django_assert_num_queries(TARGET_ROLE_QUERIES):
        response = client_logged_in.post(reverse("accounts:target-role"), {"target_role": role.pk})
    assert response.status_code == 302


TARGET_ROLE_QUERIES = 7
