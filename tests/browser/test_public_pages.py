"""Home and track pages in a real Chromium: styled, themed, usable at phone width."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DARK_BODY = "rgb(33, 37, 41)"  # Bootstrap 5.3's --bs-body-bg in dark mode
LIGHT_BODY = "rgb(255, 255, 255)"


def computed(page, selector, prop):
    return page.eval_on_selector(selector, f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def test_home_is_styled_with_our_own_stylesheets(page, curated_site, screenshot):
    page.goto(curated_site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("machine learning engineer")
    # Bootstrap's .btn-primary and our .eyebrow are applied: both stylesheets loaded from our static files.
    assert computed(page, ".btn-primary", "background-color") == "rgb(13, 110, 253)"
    assert computed(page, ".eyebrow", "text-transform") == "uppercase"
    expect(page.locator(".bi-signpost-split-fill")).to_be_visible()
    screenshot("home-light")


def test_track_page_switches_to_dark_theme_and_remembers_it(page, curated_site, screenshot):
    page.emulate_media(color_scheme="light")
    page.goto(curated_site.url + "/tracks/machine-learning-engineer/")
    expect(page.get_by_role("heading", name="Education")).to_be_visible()
    assert computed(page, "body", "background-color") == LIGHT_BODY
    assert computed(page, ".timeline .step", "border-radius") == "50%"
    screenshot("track-light")

    page.get_by_role("button", name="Dark theme").click()
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    assert computed(page, "body", "background-color") == DARK_BODY

    response = page.reload()  # now from the page cache: stored compressed, sent as stored
    assert response.headers.get("content-encoding") == "deflate"
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    expect(page.get_by_role("button", name="Dark theme")).to_have_attribute("aria-pressed", "true")
    screenshot("track-dark")


def test_system_dark_preference_is_followed_until_the_visitor_chooses(page, curated_site):
    page.emulate_media(color_scheme="dark")
    page.goto(curated_site.url + "/")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    assert computed(page, "body", "background-color") == DARK_BODY


def test_phone_width_collapses_the_menu_and_keeps_content_inside_the_screen(page, curated_site, screenshot):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(curated_site.url + "/tracks/machine-learning-engineer/")
    toggler = page.get_by_role("button", name="Toggle navigation")
    expect(toggler).to_be_visible()
    expect(page.locator("#main-nav")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("track-phone")

    toggler.click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles")).to_be_visible()
    screenshot("track-phone-menu")


def test_keyboard_users_can_skip_to_the_content(page, curated_site):
    page.goto(curated_site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()


@pytest.mark.parametrize(
    "path",
    ["/", "/tracks/career-change/", "/items/python/", "/items/portfolio/", "/roles/", "/roles/ai-product-manager/"],
)
def test_no_public_page_scrolls_sideways_at_360_px(page, curated_site, path):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(curated_site.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_without_javascript_the_phone_menu_and_the_account_menu_are_plain_links(browser, curated_site):
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from tests.browser.test_progress import PASSWORD
    from tests.factories import UserFactory

    learner = UserFactory(email="nojs-menu@example.com", last_login=timezone.now())
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(curated_site.url + "/")
    page.get_by_role("link", name="Roles", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="Sign in", exact=True).first.click()
    page.get_by_label("Email").fill(learner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", name="My data")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
