"""A learner pastes a job ad and sees what it asks for against their record; nobody else sees it."""

import pytest
from django.test import Client
from django.urls import reverse

from assessment.models import ShownBy, ShownItem
from jobs.models import AdSkill, JobAd
from planning.models import PlanEntry
from progress.models import ProgressStatus
from roadmap.models import ItemTerm
from tests.factories import ItemFactory, ProgressFactory, UserFactory
from tests.queries import SHOWN_LOOKUPS

AD = """Junior ML engineer

About us
We are an AI-first logistics company.

Requirements:
- Strong Python and SQL
- Experience training models with PyTorch
- Docker
- 3+ years of experience in a similar role

Nice to have:
- Kubernetes
"""


@pytest.fixture
def items(db):
    made = {}
    for slug, terms, hours in [
        ("python", ["Python"], 60), ("sql", ["SQL"], 30), ("pytorch", ["PyTorch", "torch"], 30),
        ("containers", ["Docker", "containers"], 15), ("kubernetes", ["Kubernetes", "k8s"], 20),
    ]:  # fmt: skip
        made[slug] = ItemFactory(slug=slug, title=slug.title(), estimated_hours=hours)
        for term in terms:
            ItemTerm.objects.create(item=made[slug], term=term, words=term.lower())
    return made


def paste(client, text=AD, title="Junior ML engineer", company="Acme Freight"):
    return client.post(reverse("jobs:ads"), {"title": title, "company": company, "text": text})


def test_an_ad_reads_as_shown_claimed_in_progress_and_missing_with_hours(client_logged_in, user, items):
    ProgressFactory(learner=user, item=items["python"])
    ShownItem.objects.create(learner=user, item=items["python"], shown_by=ShownBy.CHECK)
    ProgressFactory(learner=user, item=items["sql"])
    ProgressFactory(learner=user, item=items["pytorch"], status=ProgressStatus.IN_PROGRESS)
    response = paste(client_logged_in)
    ad = JobAd.objects.get(learner=user)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:ad", args=[ad.pk])
    page = client_logged_in.get(response["Location"]).content.decode()
    assert "asks for 4 things we know: you have shown 1, claimed 1 more, 1 is in progress, and 1 is missing" in page
    assert "about 45 hours of work left" in page  # PyTorch 30 in progress + Docker 15 missing
    assert page.count('data-state="shown"') == 1 and page.count('data-state="missing"') == 2  # Docker; Kubernetes
    assert "<mark>Kubernetes</mark>" in page
    assert "3+ years of experience in a similar role" in page
    assert AdSkill.objects.get(ad=ad, item=items["kubernetes"]).required is False


def test_the_missing_required_items_go_on_this_weeks_plan_in_one_click(client_logged_in, user, items):
    ProgressFactory(learner=user, item=items["python"])
    paste(client_logged_in)
    ad = JobAd.objects.get(learner=user)
    response = client_logged_in.post(reverse("jobs:ad-plan", args=[ad.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("planning:plan")
    planned = set(PlanEntry.objects.filter(plan__learner=user, dropped=False).values_list("item__slug", flat=True))
    assert {"sql", "pytorch", "containers"} <= planned
    assert "python" not in planned and "kubernetes" not in planned  # done; only nice to have
    again = client_logged_in.post(reverse("jobs:ad-plan", args=[ad.pk]), follow=True)
    assert "Nothing to add" in again.content.decode()


def test_reading_again_uses_the_terms_editors_added_since(client_logged_in, user, items):
    paste(client_logged_in, text="Requirements:\n- Scala and Python")
    ad = JobAd.objects.get(learner=user)
    assert ad.not_covered == []
    scala = ItemFactory(slug="scala", title="Scala")
    ItemTerm.objects.create(item=scala, term="Scala", words="scala")
    from roadmap.cache import content_changed

    content_changed()
    client_logged_in.post(reverse("jobs:ad-read-again", args=[ad.pk]))
    assert set(AdSkill.objects.filter(ad=ad).values_list("item__slug", flat=True)) == {"python", "scala"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "Paste the text of the ad."),
        ("   \n  ", "Paste the text of the ad."),
        ("x" * 100_000, "This text has 100,000 characters"),
        ("PK\x03\x04\x00\x00binary", "control characters"),
        ("Python\x1b[31m", "control characters"),
    ],
)
def test_bad_ads_get_a_form_error_and_nothing_is_stored(client_logged_in, items, text, said):
    response = paste(client_logged_in, text=text)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not JobAd.objects.exists() and not AdSkill.objects.exists()


def test_a_title_is_required_and_nothing_is_stored_without_one(client_logged_in, items):
    response = paste(client_logged_in, title="")
    assert response.status_code == 400 and not JobAd.objects.exists()


def test_an_ad_in_another_language_says_so(client_logged_in, user, items):
    german = (
        "Wir suchen eine engagierte Person mit Erfahrung in der Entwicklung von Modellen und der Datenanalyse "
        "für unser Team in Berlin. Sie arbeiten eng mit den Fachabteilungen zusammen."
    )
    paste(client_logged_in, text=german)
    page = client_logged_in.get(reverse("jobs:ad", args=[JobAd.objects.get().pk])).content.decode()
    assert "does not read as English" in page


def test_an_ad_is_its_owners_alone(client, user, items):
    client.force_login(user)
    paste(client)
    ad = JobAd.objects.get()
    urls = [reverse(name, args=[ad.pk]) for name in ("jobs:ad-read-again", "jobs:ad-plan", "jobs:ad-delete")]
    other = Client()
    other.force_login(UserFactory())
    assert other.get(reverse("jobs:ad", args=[ad.pk])).status_code == 404
    assert all(other.post(url).status_code == 404 for url in urls)
    assert "Junior ML engineer" not in other.get(reverse("jobs:ads")).content.decode()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))  # editors curate terms, never read ads
    assert staff.get(reverse("jobs:ad", args=[ad.pk])).status_code == 404
    visitor = Client()
    assert visitor.get(reverse("jobs:ad", args=[ad.pk])).status_code == 302  # to sign in
    assert all(visitor.post(url).status_code == 302 for url in urls)
    assert JobAd.objects.filter(pk=ad.pk).exists()
    assert client.get(reverse("jobs:ad", args=[ad.pk])).status_code == 200


