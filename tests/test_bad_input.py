"""Every form-taking view answers bad input with a 4xx (a form error or our error page), never a 500, and writes
nothing: one table of inputs per view family."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from progress.models import Progress, ProgressEvent
from tests.factories import ItemFactory, RoleFactory, StageItemFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db

NUL, BELL = "a\x00b", "ring\x07"
CHOICE_BAD = [
    {}, {"status": ""}, {"status": "done-ish"}, {"status": "skipped"}, {"status": "skipped:already_known"},
    {"status": "done:somewhere"}, {"status": "in_progress:known_before"}, {"status": NUL},
]  # fmt: skip
# The rows' form also names the track to redraw; the item page's form has no use for it.
STATUS_BAD = [*CHOICE_BAD, {"status": "done", "track": "nope"}, {"status": "done", "track": "../../etc"}]
UPDATE_BAD = [
    *CHOICE_BAD, {"status": "done", "note": "x" * 5001}, {"status": "done", "note": NUL},
    {"status": "done", "note": BELL}, {"status": "done", "evidence_url": "javascript:alert(1)"},
    {"status": "done", "evidence_url": "ftp://x.example"}, {"status": "done", "evidence_url": "not a url"},
    {"status": "done", "evidence_url": "http://" + "a" * 600 + ".example"},
]  # fmt: skip
GOALS_BAD = [
    {}, {"target_role": "x"}, {"target_role": 999999}, {"background": "alien"}, {"hours_per_week": -1},
    {"hours_per_week": 0}, {"hours_per_week": 101}, {"hours_per_week": "ten"}, {"target_date": "2020-01-01"},
    {"target_date": "31/31/2031"}, {"time_zone": "Mars/Olympus"}, {"time_zone": NUL}, {"display_name": BELL},
    {"display_name": "x" * 81},
]  # fmt: skip


@pytest.fixture
def site(db):
    role = RoleFactory(is_primary=True)
    python = StageItemFactory(stage__track=TrackFactory(slug="ml"), item=ItemFactory(slug="python")).item
    return {"role": role, "python": python}


def written(user) -> tuple[int, int, int]:
    return (
        Progress.objects.filter(learner=user).count(),
        ProgressEvent.objects.filter(learner=user).count(),
        Profile.objects.filter(user=user).count(),
    )


def post(client, url, data):
    client.raise_request_exception = False
    return client.post(url, data)


@pytest.mark.parametrize("data", STATUS_BAD)
def test_status_changes(client_logged_in, user, site, data):
    response = post(client_logged_in, reverse("progress:status", args=["python"]), data)
    assert 400 <= response.status_code < 500 and written(user) == (0, 0, 0)


@pytest.mark.parametrize("data", UPDATE_BAD)
def test_the_item_form(client_logged_in, user, site, data):
    response = post(client_logged_in, reverse("progress:update", args=["python"]), data)
    assert 400 <= response.status_code < 500 and written(user) == (0, 0, 0)


GOALS_CASES = [
    (view, bad)
    for view in ("accounts:goals", "onboarding:start")
    for bad in GOALS_BAD
    if not (view == "onboarding:start" and "display_name" in bad)  # Get started asks no display name
]


@pytest.mark.parametrize(("view", "bad"), GOALS_CASES)
def test_the_goals_forms(client_logged_in, user, site, view, bad):
    data = {"display_name": "", "target_role": site["role"].pk, "background": "tech", "hours_per_week": 5,
            "time_zone": "UTC", "target_date": ""} | bad  # fmt: skip
    if not bad:
        data = {}
    response = post(client_logged_in, reverse(view), data)
    assert 400 <= response.status_code < 500 and written(user) == (0, 0, 0)


@pytest.mark.parametrize(
    ("view", "data"),
    [
        ("onboarding:known", {"known": "abc"}),
        ("onboarding:known", {"known": "999999"}),
        ("accounts:target-role", {}),
        ("accounts:target-role", {"target_role": "abc"}),
        ("accounts:target-role", {"target_role": "999999"}),
        ("accounts:delete", {}),
        ("accounts:delete", {"password": "wrong"}),
    ],
)
def test_the_other_forms(client_logged_in, user, site, view, data):
    response = post(client_logged_in, reverse(view), data)
    assert 400 <= response.status_code < 500 and written(user) == (0, 0, 0)
    assert UserFactory._meta.model.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("view", ["progress:status", "progress:update"])
def test_get_on_a_post_only_view_is_405(client_logged_in, site, view):
    assert Client().get(reverse(view, args=["python"])).status_code == 405
    assert client_logged_in.get(reverse(view, args=["python"])).status_code == 405


PLAN_BAD = [
    ("planning:entry-add", {}), ("planning:entry-add", {"item": ""}), ("planning:entry-add", {"item": "nope"}),
    ("planning:entry-add", {"item": NUL}), ("planning:entry-add", {"item": "../../etc"}),
    ("planning:entry-add", {"item": "python"}),  # done below: a done item is refused
    ("planning:review", {}), ("planning:review", {"answer": ""}), ("planning:review", {"answer": "sure"}),
    ("planning:review", {"answer": NUL}),
]  # fmt: skip


@pytest.mark.parametrize(("view", "data"), PLAN_BAD)
def test_the_plan_forms(client_logged_in, user, site, view, data):
    from planning.models import PlanEntry, ReviewState
    from progress.services import progress_set_status

    progress_set_status(user=user, item=site["python"], status="done")
    client_logged_in.get(reverse("planning:plan"))  # the week's plan exists, as after any visit
    before = (PlanEntry.objects.count(), ReviewState.objects.count(), written(user))
    url = reverse(view, args=["python"]) if view == "planning:review" else reverse(view)
    response = post(client_logged_in, url, data)
    assert 400 <= response.status_code < 500
    assert (PlanEntry.objects.count(), ReviewState.objects.count(), written(user)) == before


@pytest.mark.parametrize(
    "url",
    [
        "/plan/entries/999999/drop/", "/plan/entries/999999/pin/", "/plan/entries/abc/drop/", "/plan/reviews/nope/",
        "/plan/calendar/not-a-token.ics", "/plan/digest/stop/not-a-token/", "/plan/digest/stop/%00/",
    ],
)  # fmt: skip
def test_the_plan_endpoints_answer_unknown_ids_and_tokens_with_4xx(client_logged_in, site, url):
    client_logged_in.raise_request_exception = False
    response = client_logged_in.post(url, {"answer": "shaky", "pinned": "on"})
    assert 400 <= response.status_code < 500
