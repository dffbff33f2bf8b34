"""Get started: three steps, each validated before anything is written, known-before counted as done, never pace."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Background, Profile
from progress.dashboard import learner_dashboard
from progress.models import Progress, ProgressEvent
from progress.services import progress_set_status
from tests.assessment.checks import make_check
from tests.builders import grow_content
from tests.factories import (
    ItemFactory,
    RoleFactory,
    RoleRequirementFactory,
    StageFactory,
    StageItemFactory,
    TrackFactory,
    UserFactory,
)
from tests.progress.steps import learned
from tests.queries import CONTENT_VERSION

pytestmark = pytest.mark.django_db
START, KNOWN, RESULT = (reverse(f"onboarding:{name}") for name in ("start", "known", "result"))


@pytest.fixture
def site():
    """Two tracks: the main one (two stages) and the career-change one, which leads with a transferable skill."""
    engineer = RoleFactory(title="ML engineer", slug="ml-engineer", is_primary=True)
    manager = RoleFactory(title="AI product manager", slug="ai-product-manager")
    main = TrackFactory(slug="ml", position=1)
    changers = TrackFactory(slug="career-change", position=2, for_career_changers=True)
    basics, advanced = StageFactory(track=main, title="Basics", position=1), StageFactory(track=main, title="Later")
    items = {}
    for stage, slug, hours in [(basics, "python", 20), (basics, "maths", 30), (advanced, "deploy", 50)]:
        items[slug] = StageItemFactory(stage=stage, item__slug=slug, item__title=slug.title(),
                                       item__estimated_hours=hours).item  # fmt: skip
        RoleRequirementFactory(role=engineer, item=items[slug], weight=2)
    communication = StageItemFactory(stage=StageFactory(track=changers, title="First steps"),
                                     item__slug="communication", item__title="Communication",
                                     item__transferable=True).item  # fmt: skip
    RoleRequirementFactory(role=manager, item=communication, weight=5)
    RoleRequirementFactory(role=manager, item=items["python"], weight=1)
    return {"engineer": engineer, "manager": manager, "communication": communication, **items}


def goals(**overrides):
    data = {"target_role": "", "background": "tech", "target_date": "", "hours_per_week": 6, "time_zone": "UTC"}
    return data | overrides


@pytest.mark.parametrize("url", [START, KNOWN, RESULT])
def test_get_started_needs_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_step_one_saves_the_goals_and_moves_on(client_logged_in, user, site):
    target = (timezone.localdate() + timedelta(days=200)).isoformat()
    data = goals(target_role=site["manager"].pk, background="undisclosed", target_date=target, time_zone="Asia/Tokyo")
    response = client_logged_in.post(START, data)
    assert (response.status_code, response["Location"]) == (302, KNOWN)
    profile = Profile.objects.get(user=user)
    assert (profile.target_role, profile.background, profile.time_zone) == (
        site["manager"],
        "undisclosed",
        "Asia/Tokyo",
    )


def test_step_one_offers_no_choice_the_learner_did_not_make(client_logged_in, user, site):
    page = client_logged_in.get(START).content.decode()
    assert 'data-browser-zone="fill"' in page and 'list="id_time_zone-list"' in page
    form = page.split('class="card card-body start-form"', 1)[1].split("</form>", 1)[0]
    assert form.count('name="background"') == 3 and "I prefer not to say" in form
    assert "checked" not in form and "selected>Choose a role" in form
    hours = form.split('name="hours_per_week"', 1)[1].split(">", 1)[0]
    assert "value=" not in hours, "no hours suggested"
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("target_role", 999999, "Choose one of the roles"),
        ("target_role", "", "This field is required"),
        ("target_date", "2020-01-01", "from today on"),
        ("hours_per_week", 0, "at least 1 hour"),
        ("hours_per_week", 101, "at most 100 hours"),
        ("time_zone", "Mars/Olympus", "not a time zone we know"),
        ("background", "", "This field is required"),
    ],
)
def test_step_one_bad_input_is_a_form_error_and_writes_nothing(client_logged_in, user, site, field, value, message):
    data = goals(target_role=site["engineer"].pk)
    data[field] = value
    response = client_logged_in.post(START, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not Profile.objects.filter(user=user).exists()


def test_step_two_lists_the_target_roles_items_by_stage(client_logged_in, user, site):
    Profile.objects.create(user=user, target_role=site["engineer"], background=Background.TECH)
    page = client_logged_in.get(KNOWN).content.decode()
    legends = [part.split("</legend>", 1)[0] for part in page.split('<legend class="h5 mb-2">')[1:]]
    assert legends == ["Basics", "Later"]
    assert page.index("Python") < page.index("Maths") < page.index("Deploy")
    assert "Communication" not in page, "not on the way to ML engineer, and no career change"


def test_a_career_changer_is_offered_transferable_skills_first(client_logged_in, user, site):
    Profile.objects.create(user=user, target_role=site["manager"], background=Background.NON_TECH)
    page = client_logged_in.get(KNOWN).content.decode()
    legends = [part.split("</legend>", 1)[0] for part in page.split('<legend class="h5 mb-2">')[1:]]
    assert legends == ["From your previous career", "Basics"]
    client_logged_in.post(KNOWN, {"known": [site["communication"].pk]})
    assert Progress.objects.get(learner=user, item=site["communication"]).is_known_before


def test_step_two_marks_known_in_one_post_and_unmarks_what_is_unticked(client_logged_in, user, site):
    Profile.objects.create(user=user, target_role=site["engineer"], background=Background.TECH)
    response = client_logged_in.post(KNOWN, {"known": [site["python"].pk, site["maths"].pk]})
    assert (response.status_code, response["Location"]) == (302, RESULT)
    assert set(Progress.objects.filter(learner=user, origin="known_before").values_list("item__slug", flat=True)) == {
        "python", "maths"
    }  # fmt: skip
    page = client_logged_in.get(KNOWN).content.decode()
    assert f'value="{site["python"].pk}" id="known-python" checked' in page
    client_logged_in.post(KNOWN, {"known": [site["maths"].pk]})
    assert Progress.objects.get(learner=user, item=site["python"]).status == "not_started"


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_step_two_refuses_an_item_it_did_not_offer(client_logged_in, user, site, value):
    other = ItemFactory()
    for bad in (value, str(other.pk)):
        response = client_logged_in.post(KNOWN, {"known": [site["python"].pk, bad]})
        assert response.status_code == 400
        assert "not one of the items on this page" in response.content.decode()
    assert not Progress.objects.filter(learner=user).exists(), "nothing written"


def test_twenty_known_items_raise_readiness_and_leave_pace_at_zero(client_logged_in, user):
    engineer = RoleFactory(is_primary=True)
    stage = StageFactory(track=TrackFactory())
    grow_content(20, [engineer], stage)
    target = timezone.localdate() + timedelta(days=90)
    Profile.objects.create(user=user, target_role=engineer, hours_per_week=1, target_date=target)
    ids = [row.item.pk for row in stage.placements.select_related("item")]
    client_logged_in.post(KNOWN, {"known": ids})
    data = learner_dashboard(user=user, profile=Profile.objects.get(user=user))
    assert data.target.percent == 100
    assert data.forecast.pace_hours_per_week == 0
    assert data.current_streak == 0 and data.heatmap.active_days == 0
    learned(user, ItemFactory())  # one more, learned here: still too early
    data = learner_dashboard(user=user, profile=Profile.objects.get(user=user))
    assert data.forecast.finished_here == 1
    assert ProgressEvent.objects.filter(learner=user, kind="known").count() == 20


def test_twenty_known_items_give_not_enough_history(client_logged_in, user):
    engineer = RoleFactory(is_primary=True)
    stage = StageFactory(track=TrackFactory())
    grow_content(21, [engineer], stage)
    Profile.objects.create(user=user, target_role=engineer, hours_per_week=1,
                           target_date=timezone.localdate() + timedelta(days=30))  # fmt: skip
    ids = [row.item.pk for row in stage.placements.select_related("item")][:20]
    client_logged_in.post(KNOWN, {"known": ids})
    page = client_logged_in.get(RESULT).content.decode()
    assert "Not enough history yet" in page and "Behind" not in page
    assert 'id="start-readiness">95%' in page  # 20 of 21 equal weights


def test_step_three_shows_readiness_next_steps_and_forecast(client_logged_in, user, site):
    Profile.objects.create(user=user, target_role=site["engineer"], hours_per_week=10)
    progress_set_status(user=user, item=site["python"], status="done", origin="known_before")
    page = client_logged_in.get(RESULT).content.decode()
    assert 'id="start-readiness">33%' in page
    steps = page.split('id="steps-heading"', 1)[1].split("</ol>", 1)[0]
    assert steps.index("Maths") < steps.index("Deploy") and "Python" not in steps
    assert "No target date yet" in page and "The 10 h per week you said" in page


# session, user with profile, role, requirements, progress, 3 for the tracks, the content version, navigation, the
# items with a check ("prove it"; kept per content version)
STEP_TWO_QUERIES = 10 + CONTENT_VERSION


def test_each_claim_with_a_check_offers_to_prove_it(client_logged_in, user):
    engineer = RoleFactory(is_primary=True)
    Profile.objects.create(user=user, target_role=engineer, background=Background.NON_TECH)
    stage = StageFactory(track=TrackFactory())
    grow_content(3, [engineer], stage)
    checked, unchecked = (placement.item for placement in stage.placements.select_related("item")[:2])
    make_check(checked)
    page = client_logged_in.get(KNOWN).content.decode()
    assert f'href="/items/{checked.slug}/check/">Prove it' in page
    assert f"/items/{unchecked.slug}/check/" not in page


def test_step_two_runs_the_same_queries_for_5_items_and_for_200(client, assert_page_queries):
    learner = UserFactory()
    engineer = RoleFactory(is_primary=True)
    Profile.objects.create(user=learner, target_role=engineer, background=Background.NON_TECH)
    stage = StageFactory(track=TrackFactory())
    grow_content(5, [engineer], stage)
    client.force_login(learner)
    assert_page_queries(client, KNOWN, STEP_TWO_QUERIES)
    grow_content(195, [engineer], stage)
    assert_page_queries(client, KNOWN, STEP_TWO_QUERIES)
