"""A learner reads a job ad in a real Chromium: paste it, see what it asks for against their record, put what is
missing on this week's plan; the pages pass axe in both themes."""

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile
from jobs.models import JobAd
from planning.models import PlanEntry
from progress.services import progress_set_status
from roadmap.models import Item
from tests.browser.test_accessibility import check_pages
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
AD = """Requirements:
- Strong Python and SQL
- Experience training models with PyTorch
- Docker
- 3+ years of experience in a similar role

Nice to have:
- Kubernetes
"""


@pytest.fixture
def learner(curated_site):
    user = UserFactory(email="jobs@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Profile.objects.create(user=user, hours_per_week=10)
    progress_set_status(user=user, item=Item.objects.get(slug="python"), status="done", origin="here")
    return user


def test_paste_an_ad_see_what_it_asks_for_and_plan_the_missing_items(page, curated_site, learner, screenshot):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.goto(curated_site.url + "/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("button", name=learner.email[:20]).click()
    page.get_by_role("link", name="Job ads").click()
    page.get_by_label("Job title").fill("Junior ML engineer")
    page.get_by_label("Text of the ad").fill(AD)
    page.get_by_role("button", name="Read this ad").click()

    expect(page.locator("[data-summary]")).to_contain_text("asks for 4 things we know")
    expect(page.locator("[data-summary]")).to_contain_text("claimed 1 more")

    def row(title):
        return page.locator("tr", has=page.get_by_role("link", name=title, exact=True))

    expect(row("Python")).to_contain_text("Done, not shown yet")
    expect(row("PyTorch")).to_contain_text("Missing")
    expect(page.get_by_role("listitem").filter(has_text="3+ years of experience in a similar role")).to_be_visible()
    screenshot("job-ad")

    page.get_by_role("button", name="to this week's plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("This week")
    planned = set(PlanEntry.objects.filter(plan__learner=learner, dropped=False).values_list("item__slug", flat=True))
    assert {"sql", "pytorch", "containers"} <= planned and "python" not in planned
    assert JobAd.objects.filter(learner=learner).count() == 1

    page.go_back()
    page.get_by_role("link", name="I applied").click()
    expect(page.get_by_label("Role")).to_have_value("Junior ML engineer")
    page.get_by_label("Company").fill("Acme Freight")
    page.get_by_role("button", name="Record it").click()
    expect(page.locator("[data-snapshot]")).to_contain_text("you had shown 0, claimed 1 more")
    page.get_by_label("Moved to").select_option("interview")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Junior ML engineer")
    expect(page.locator(".lead")).to_contain_text("Interview since")
    screenshot("job-application")
    assert console_errors == []


def test_the_job_ad_pages_pass_axe_in_both_themes(browser, curated_site, learner, settings):
    settings.JOBS_FETCH_ADS = True  # the list page with its "fetch from an address" form too
    from jobs.applications import application_create
    from jobs.services import ad_read

    ad = ad_read(user=learner, title="Junior ML engineer", company="Acme", text=AD)
    today = timezone.localdate()
    made = application_create(user=learner, role="ML engineer", company="Acme", applied_on=today, today=today, ad=ad)
    paths = ["/jobs/", f"/jobs/ads/{ad.pk}/", "/jobs/applications/", f"/jobs/applications/{made.pk}/"]
    problems = check_pages(browser, curated_site.url, paths, sign_in_as=learner.email)
    assert problems == [], "\n".join(problems)


def test_sharing_the_job_search_and_the_mentors_view_pass_axe(browser, curated_site, learner):
    from jobs.applications import application_create
    from mentoring.services import cohort_create, membership_join, membership_share_job_search

    mentor = UserFactory(email="jobs-mentor@example.com")
    EmailAddress.objects.create(user=mentor, email=mentor.email, verified=True, primary=True)
    cohort = cohort_create(mentor=mentor, name="Evening group")
    membership = membership_join(learner=learner, cohort=cohort)
    membership_share_job_search(learner=learner, cohort=cohort, shares=True)
    today = timezone.localdate()
    application_create(user=learner, role="ML engineer", company="Acme", applied_on=today, today=today)
    problems = check_pages(browser, curated_site.url, ["/cohorts/"], sign_in_as=learner.email)
    path = f"/jobs/cohorts/{cohort.pk}/members/{membership.pk}/"
    problems += check_pages(browser, curated_site.url, [path], sign_in_as=mentor.email)
    assert problems == [], "\n".join(problems)
