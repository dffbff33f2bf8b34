"""Staff insights: staff only, exact numbers on a small seeded case, a fixed number of queries at any size."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Background, Profile
from assessment.models import ShownBy, ShownItem
from progress.insights import staff_insights
from progress.models import Origin, ProgressEvent, SkipReason
from progress.services import progress_set_status
from tests.builders import grow_content, grow_learners
from tests.factories import ItemFactory, RoleFactory, StageFactory, StageItemFactory, TrackFactory, UserFactory
from tests.queries import CONTENT_VERSION

pytestmark = pytest.mark.django_db
URL = "/staff/insights/"
TECH, NON_TECH, NOT_SET, ALL = 0, 1, 2, 3


def test_insights_are_refused_to_visitors_and_learners(client, user):
    assert reverse("account_login") in client.get(URL)["Location"]
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_the_admin_links_to_insights(editor_client):
    assert URL in editor_client.get(reverse("admin:index")).content.decode()
    assert editor_client.get(URL).status_code == 200


@pytest.fixture
def seeded(editor):
    """Five learners: three tech, one non-tech, one without a profile; a 5-item stage and a 2-item stage."""
    track = TrackFactory(slug="ml", short_title="ML")
    first, second = StageFactory(track=track, slug="first"), StageFactory(track=track, slug="second")
    first_items = [StageItemFactory(stage=first, item__slug=f"a{n}", item__title=f"A{n}").item for n in range(5)]
    second_items = [StageItemFactory(stage=second, item__slug=f"b{n}", item__title=f"B{n}").item for n in range(2)]
    tech = [UserFactory() for _ in range(3)]
    non_tech = UserFactory()
    no_profile = UserFactory()
    for learner in tech:
        Profile.objects.create(user=learner, background=Background.TECH)
    Profile.objects.create(user=non_tech, background=Background.NON_TECH)

    def tick(learner, items, status="done", reason="", origin=""):
        for item in items:
            progress_set_status(user=learner, item=item, status=status, skip_reason=reason, origin=origin)

    tick(tech[0], first_items[:4])  # 80% of the first stage: completed
    tick(tech[1], first_items[:3])  # 60%: not completed
    tick(tech[1], second_items)  # 100% of the second stage
    tick(non_tech, first_items)  # all of the first stage
    tick(non_tech, [second_items[0]], "skipped", SkipReason.NOT_RELEVANT)
    tick(tech[2], [second_items[0]], "done", origin=Origin.KNOWN_BEFORE)
    tick(no_profile, [second_items[0]], "done", origin=Origin.KNOWN_BEFORE)
    tick(editor, first_items)  # staff are not learners
    # tech[0] last acted 10 days ago: active in 30 days, not in 7.
    ProgressEvent.objects.filter(learner=tech[0]).update(created_at=timezone.now() - timedelta(days=10))
    return {"first": first_items, "second": second_items}


def test_insight_numbers_on_a_small_case_are_exact(seeded):
    insights = staff_insights()
    assert insights.learners.cells() == [3, 1, 1, 5]
    assert insights.active_7.cells() == [2, 1, 1, 4]
    assert insights.active_30.cells() == [3, 1, 1, 5]
    funnel = {stage.slug: (size, cells) for _track, stage, size, cells in insights.funnel}
    assert funnel["first"] == (5, [1, 1, 0, 2])
    assert funnel["second"] == (2, [1, 0, 0, 1])
    items = {item.slug: item for item in insights.items}
    assert items["a0"].rates == [67, 100, 0, 60]  # 2 of 3 tech, 1 of 1 non-tech, 0 of 1, 3 of 5
    assert items["a4"].rates == [0, 100, 0, 20]
    assert items["b0"].rates == [67, 0, 100, 60], "known before joining is done"
    most = insights.most_skipped
    assert [item.slug for item in most] == ["b0"]
    assert most[0].skipped.cells() == [0, 1, 0, 1]
    known = insights.most_known_before
    assert [item.slug for item in known] == ["b0"]
    assert known[0].known_before.cells() == [1, 0, 1, 2]
    this_week = insights.signups[-1][1]
    assert this_week == [3, 1, 1, 5]


def test_the_insights_page_shows_the_numbers(editor_client, seeded):
    page = editor_client.get(URL).content.decode()
    assert 'data-stage="ml/first"' in page
    row = page.split('data-stage="ml/first"', 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in row.split('class="text-end">')[1:]] == ["5", "1", "1", "0", "2"]
    assert 'data-item="b0"' in page and "Most skipped items" in page


INSIGHTS_QUERIES = 12 + CONTENT_VERSION  # with how many learners have shown each item (assessment)


def test_insights_run_a_fixed_number_of_queries(editor_client, assert_page_queries):
    roles = [RoleFactory(is_primary=True)]
    stage = StageFactory(track=TrackFactory())
    grow_content(5, roles, stage)
    grow_learners(1)
    assert_page_queries(editor_client, URL, INSIGHTS_QUERIES)
    grow_content(195, roles, stage)
    ItemFactory(status="retired")
    assert_page_queries(editor_client, URL, INSIGHTS_QUERIES)  # 200 items cost what 5 do
    grow_learners(1000)
    assert_page_queries(editor_client, URL, INSIGHTS_QUERIES)  # 1,000 learners cost what 1 does


def test_staff_see_how_far_claimed_and_shown_differ_per_item(editor_client):
    item = ItemFactory(slug="claimed-item")
    learners = [UserFactory() for _ in range(3)]
    for learner in learners:
        progress_set_status(user=learner, item=item, status="done")
    ShownItem.objects.create(learner=learners[0], item=item, shown_by=ShownBy.CHECK)
    page = editor_client.get(URL).content.decode()
    row = page.split('data-item="claimed-item">', 1)[1].split("</tr>", 1)[0]
    assert '<td class="text-end" data-claimed>3</td><td class="text-end" data-shown>1</td>' in row