def test_changes_are_posts_only(client_logged_in, user, items):
    paste(client_logged_in)
    ad = JobAd.objects.get()
    for name in ("jobs:ad-read-again", "jobs:ad-plan", "jobs:ad-delete"):
        assert client_logged_in.get(reverse(name, args=[ad.pk])).status_code == 405


def test_deleting_an_ad_removes_it_and_what_it_asked_for(client_logged_in, user, items):
    paste(client_logged_in)
    ad = JobAd.objects.get()
    response = client_logged_in.post(reverse("jobs:ad-delete", args=[ad.pk]))
    assert response.status_code == 302 and not JobAd.objects.exists() and not AdSkill.objects.exists()


def test_ads_go_with_the_account(client_logged_in, user, items):
    paste(client_logged_in)
    user.delete()
    assert not JobAd.objects.exists()


# session, user, the ad, progress statuses, shown (reviews, checks), asked skills with their items, the menu's tracks
AD_PAGE_QUERIES = 6 + SHOWN_LOOKUPS  # shown: one round trip on PostgreSQL (tests.queries)
ADS_PAGE_QUERIES = 5  # session, user, content version, the menu's tracks, the ads


@pytest.mark.parametrize("asked", [5, 200])
def test_the_ad_page_costs_the_same_for_5_and_200_asked(client_logged_in, user, asked, django_assert_num_queries):
    ad = JobAd.objects.create(learner=user, title="Big ad", text="Requirements: everything")
    for position in range(asked):
        item = ItemFactory()
        AdSkill.objects.create(ad=ad, item=item, words=item.title, line=item.title, position=position)
        ProgressFactory(learner=user, item=item)
    with django_assert_num_queries(AD_PAGE_QUERIES):
        page = client_logged_in.get(reverse("jobs:ad", args=[ad.pk])).content.decode()
    assert page.count('data-state="claimed"') == asked


@pytest.mark.parametrize("count", [5, 200])
def test_the_ads_page_costs_the_same_for_5_and_200_ads(client_logged_in, user, count, django_assert_num_queries):
    JobAd.objects.bulk_create(JobAd(learner=user, title=f"Ad {n}", text="text") for n in range(count))
    with django_assert_num_queries(ADS_PAGE_QUERIES):
        page = client_logged_in.get(reverse("jobs:ads")).content.decode()
    assert page.count('href="/jobs/ads/') == count


def test_my_data_holds_every_ad_with_what_it_asked_for(client_logged_in, user, items):
    from careerpath import personal_data

    paste(client_logged_in)
    (record,) = personal_data.collect(user)["job_ads"]
    assert record["title"] == "Junior ML engineer" and record["company"] == "Acme Freight"
    assert set(record["required"]) == {"python", "sql", "pytorch", "containers"}
    assert record["nice_to_have"] == ["kubernetes"] and record["text"].startswith("Junior ML engineer")
    page = client_logged_in.get(reverse("accounts:my-data")).content.decode()
    assert "Job ads" in page and "Acme Freight" in page
