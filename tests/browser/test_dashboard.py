"""After ticking items, the dashboard's bars and role readiness reflect them: light and dark, desktop and phone."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_progress import PASSWORD, TRACK, tick_done
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_dashboard_reflects_ticked_items(page, curated_site, screenshot):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    learner = UserFactory(email="dash@example.com", last_login=timezone.now())  # a returning learner
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    page.goto(curated_site.url + "/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Machine learning engineer")
    expect(page.get_by_text("Start here")).to_be_visible()
    engineer = page.locator('[data-readiness="machine-learning-engineer"]')
    scientist = page.locator('[data-readiness="data-scientist"]')
    expect(engineer).to_have_text("0%")
    screenshot("dashboard-empty", full_page=False)

    page.goto(curated_site.url + TRACK)
    for title in ["Python", "SQL", "Statistics", "Probability for machine learning"]:
        tick_done(page, title)
        row = page.locator("li.item-row", has=page.get_by_label(f"Your status on {title}", exact=True)).first
        expect(row).to_have_attribute("data-status", "done")

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("Start here")).to_have_count(0)
    page.get_by_text("Your readiness for the 5 other roles").click()
    assert int(engineer.inner_text().rstrip("%")) > 0
    assert int(scientist.inner_text().rstrip("%")) > 0, "shared items move the data scientist too"
    education = page.get_by_label("Education:", exact=False).first
    assert education.get_attribute("value") == "4"
    expect(page.locator("#target-percent")).not_to_have_text("0%")
    expect(page.locator(".heat-1, .heat-2, .heat-3, .heat-4").first).to_be_visible()
    screenshot("dashboard-light")
    page.get_by_role("button", name="Dark theme").click()
    page.wait_for_timeout(300)
    screenshot("dashboard-dark")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("dashboard-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard overflows a phone screen ({width}px)"
    page.get_by_role("link", name="Data scientist").first.click()
    expect(page.get_by_role("heading", name="Your readiness")).to_be_visible()
    screenshot("role-readiness-phone", full_page=False)
    assert console_errors == []


def test_an_editor_reads_the_insights_from_the_admin(page, curated_site, screenshot):
    from django.core.management import call_command

    call_command("seed_demo", learners=60, seed=4, stdout=io.StringIO())
    editor = UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    page.goto(curated_site.url + "/accounts/login/")
    page.get_by_label("Email").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(curated_site.url + "/admin/")
    page.get_by_role("link", name="Learner insights").click()
    expect(page.get_by_role("heading", name="Learner insights", level=1)).to_be_visible()
    learners_row = page.locator("#learner-counts tbody tr").first
    expect(learners_row.locator("td").last).to_have_text("60")
    screenshot("insights-light")
    page.get_by_role("button", name="Dark theme").click()
    page.wait_for_timeout(300)
    screenshot("insights-dark", full_page=False)
