"""The learner dashboard: readiness follows every tick, empty states, lists, bounded queries (role pages and the
home page: test_roles_and_home.py; progress days and the heatmap: test_dashboard_days.py)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from progress.selectors import event_list_latest, progress_by_item_counted
from progress.services import progress_set_status
from roadmap.models import Item, Publication, Role
from roadmap.services import content_set_status
from tests.builders import grow_content, grow_learners
from tests.factories import (
    RoleFactory,
    StageFactory,
    TrackFactory,
    UserFactory,
)
from tests.progress.steps import DASHBOARD, learned, readiness_of
from tests.queries import (
    CONTENT_VERSION,
    DASHBOARD_READS_TOGETHER,
    KEPT_PER_CONTENT_VERSION,
    SEEN_KEY_SAVES,
    SHOWN_STATEMENTS,
)

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_first_sign_in_opens_get_started_and_later_ones_the_dashboard(client, user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    credentials = {"login": user.email, "password": "correct horse battery staple"}
    first = client.post(reverse("account_login"), credentials)
    assert (first.status_code, first["Location"]) == (302, reverse("onboarding:start"))
    client.logout()
    second = client.post(reverse("account_login"), credentials)
    assert (second.status_code, second["Location"]) == (302, DASHBOARD)


def test_a_new_learner_is_told_what_to_do_first(client_logged_in, content):
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert "Start here" in page
    assert f'href="{reverse("onboarding:start")}">Get started</a>' in page
    assert readiness_of(page, "ml-engineer") == "0%"
    assert "A good first step" in page and "Python" in page


def test_an_empty_site_renders_without_dividing_by_zero(client_logged_in):
    response = client_logged_in.get(DASHBOARD)
    assert response.status_code == 200
    assert "No role is published yet" in response.content.decode()


def test_one_tick_moves_every_role_that_needs_the_item(client_logged_in, user, content):
    client_logged_in.post(reverse("progress:status", args=["python"]), {"status": "done", "origin_asked": "1"})
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert readiness_of(page, "ml-engineer") == "50%"  # 5 of 10
    assert readiness_of(page, "data-scientist") == "50%"  # 4 of 8
    assert "Start here" not in page


def test_skipped_and_retired_items_count_as_the_page_says(client_logged_in, user, content):
    progress_set_status(user=user, item=content["python"], status="done")
    progress_set_status(user=user, item=content["maths"], status="skipped", skip_reason="not_relevant")
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert readiness_of(page, "ml-engineer") == "50%"
    assert "1 skipped, counted as not done" in page
    assert "80 h" in page and "30 h of it in items you skipped" in page

    content_set_status(queryset=Item.objects.filter(slug="python"), status=Publication.RETIRED)
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert readiness_of(page, "ml-engineer") == "0%"  # 0 of 5: the retired item left numerator and denominator


def test_the_forecast_uses_the_learners_goals(client_logged_in, user, content):
    Profile.objects.create(user=user, hours_per_week=10, target_date=timezone.localdate() + timedelta(days=30))
    learned(user, content["python"])
    page = client_logged_in.get(DASHBOARD).content.decode()
    finish = timezone.localdate() + timedelta(days=56)  # 80 h left at 10 h a week
    planned = page.split('id="planned-forecast">', 1)[1].split("</dd>", 1)[0]
    assert f"ready on {finish:%-d %B %Y}" in planned and "The 10 h per week you said" in planned
    pace = page.split('id="pace-forecast">', 1)[1].split("</dd>", 1)[0]
    assert "20 h" in pace and "5.0 h per week" in pace  # 20 h finished in 4 weeks
    # One item finished today is not enough history for a verdict, however far the target looks.
    verdict = page.split('id="forecast-verdict">', 1)[1].split("</p>", 1)[0]
    assert "Not enough history yet" in verdict and "Behind" not in page


def test_the_burn_up_chart_draws_scope_forecasts_and_target_with_its_numbers(client_logged_in, user, content):
    """The chart is a Jinja2 macro fed by dashboard_tags.burnup_chart: its lines, labels and table, from the forecast
    alone."""
    target = timezone.localdate() + timedelta(days=30)
    Profile.objects.create(user=user, hours_per_week=10, target_date=target)
    learned(user, content["python"])
    page = client_logged_in.get(DASHBOARD).content.decode()
    chart = page.split('id="burnup-heading"', 1)[1].split("</details>", 1)[0]
    assert [label.split("<", 1)[0] for label in chart.split('class="chart-label"')[1:4]] == [
        ' x="0" y="196">0 h',
        ' x="0" y="106">50 h',
        ' x="0" y="16">100 h',
    ], "the scope (20 h done + 80 h left) at the top, offsets as whole numbers"
    assert chart.count('<polyline class="burnup-forecast burnup-forecast-planned"') == 1
    assert chart.count('<line class="burnup-target"') == 1, "the target date is inside the chart"
    assert "top line: 100 h, ready</p>" in chart
    assert "<td>20</td>" in chart.split("<tbody>", 1)[1], "the week's hours in the table"
    assert f"<li>Target date: {target:%-d %b %Y}</li>" in chart
    finish = timezone.localdate() + timedelta(days=56)
    assert f": 100 h reached on {finish:%-d %b %Y}</li>" in chart, "where the planned line ends"


def test_the_dashboard_leads_with_the_learners_target_role(client_logged_in, user, content):
    scientist = Role.objects.get(slug="data-scientist")
    Profile.objects.create(user=user, target_role=scientist)
    page = client_logged_in.get(DASHBOARD).content.decode()
    main = page.split('<main id="main"', 1)[1]
    assert main.index('id="goal-heading"') < main.index('id="roles-heading"')
    assert main.split("<h1", 1)[1].split("</h1>", 1)[0] == ' class="fw-bold">Data scientist'
    assert main.split('id="goal-heading"', 1)[1].split("</h2>", 1)[0] == ' class="h5 mb-1">Your readiness'
    assert 'data-readiness="data-scientist"' in main.split('id="roles-heading"', 1)[0]
    other_roles = main.split('id="roles-heading"', 1)[1]
    assert "<details" in other_roles and 'data-readiness="ml-engineer"' in other_roles
    folded = other_roles.split("</details>", 1)[0]
    assert "<table" in folded and 'href="/roles/ml-engineer/"' in folded, "one row per role, its page one click away"


def test_known_before_counts_for_readiness_and_never_for_pace(client_logged_in, user, content):
    Profile.objects.create(user=user, hours_per_week=5, target_date=timezone.localdate() + timedelta(days=300))
    for item in (content["python"], content["maths"]):
        progress_set_status(user=user, item=item, status="done", origin="known_before")
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert readiness_of(page, "ml-engineer") == "80%"  # 8 of 10
    assert "You finished nothing here in the last 4 weeks" in page
    assert "Not enough history yet" in page
    assert "<strong>0</strong>-day streak now" in page, "known before is not a progress day"


def test_next_steps_start_with_what_is_in_progress(client_logged_in, user, content):
    progress_set_status(user=user, item=content["deploy"], status="in_progress")
    page = client_logged_in.get(DASHBOARD).content.decode()
    steps = page.split('aria-labelledby="next-heading"', 1)[1].split("</ol>", 1)[0]
    assert steps.index("Deploy") < steps.index("Python") < steps.index("Maths")


def test_skill_areas_are_bars_with_their_full_names_and_weights(client_logged_in, user, content):
    progress_set_status(user=user, item=content["python"], status="done")
    page = client_logged_in.get(DASHBOARD).content.decode()
    areas = page.split('id="areas-heading"', 1)[1].split("</section>", 1)[0]
    python_area = content["python"].skill_area.title
    assert f'aria-label="{python_area}: 5 of ' in areas and "<svg" not in areas
    assert areas.count("<progress") == areas.count("<li"), "one bar per area, read out with its weights"


def test_titles_with_markup_show_as_text_in_every_list(client_logged_in, user, content):
    """The dashboard's lists are Jinja2 macros (progress/jinja2/progress/dashboard.html): each title is escaped
    (MarkupSafe writes a quote as `&#34;`, which a browser reads as Django's `&quot;`)."""
    Item.objects.filter(pk=content["maths"].pk).update(title='Maths <b>&</b> "stats"')
    Role.objects.filter(slug="data-scientist").update(title="Data <i>scientist</i>")
    content["track"].stages.update(title="Foundations <em>first</em>")
    progress_set_status(user=user, item=content["maths"], status="in_progress")
    page = client_logged_in.get(DASHBOARD).content.decode()
    maths = "Maths &lt;b&gt;&amp;&lt;/b&gt; &#34;stats&#34;"
    assert "<b>&</b>" not in page and "<i>scientist</i>" not in page and "<em>first</em>" not in page
    assert f"{maths}</a> · 30 h · in progress</li>" in page, "still missing for the goal, under way"
    assert f"· {maths}: in progress</li>" in page, "the latest changes"
    assert 'aria-label="Data &lt;i&gt;scientist&lt;/i&gt;: 0% ready"' in page
    assert '<span class="stage-name">Foundations &lt;em&gt;first&lt;/em&gt;</span>' in page


def test_progress_rows_take_their_items_from_the_content_read_once(user, content, django_assert_num_queries):
    """The dashboard passes the kept published items: one query for the rows; an item the kept content does not
    know yet (published since it was read) is read then."""
    progress_set_status(user=user, item=content["python"], status="done")
    progress_set_status(user=user, item=content["maths"], status="in_progress")
    kept = {item.pk: item for item in Item.objects.all()}
    with django_assert_num_queries(1):
        rows = progress_by_item_counted(user=user, items=kept)
    assert rows[content["python"].pk].item is kept[content["python"].pk]
    assert rows[content["maths"].pk].status == "in_progress"
    with django_assert_num_queries(2):
        rows = progress_by_item_counted(user=user, items={content["python"].pk: kept[content["python"].pk]})
    assert rows[content["maths"].pk].item.title == "Maths"


def test_the_read_written_out_once_gives_each_learner_their_own_rows(user, content):
    """The dashboard's progress rows and latest changes are statements written out once per process and run with
    each learner's id: never another learner's rows; no rows on retired items."""
    other = UserFactory()
    progress_set_status(user=user, item=content["python"], status="done")
    progress_set_status(user=other, item=content["maths"], status="in_progress")
    progress_set_status(user=other, item=content["deploy"], status="done")
    kept = {item.pk: item for item in Item.objects.all()}
    mine, theirs = (progress_by_item_counted(user=learner, items=kept) for learner in (user, other))
    assert {item_id: row.status for item_id, row in mine.items()} == {content["python"].pk: "done"}
    assert {item_id: row.status for item_id, row in theirs.items()} == {
        content["maths"].pk: "in_progress",
        content["deploy"].pk: "done",
    }
    assert theirs[content["deploy"].pk].completed_at is not None and theirs[content["deploy"].pk].learner_id == other.pk
    assert [change.item_title for change in event_list_latest(user=user)] == ["Python"]
    assert [(change.item_title, change.to_status) for change in event_list_latest(user=other)] == [
        ("Deploy", "done"),
        ("Maths", "in_progress"),
    ], "newest first"
    content_set_status(queryset=Item.objects.filter(pk=content["deploy"].pk), status=Publication.RETIRED)
    assert set(progress_by_item_counted(user=other, items=kept)) == {content["maths"].pk}
    assert event_list_latest(user=other)[0].item_title == "Deploy", "a retired item's change stays in the record"


# --- Query budget ---------------------------------------------------------------------------------------------------


# 14 of its own (with a content release's notice not yet dismissed, the banner), what the learner has shown
# (tests.queries.SHOWN_STATEMENTS), the content version (tests.queries.CONTENT_VERSION), 2 for the week line (the
# plan with its entries, the review states; the learner's progress is the dashboard's). Of its own, 7 read the published
# content once per content version and process (tests.queries.CONTENT_QUERIES): every later dashboard skips them. On
# PostgreSQL the learner's reads and the banner travel as one, and the week line's two as one
# (DASHBOARD_READS_TOGETHER).
DASHBOARD_QUERIES = 16 + SHOWN_STATEMENTS + CONTENT_VERSION - DASHBOARD_READS_TOGETHER


def test_the_dashboard_runs_a_fixed_number_of_queries(
    client_logged_in, user, assert_page_queries, assert_computed_again
):
    Profile.objects.create(user=user, hours_per_week=5)
    roles = [RoleFactory(is_primary=True), RoleFactory(), RoleFactory()]
    stage = StageFactory(track=TrackFactory())
    grow_content(5, roles, stage)
    for item in Item.objects.all()[:3]:
        progress_set_status(user=user, item=item, status="done")
    client_logged_in.get(DASHBOARD)  # the first view of the week makes its plan (tests/planning pins that cost)
    assert_page_queries(client_logged_in, DASHBOARD, DASHBOARD_QUERIES)
    assert_computed_again(client_logged_in, DASHBOARD_QUERIES - KEPT_PER_CONTENT_VERSION - SEEN_KEY_SAVES)
    grow_content(195, roles, stage)
    assert_page_queries(client_logged_in, DASHBOARD, DASHBOARD_QUERIES)  # 200 items cost what 5 do
    assert_computed_again(client_logged_in, DASHBOARD_QUERIES - KEPT_PER_CONTENT_VERSION - SEEN_KEY_SAVES)
    grow_learners(1000)
    assert_page_queries(client_logged_in, DASHBOARD, DASHBOARD_QUERIES)  # 1,000 learners cost what 1 does


@pytest.fixture
def assert_computed_again(django_assert_num_queries):
    """The dashboard computed again (its page no longer cached) while the content has not changed."""

    def check(client, expected):
        caches["pages"].clear()
        with django_assert_num_queries(expected):
            assert client.get(DASHBOARD).status_code == 200

    return check
