"""The whole story in Chromium: a learner publishes a portfolio with two projects, a mentor invites them, they join,
the mentor endorses one; a visitor sees the portfolio with the endorsement; the learner leaves and the mentor's page
no longer shows them. axe checks every page on the way."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from accounts.models import Profile
from progress.services import progress_record
from roadmap.models import Item
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_get_started import axe_violations
from tests.browser.test_progress import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PROJECTS = ["deployed-model", "data-analysis-report"]


def person(email, name):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Profile.objects.create(user=user, display_name=name)
    return user


def signed_in_page(browser, site, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("main")).to_be_visible()
    return page


def test_publish_join_endorse_visit_leave(browser, curated_site):
    learner, mentor = person("lea@example.com", "Lea Learner"), person("maya@example.com", "Maya Mentor")
    titles = dict(Item.objects.filter(slug__in=PROJECTS).values_list("slug", "title"))
    for slug in PROJECTS:
        progress_record(user=learner, item=Item.objects.get(slug=slug), status="done", skip_reason="",
                        note="private: my struggles", evidence_url=f"https://github.com/lea/{slug}")  # fmt: skip
    problems = []
    lea = signed_in_page(browser, curated_site, learner)
    lea.goto(curated_site.url + "/portfolio/")
    lea.get_by_label("Handle").fill("lea")
    lea.get_by_label("Publish my portfolio").check()
    lea.get_by_role("button", name="Save", exact=True).click()
    expect(lea.get_by_text("It is public now.")).to_be_visible()
    for slug, title in titles.items():
        lea.locator(f"#entry-{slug}").get_by_label("Show on my portfolio").check()
        lea.locator(f"#entry-{slug}").get_by_role("button", name=f"Save {title}").click()
        expect(lea.get_by_text(f"“{title}” is shown.")).to_be_visible()
    problems += [f"/portfolio/: {violation}" for violation in axe_violations(lea)]

    maya = signed_in_page(browser, curated_site, mentor)
    maya.goto(curated_site.url + "/cohorts/")
    maya.get_by_label("Cohort name").fill("Thursday group")
    maya.get_by_role("button", name="Start cohort").click()
    invite = maya.get_by_role("textbox", name="Invite link").input_value()
    cohort_url = maya.url
    problems += [f"/cohorts/<id>/: {violation}" for violation in axe_violations(maya)]

    lea.goto(invite)
    expect(lea.get_by_text("Maya Mentor")).to_be_visible()
    problems += [f"/join/: {violation}" for violation in axe_violations(lea)]
    lea.get_by_role("button", name="Join and share this").click()
    expect(lea.get_by_text("You joined “Thursday group”.")).to_be_visible()

    maya.reload()
    maya.get_by_role("link", name="Lea Learner").click()
    expect(maya.get_by_text("private: my struggles")).to_have_count(0)
    problems += [f"member page: {violation}" for violation in axe_violations(maya)]
    endorsed = titles["deployed-model"]
    maya.get_by_label(f"Comment on {endorsed}").fill("Runs as the README says.")
    levels = maya.locator("#rubric-deployed-model input[value='3']")  # a project is scored against its rubric
    for number in range(levels.count()):
        levels.nth(number).check()
    maya.get_by_role("button", name=f"Endorse {endorsed}").click()
    expect(maya.get_by_text(f"Review of “{endorsed}” saved")).to_be_visible()

    visitor = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark").new_page()
    visitor.goto(curated_site.url + "/u/lea/")
    expect(visitor.get_by_role("heading", name="Lea Learner")).to_be_visible()
    expect(visitor.locator(".portfolio-item")).to_have_count(2)
    expect(visitor.get_by_text("Endorsed by Maya Mentor")).to_be_visible()
    expect(visitor.get_by_text("private: my struggles")).to_have_count(0)
    problems += [f"/u/lea/ (dark, 390 px): {violation}" for violation in axe_violations(visitor)]
    ARTIFACTS.mkdir(exist_ok=True)
    visitor.screenshot(path=str(ARTIFACTS / "portfolio-public-dark-phone.png"), full_page=True)

    lea.goto(curated_site.url + "/cohorts/")
    lea.get_by_role("button", name="Leave Thursday group").click()
    maya.reload()
    expect(maya.get_by_role("heading", name="Page not found")).to_be_visible()  # the member page is gone
    maya.goto(cohort_url)
    expect(maya.get_by_text("Members (0)")).to_be_visible()
    assert problems == [], "\n".join(problems)
