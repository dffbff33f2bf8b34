"""This week's plan: made from the learner's own record, stored per week, changed only by its owner."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from planning.models import PlanEntry, ReviewState, WeekPlan
from planning.selectors import current_monday, plan_and_review_states, plan_get, review_states, week_outcome
from planning.services import plan_for_week
from progress.models import ProgressStatus
from progress.services import progress_set_status
from roadmap.models import Item, Publication
from roadmap.selectors import content_snapshot
from roadmap.services import content_set_status
from tests.factories import ItemFactory, StageItemFactory, UserFactory
from tests.queries import CONTENT_VERSION, WEEK_LINE_TOGETHER

pytestmark = pytest.mark.django_db
PLAN = reverse("planning:plan")


def entries(plan) -> list[tuple[str, int]]:
    return [(entry.item.slug, entry.hours) for entry in plan.entries.all() if not entry.dropped]


def test_the_plan_puts_items_in_progress_first_then_the_next_steps_up_to_the_hours(client_logged_in, user, path):
    progress_set_status(user=user, item=path["stats"], status=ProgressStatus.IN_PROGRESS)
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    page = client_logged_in.get(PLAN)
    plan = WeekPlan.objects.get(learner=user)
    assert entries(plan) == [("stats", 4), ("sql", 4), ("maths", 2)], "10 h: the 20 h item is split to fit"
    html = page.content.decode()
    assert "Part of <a" in html and "2 h of 20 h" in html
    assert "Planned 10 h of your 10 h a week" in html


def test_the_dashboards_read_of_the_plan_and_reviews_is_what_each_read_gives(user, path, django_assert_num_queries):
    """planning.selectors.plan_and_review_states (the dashboard's week line): the plan as plan_get gives it, entries
    in order with their items (a retired one too) and plan, and only this learner's review states; no plan at all
    before the week's is made, and an empty plan with no entries."""
    monday, other = date(2026, 11, 23), UserFactory()
    assert plan_and_review_states(user=user, monday=monday) == (None, {})
    plan = plan_for_week(user=user, profile=user.profile, monday=monday)
    PlanEntry.objects.filter(plan=plan, item=path["python"]).update(position=9)
    PlanEntry.objects.filter(plan=plan, item=path["sql"]).update(dropped=True)
    content_set_status(queryset=Item.objects.filter(pk=path["maths"].pk), status=Publication.RETIRED)
    for learner, item in ((user, path["python"]), (other, path["sql"])):
        ReviewState.objects.create(
            learner=learner, item=item, step=1, reviewed_at=timezone.now(), last_answer="confident"
        )
    content_snapshot()  # the kept content, without the retired item
    with django_assert_num_queries(2 - WEEK_LINE_TOGETHER + 1):  # and the retired item, read by id
        read, states = plan_and_review_states(user=user, monday=monday)
    expected = plan_get(user=user, monday=monday)
    assert (read.pk, read.week_start, read.hours_budget) == (expected.pk, expected.week_start, expected.hours_budget)
    with django_assert_num_queries(0):
        shown = [(entry.pk, entry.item.slug, entry.hours, entry.dropped, entry.plan) for entry in read.entries.all()]
    assert shown == [(entry.pk, entry.item.slug, entry.hours, entry.dropped, read) for entry in expected.entries.all()]
    assert [entry[1] for entry in shown] == ["sql", "maths", "python"], "in the plan's order; maths is retired"
    assert all(entry[4] is read for entry in shown), "each entry's plan is the plan read"
    assert {item_id: state.step for item_id, state in states.items()} == {path["python"].pk: 1}
    assert states == review_states(user=user)
    empty = WeekPlan.objects.create(learner=user, week_start=monday + timedelta(days=7), hours_budget=10)
    read, _states = plan_and_review_states(user=user, monday=empty.week_start)
    assert read.pk == empty.pk and list(read.entries.all()) == []


def test_an_item_larger_than_the_week_is_planned_as_part_of_it(user, path):
    user.profile.hours_per_week = 3
    for slug in ("python", "sql"):
        progress_set_status(user=user, item=path[slug], status=ProgressStatus.DONE)
    plan = plan_for_week(user=user, profile=user.profile, monday=date(2026, 11, 23))
    assert entries(plan) == [("maths", 3)]
    assert plan.entries.get().is_part


def test_the_plan_is_stored_per_week_and_last_weeks_outcome_stays_visible(client_logged_in, user, path):
    profile = user.profile
    this_monday = current_monday(profile)
    last = plan_for_week(user=user, profile=profile, monday=this_monday - timedelta(days=7))
    assert entries(last) == [("python", 4), ("sql", 4), ("maths", 2)]
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    done_then = datetime.combine(this_monday - timedelta(days=3), datetime.min.time(), tzinfo=UTC)
    user.progress.filter(item=path["python"]).update(completed_at=done_then)
    page = client_logged_in.get(PLAN).content.decode()
    assert "planned 10 h, done 4 h" in page, "last week's plan and what became of it"
    assert WeekPlan.objects.filter(learner=user).count() == 2
    assert entries(WeekPlan.objects.get(learner=user, week_start=this_monday))[0] == ("sql", 4)


def test_dropping_adding_and_pinning_change_only_this_weeks_plan(client_logged_in, user, path):
    client_logged_in.get(PLAN)
    plan = WeekPlan.objects.get(learner=user)
    sql = plan.entries.get(item=path["sql"])
    assert client_logged_in.post(reverse("planning:entry-drop", args=[sql.pk])).status_code == 302
    assert ("sql", 4) not in entries(WeekPlan.objects.get(learner=user))
    extra = ItemFactory(slug="docker", title="Docker", estimated_hours=6)
    assert client_logged_in.post(reverse("planning:entry-add"), {"item": "docker"}).status_code == 302
    assert ("docker", 6) in entries(WeekPlan.objects.get(learner=user))
    python = plan.entries.get(item=path["python"])
    client_logged_in.post(reverse("planning:entry-pin", args=[python.pk]), {"pinned": "on"})
    python.refresh_from_db()
    assert python.pinned
    next_week = plan_for_week(user=user, profile=user.profile, monday=plan.week_start + timedelta(days=7))
    assert entries(next_week)[0] == ("python", 4), "a pinned item opens next week's plan"
    assert next_week.entries.first().pinned
    assert extra.pk not in {entry.item_id for entry in next_week.entries.all()}, "added by hand is not carried"


def test_a_done_item_cannot_be_added_and_a_bad_choice_is_a_form_error(client_logged_in, user, path):
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    client_logged_in.get(PLAN)
    before = PlanEntry.objects.count()
    for data in ({"item": "python"}, {"item": "no-such-item"}, {}):
        response = client_logged_in.post(reverse("planning:entry-add"), data)
        assert response.status_code == 400
        assert 'aria-invalid="true"' in response.content.decode()
    assert PlanEntry.objects.count() == before


def test_another_learners_entries_answer_404_and_stay_as_they_were(client_logged_in, user, path):
    other = UserFactory()
    theirs = plan_for_week(user=other, profile=None, monday=date(2026, 11, 23))
    entry = theirs.entries.first()
    for name in ("planning:entry-drop", "planning:entry-pin"):
        assert client_logged_in.post(reverse(name, args=[entry.pk]), {"pinned": "on"}).status_code == 404
    entry.refresh_from_db()
    assert not entry.dropped and not entry.pinned


def test_plan_pages_need_sign_in_and_writes_need_post(client, user, path):
    assert client.get(PLAN).status_code == 302
    client.force_login(user)
    assert client.get(reverse("planning:entry-add")).status_code == 405
    assert client.get(reverse("planning:calendar-replace")).status_code == 405


@pytest.mark.parametrize(
    ("zone", "utc_moment", "monday"),
    [
        ("Asia/Tokyo", datetime(2026, 11, 29, 16, 0, tzinfo=UTC), date(2026, 11, 30)),  # Monday 01:00 in Tokyo
        ("America/Los_Angeles", datetime(2026, 11, 30, 6, 0, tzinfo=UTC), date(2026, 11, 23)),  # Sunday 22:00
        ("", datetime(2026, 11, 30, 0, 0, tzinfo=UTC), date(2026, 11, 30)),  # no zone chosen: UTC
    ],
)
def test_the_week_turns_at_midnight_in_the_learners_own_zone(user, path, zone, utc_moment, monday):
    user.profile.time_zone = zone
    assert current_monday(user.profile, now=utc_moment) == monday


def test_an_outcome_counts_items_done_by_the_end_of_the_week_only(user, path):
    plan = plan_for_week(user=user, profile=user.profile, monday=date(2026, 11, 23))
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    progress_set_status(user=user, item=path["sql"], status=ProgressStatus.DONE)
    user.progress.filter(item=path["sql"]).update(completed_at=datetime(2026, 12, 1, tzinfo=UTC))
    user.progress.filter(item=path["python"]).update(completed_at=datetime(2026, 11, 29, 22, tzinfo=UTC))
    progress = {row.item_id: row for row in user.progress.select_related("item")}
    outcome = week_outcome(plan=plan, progress=progress, zone=ZoneInfo("Europe/Paris"))
    assert (outcome.planned_hours, outcome.done_hours, outcome.done_items) == (10, 4, 1)


PLAN_QUERIES = 10 + CONTENT_VERSION


def test_the_plan_page_runs_a_fixed_number_of_queries(client_logged_in, user, path, assert_page_queries):
    client_logged_in.get(PLAN)  # the week's plan is made on the first visit
    assert_page_queries(client_logged_in, PLAN, PLAN_QUERIES)
    stage = path["python"].placements.first().stage
    for number in range(195):
        StageItemFactory(stage=stage, position=100 + number)
    assert_page_queries(client_logged_in, PLAN, PLAN_QUERIES)


# Each call below comes after a content change, so it includes the 7 queries that read the published content once
# per content version (roadmap.selectors.content_snapshot; tests.queries.CONTENT_QUERIES).
MAKE_QUERIES = 16


def test_making_a_weeks_plan_costs_the_same_for_5_and_200_items(user, path, django_assert_num_queries):
    monday = date(2026, 11, 23)
    with django_assert_num_queries(MAKE_QUERIES):
        plan_for_week(user=user, profile=user.profile, monday=monday)
    stage = path["python"].placements.first().stage
    for number in range(195):
        StageItemFactory(stage=stage, position=100 + number)
    other = UserFactory()
    Profile.objects.create(user=other, target_role=user.profile.target_role, hours_per_week=10)
    with django_assert_num_queries(MAKE_QUERIES):
        plan = plan_for_week(user=other, profile=other.profile, monday=monday)
    assert entries(plan) == [("python", 4), ("sql", 4), ("maths", 2)]


def test_plans_and_reviews_are_in_my_data_and_go_with_the_account(client_logged_in, user, path):
    from careerpath.personal_data import collect

    client_logged_in.get(PLAN)
    records = collect(user)
    assert [row["item"] for row in records["week_plans"]] == ["python", "sql", "maths"]
    assert records["reviews"] == []
    user.delete()
    assert not WeekPlan.objects.exists() and not PlanEntry.objects.exists()
