"""A learner ticks items on the roadmap in a real Chromium: in place with htmx, and again with JavaScript off."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from progress.models import Progress, ProgressStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
TRACK = "/tracks/machine-learning-engineer/"
ITEMS = ["Python", "SQL", "Statistics"]  # the first items of 20 hours or more on the path


@pytest.fixture
def learner(curated_site):
    user = UserFactory(email="ticker@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page, site, user):
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name=user.email[:20])).to_be_visible()


def status_select(page, title):
    return page.get_by_label(f"Your status on {title}", exact=True).first


def tick_done(page, title):
    """Done from not started: an item of 20 hours or more asks where it was learned, in its row; learned here."""
    status_select(page, title).select_option("done")
    asking = page.locator('li.item-row[data-status="asking"]', has_text=title).first
    expect(asking.get_by_role("button", name="Learned here")).to_be_focused()
    asking.get_by_role("button", name="Learned here").click()


def test_ticking_items_updates_in_place_and_persists(page, curated_site, learner, screenshot):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    sign_in(page, curated_site, learner)
    page.goto(curated_site.url + TRACK)
    expect(page.get_by_role("button", name="Save").first).to_be_hidden()  # htmx saves on change
    page.evaluate("window.notReloaded = true")

    for title in ITEMS:
        status_select(page, title).focus()
        tick_done(page, title)
        row = page.locator("li.item-row", has=page.get_by_label(f"Your status on {title}", exact=True)).first
        expect(row).to_have_attribute("data-status", "done")
    expect(page.locator("#track-progress")).to_contain_text("3 of")
    expect(page.get_by_role("status")).to_contain_text("Saved: Statistics.")
    assert page.evaluate("window.notReloaded") is True, "the page changed in place, without a reload"
    expect(status_select(page, ITEMS[-1])).to_be_focused()  # the swapped row keeps a keyboard user's place
    page.locator("#track-progress").scroll_into_view_if_needed()
    screenshot("track-progress-light", full_page=False)

    page.reload()
    for title in ITEMS:
        expect(status_select(page, title)).to_have_value("done")
    assert Progress.objects.filter(learner=learner, status=ProgressStatus.DONE).count() == 3
    page.get_by_role("button", name="Dark theme").click()
    screenshot("track-progress-dark", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    status_select(page, ITEMS[0]).scroll_into_view_if_needed()
    screenshot("track-progress-phone", full_page=False)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the track page overflows a phone screen ({width}px)"
    page.goto(curated_site.url + "/history/")
    expect(page.get_by_role("link", name="Statistics")).to_be_visible()
    screenshot("history-phone-dark", full_page=False)
    assert console_errors == [], "no CSP violation or script error"


def test_without_javascript_the_same_form_posts_and_returns(browser, curated_site, learner):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, curated_site, learner)
    page.goto(curated_site.url + TRACK)
    for title in ITEMS:
        status_select(page, title).select_option("in_progress")
        page.locator("form", has=page.get_by_label(f"Your status on {title}", exact=True)).first.get_by_role(
            "button", name="Save"
        ).click()
        expect(page.get_by_text(f"“{title}” is now in progress.")).to_be_visible()
        assert TRACK in page.url
    page.reload()
    for title in ITEMS:
        expect(status_select(page, title)).to_have_value("in_progress")
    page.goto(curated_site.url + "/history/")
    expect(page.get_by_role("cell", name="In progress").first).to_be_visible()
    context.close()


def test_a_note_and_evidence_link_on_a_project_are_kept(page, curated_site, learner, screenshot):
    sign_in(page, curated_site, learner)
    page.goto(curated_site.url + TRACK)
    page.get_by_role("link", name=ITEMS[0]).first.click()
    page.get_by_label("Status").select_option("done:known_before")
    page.get_by_label("Private note").fill("Used it daily for **three years**.")
    page.get_by_label("Evidence link").fill("https://github.com/ticker/notebooks")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Saved your progress")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Status")).to_have_value("done:known_before")
    expect(page.locator("strong", has_text="three years")).to_be_visible()
    expect(page.get_by_role("link", name="https://github.com/ticker/notebooks")).to_be_visible()
    screenshot("item-progress")

    page.get_by_label("Evidence link").fill("javascript:alert(1)")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Enter a web address starting with http or https.")).to_be_visible()
    assert Progress.objects.get(learner=learner).evidence_url == "https://github.com/ticker/notebooks"
