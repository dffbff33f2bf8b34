"""A newcomer goes through Get started in a real Chromium, with JavaScript on and off; axe-core checks each step."""

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from progress.models import Progress
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_progress import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
KNOWN_ITEMS = 10


def axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_accessible_and_phone_safe(page, name):
    assert axe_violations(page) == [], name
    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    page.evaluate("document.documentElement.setAttribute('data-bs-theme', 'dark')")
    page.wait_for_timeout(300)  # let any colour transition end before axe reads the colours
    assert axe_violations(page) == [], f"{name}, dark"
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{name} scrolls sideways at 360 px"
    screenshot(page, f"{name}-phone-dark")
    page.evaluate("document.documentElement.setAttribute('data-bs-theme', 'light')")
    page.set_viewport_size({"width": 1280, "height": 900})


def sign_in_for_the_first_time(page, site, email):
    learner = UserFactory(email=email)
    EmailAddress.objects.create(user=learner, email=email, verified=True, primary=True)
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="What are you aiming for?")).to_be_visible()
    return learner


def go_through_get_started(page, *, zone_expected):
    expect(page.get_by_label("Time zone")).to_have_value(zone_expected)
    page.get_by_label("The role you aim for").select_option(label="AI product manager")
    page.get_by_label("I come from a non-tech field").check()
    page.get_by_label("Hours per week").fill("6")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="What do you already know?")).to_be_visible()
    expect(page.get_by_role("group", name="From your previous career")).to_be_visible()
    boxes = page.locator('input[name="known"]')
    for index in range(KNOWN_ITEMS):
        boxes.nth(index).check()
    page.get_by_role("button", name="Save and see where I stand").click()
    expect(page.get_by_role("heading", name="Where you stand: AI product manager")).to_be_visible()
    assert page.locator("#start-readiness").inner_text() != "0%"


def test_a_newcomer_gets_started_with_javascript(browser, curated_site):
    # Reduced motion turns Bootstrap's colour transitions off: axe must read settled colours.
    context = browser.new_context(timezone_id="America/Sao_Paulo", reduced_motion="reduce")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    learner = sign_in_for_the_first_time(page, curated_site, "starter@example.com")
    assert_accessible_and_phone_safe(page, "start-goals")
    go_through_get_started(page, zone_expected="America/Sao_Paulo")
    assert_accessible_and_phone_safe(page, "start-result")
    page.go_back()
    expect(page.get_by_role("heading", name="What do you already know?")).to_be_visible()
    assert_accessible_and_phone_safe(page, "start-known")
    page.goto(curated_site.url + "/start/where-you-stand/")
    page.get_by_role("link", name="Go to your dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AI product manager")
    screenshot(page, "dashboard-after-start")
    assert Progress.objects.filter(learner=learner, origin="known_before").count() == KNOWN_ITEMS
    assert learner.profile.time_zone == "America/Sao_Paulo"
    assert console_errors == []
    context.close()


def test_get_started_works_without_javascript(browser, curated_site):
    context = browser.new_context(java_script_enabled=False, timezone_id="Asia/Tokyo")
    page = context.new_page()
    learner = sign_in_for_the_first_time(page, curated_site, "nojs@example.com")
    go_through_get_started(page, zone_expected="UTC")
    learner.refresh_from_db()
    assert learner.profile.time_zone == "UTC"
    assert Progress.objects.filter(learner=learner, origin="known_before").count() == KNOWN_ITEMS
    context.close()
