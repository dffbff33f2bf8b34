"""After a release, each learner it touches is told what changed for them: a page of their own (readiness before
and after, the forecast's shift), a banner on the dashboard until they dismiss it, and one mention in the digest.
The admin's preview shows the same numbers before publishing."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Profile
from planning.digest import digests_send_due
from progress.models import ProgressStatus, ReleaseNotice
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Item, LineageKind
from roadmap.services import release_publish
from tests.factories import UserFactory
from tests.progress.steps import DASHBOARD, readiness_of
from tests.roadmap.releases import draft, exported, small_path, with_new_item, without_item

pytestmark = pytest.mark.django_db


def done(learner, *slugs):
    for slug in slugs:
        progress_set_status(user=learner, item=Item.objects.get(slug=slug), status=ProgressStatus.DONE)


@pytest.fixture
def learners():
    """On small_path (five required items of weight 2, 10 h each): whole has both parts of the coming merge done,
    half one of them, splitter has the item to be split done, bystander only a note on python, which stays."""
    small_path()
    whole, half, splitter, bystander, newcomer = (UserFactory(email=f"{name}@example.com") for name in (
        "whole", "half", "splitter", "bystander", "newcomer"))  # fmt: skip
    done(whole, "regression", "trees")
    done(half, "regression")
    done(splitter, "sql")
    progress_set_details(user=bystander, item=Item.objects.get(slug="python"), note="Later.", evidence_url="")
    return {"whole": whole, "half": half, "splitter": splitter, "bystander": bystander, "newcomer": newcomer}


def merge_and_split_draft():
    """regression and trees merged into classic-models; sql split into sql-queries and sql-modelling."""
    objects = with_new_item(exported(), "classic-models", like="regression", title="Classic models")
    objects = with_new_item(objects, "sql-queries", like="sql", title="SQL queries")
    objects = with_new_item(objects, "sql-modelling", like="sql", title="Data modelling")
    for slug in ("regression", "trees", "sql"):
        objects = without_item(objects, slug)
    return draft(
        objects,
        lineage=[
            ("regression", LineageKind.MERGED, ["classic-models"]),
            ("trees", LineageKind.MERGED, ["classic-models"]),
            ("sql", LineageKind.SPLIT, ["sql-queries", "sql-modelling"]),
        ],
    )


def test_the_admin_preview_counts_against_a_hand_built_database(editor_client, learners):
    """Before: 5 items x 2. After: python, statistics, classic-models, sql-queries, sql-modelling, 2 each (10).
    whole 40% -> 20% (the merged item is done: 1 of 5); half 20% -> 0% (the merge is in progress: done became not
    done); splitter 20% -> 40% (both parts carried); bystander 0% -> 0%, hours 50 -> 50, and no change on an item
    of theirs: not touched (the new items' requirements came with the items that left, which they never held)."""
    release = merge_and_split_draft()
    page = editor_client.get(reverse("admin:roadmap_release_change", args=[release.pk])).text
    assert '<td data-count="learners">3</td>' in page
    assert '<td data-count="done-to-not-done">1</td>' in page
    drops = page[page.index("Biggest readiness drops") :]
    assert drops.index("whole@example.com") < drops.index("half@example.com"), "the biggest drop first"
    assert "<td>whole@example.com</td><td>Role" in drops and "<td>40%</td><td>20%</td>" in drops
    assert "<td>half@example.com</td>" in drops and "<td>20%</td><td>0%</td>" in drops
    assert "splitter@example.com" not in drops, "a rise is no drop"
    assert '<li data-learners="2">' in page and "Leaves: Regression" in page  # whole and half hold regression
    confirm = editor_client.get(reverse("admin:roadmap_release_publish", args=[release.pk])).text
    assert "Learners it touches: 3. Of them, with something done that would become not done for a role: 1." in confirm


def test_publishing_writes_the_numbers_the_preview_showed_and_the_dashboard_agrees(client, learners):
    release_publish(release=merge_and_split_draft())
    notices = {notice.learner.email: notice for notice in ReleaseNotice.objects.select_related("learner")}
    assert set(notices) == {"whole@example.com", "half@example.com", "splitter@example.com"}, (
        "neither the bystander, whom no change touches, nor the newcomer, with no record, is told"
    )
    shown = {email: (n.percent_before, n.percent_after, n.hours_before, n.hours_after) for email, n in notices.items()}
    assert shown == {
        "whole@example.com": (40, 20, 30, 40), "half@example.com": (20, 0, 40, 50),
        "splitter@example.com": (20, 40, 40, 30),
    }  # fmt: skip
    for name in ("whole", "half", "splitter"):
        client.force_login(learners[name])
        shown_now = readiness_of(client.get(DASHBOARD).content.decode(), "ml-engineer")
        assert shown_now == f"{notices[f'{name}@example.com'].percent_after}%"


def test_the_page_lists_only_the_changes_that_touch_the_learner(client, learners):
    release = merge_and_split_draft()
    release_publish(release=release)
    client.force_login(learners["half"])
    page = client.get(reverse("progress:release-changes", args=[release.number])).content.decode()
    assert "20% before, <strong>0% now</strong>" in page
    assert "Regression</strong> was merged into" in page and "you had this part done" in page
    assert "Sql</strong> was split" not in page, "half never touched sql"
    assert "Trees</strong>" not in page
    client.force_login(learners["splitter"])
    page = client.get(reverse("progress:release-changes", args=[release.number])).content.decode()
    assert '<a href="/items/sql-queries/">SQL queries</a> and <a href="/items/sql-modelling/">Data modelling</a>' in (
        page
    )
    assert "Each part carries your status (done)" in page


def test_the_forecast_shift_is_in_weeks_at_the_learners_own_hours(client, learners):
    release = merge_and_split_draft()
    Profile.objects.update_or_create(user=learners["half"], defaults={"hours_per_week": 5})
    release_publish(release=release)
    client.force_login(learners["half"])
    page = client.get(reverse("progress:release-changes", args=[release.number])).content.decode()
    assert "about 2.0 weeks later at the 5 h a week you said" in page  # 10 h more to do


@pytest.mark.parametrize("who", ["owner", "other learner", "visitor"])
def test_what_changed_is_the_learners_own(client, learners, who):
    release = merge_and_split_draft()
    release_publish(release=release)
    url = reverse("progress:release-changes", args=[release.number])
    dismiss = reverse("progress:release-changes-dismiss", args=[release.number])
    if who != "visitor":
        client.force_login(learners["half" if who == "owner" else "newcomer"])
    response = client.get(url)
    if who == "owner":
        assert response.status_code == 200 and "What changed for you" in response.content.decode()
    elif who == "other learner":
        assert response.status_code == 404, "the release touched nothing of theirs, and half's page is not theirs"
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.post(dismiss)
    dismissed = ReleaseNotice.objects.get(learner=learners["half"]).dismissed_at is not None
    assert dismissed == (who == "owner"), "only the owner's own POST dismisses their banner"


def test_the_banner_shows_until_the_learner_dismisses_it(client, learners):
    release = merge_and_split_draft()
    release_publish(release=release)
    client.force_login(learners["half"])
    page = client.get(DASHBOARD).content.decode()
    assert 'id="release-notice"' in page and "The path changed: release 2026.2" in page
    assert f'href="/changes/{release.number}/"' in page
    assert 'id="release-notice"' in client.get(DASHBOARD).content.decode(), "still there on the next visit"
    dismiss = reverse("progress:release-changes-dismiss", args=[release.number])
    assert client.get(dismiss).status_code == 405, "dismissing is a POST"
    assert client.post(dismiss).status_code == 302
    assert 'id="release-notice"' not in client.get(DASHBOARD).content.decode(), "gone, from the cached page too"
    client.force_login(learners["newcomer"])
    assert 'id="release-notice"' not in client.get(DASHBOARD).content.decode()


def test_the_weekly_digest_mentions_the_release_once(learners):
    release = merge_and_split_draft()
    release_publish(release=release)
    Profile.objects.update_or_create(user=learners["half"], defaults={"weekly_digest": True})
    digests_send_due(now=datetime(2026, 11, 23, 8, 30, tzinfo=UTC))
    assert len(mail.outbox) == 1
    assert "THE PATH CHANGED: release 2026.2 touches your record" in mail.outbox[0].body
    assert f"/changes/{release.number}/" in mail.outbox[0].body
    assert "What changed for you" in mail.outbox[0].alternatives[0][0]
    digests_send_due(now=datetime(2026, 11, 30, 8, 30, tzinfo=UTC))  # the next week's
    assert len(mail.outbox) == 2
    assert "THE PATH CHANGED" not in mail.outbox[1].body


def test_publishing_twice_writes_one_notice_per_learner(learners):
    release = merge_and_split_draft()
    release_publish(release=release)
    release_publish(release=release)
    assert ReleaseNotice.objects.filter(learner=learners["half"]).count() == 1


def test_a_weight_change_of_their_roles_requirement_tells_every_learner_with_a_record(client, learners):
    objects = exported()
    requirement = next(o for o in objects if o["model"] == "roadmap.rolerequirement" and o["fields"]["item"] == ["sql"])
    requirement["fields"]["weight"] = 5
    release = draft(objects)
    release_publish(release=release)
    told = set(ReleaseNotice.objects.values_list("learner__email", flat=True))
    assert told == {f"{name}@example.com" for name in ("whole", "half", "splitter", "bystander")}
    client.force_login(learners["splitter"])
    page = client.get(reverse("progress:release-changes", args=[release.number])).content.decode()
    assert "now has weight 5 (it was 2)" in page and "You have it done." in page
    assert "20% before, <strong>38% now</strong>" in page  # 5 of 13


def test_what_a_learner_showed_follows_the_lineage(learners):
    """half showed regression only, whole showed both merged parts, splitter showed sql (split in two)."""
    from assessment.models import ShownBy, ShownItem

    for name, slugs in (("half", ["regression"]), ("whole", ["regression", "trees"]), ("splitter", ["sql"])):
        for slug in slugs:
            ShownItem.objects.create(learner=learners[name], item=Item.objects.get(slug=slug), shown_by=ShownBy.CHECK)
    release_publish(release=merge_and_split_draft())

    def shown(name):
        return set(ShownItem.objects.filter(learner=learners[name]).values_list("item__slug", flat=True))

    assert "classic-models" in shown("whole") and "classic-models" not in shown("half")
    assert {"sql-queries", "sql-modelling"} <= shown("splitter")
    assert "regression" in shown("half"), "what was shown of the old item stays in the record"
