"""axe-core over every page, visitor and signed in, in light mode on a desktop and in dark mode at 360 px.

Two passes cover both themes and both widths (four would double the time for little more). Any violation of the
WCAG 2.0/2.1 A and AA rules fails; so does a page that scrolls sideways at 360 px, or that asks for anything that
is not there (a 404 for an icon or the manifest). Add new pages to the lists.
"""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Item, LineageKind, Role
from roadmap.services import release_publish
from tests.browser.test_get_started import axe_violations
from tests.browser.test_progress import PASSWORD
from tests.factories import UserFactory
from tests.roadmap.releases import draft, exported, with_new_item, without_item

pytestmark = pytest.mark.browser

VISITOR_PAGES = [
    "/", "/tracks/machine-learning-engineer/", "/tracks/career-change/", "/items/python/", "/items/portfolio/",
    "/roles/", "/roles/ai-product-manager/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
    "/plan/digest/stop/a-tampered-token/",
]  # fmt: skip
LEARNER_PAGES = [
    "/", "/dashboard/", "/history/", "/start/", "/start/known/", "/start/where-you-stand/", "/accounts/goals/",
    "/accounts/my-data/", "/accounts/delete/", "/accounts/sessions/", "/tracks/machine-learning-engineer/",
    "/tracks/machine-learning-engineer/?show=done", "/tracks/machine-learning-engineer/reset/",
    "/items/python/", "/items/portfolio/", "/roles/data-scientist/", "/staff/insights/", "/plan/",
    "/accounts/tokens/", "/portfolio/", "/portfolio/preview/", "/cohorts/", "/accounts/password/change/",
    "/accounts/email/", "/accounts/reauthenticate/",
]  # fmt: skip
PASSES = [("light", 1280), ("dark", 360)]


def check_pages(browser, base_url, paths, *, sign_in_as=None):
    problems = []
    for scheme, width in PASSES:
        context = browser.new_context(
            color_scheme=scheme, reduced_motion="reduce", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        missing: list[str] = []
        page.on("response", lambda response, missing=missing: response.status == 404 and missing.append(response.url))
        if sign_in_as:
            page.goto(base_url + "/accounts/login/")
            page.get_by_label("Email").fill(sign_in_as)
            page.locator("#id_password").fill(PASSWORD)
            page.get_by_role("button", name="Sign In").click()
            expect(page.locator("main")).to_be_visible()
        for path in paths:
            page.goto(base_url + path)
            expect(page.locator("html")).to_have_attribute("data-bs-theme", scheme)
            # Folded sections are opened first: axe checks only what is rendered.
            page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")
            problems += [f"{scheme} {width}px {path}: {violation}" for violation in axe_violations(page)]
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                problems.append(f"{scheme} {width}px {path}: scrolls sideways ({scroll_width}px)")
            problems += [f"{scheme} {width}px {path}: 404 for {url}" for url in missing]
            missing.clear()
        context.close()
    return problems


def test_every_public_page_passes_axe_in_both_themes(browser, curated_site):
    problems = check_pages(browser, curated_site.url, VISITOR_PAGES)
    assert problems == [], "\n".join(problems)


def test_every_learner_page_passes_axe_in_both_themes(browser, curated_site):
    learner = UserFactory(email="axe@example.com", is_staff=True, last_login=timezone.now())
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    Profile.objects.create(user=learner, target_role=Role.objects.get(slug="data-scientist"), background="tech",
                           hours_per_week=5, time_zone="Europe/Paris")  # fmt: skip
    for slug in ["python", "numpy"]:
        progress_set_status(user=learner, item=Item.objects.get(slug=slug), status="done")
    progress_set_status(user=learner, item=Item.objects.get(slug="sql"), status="in_progress")
    progress_set_details(user=learner, item=Item.objects.get(slug="python"), note="**Done**: *two* courses",
                         evidence_url="https://example.org/notebooks")  # fmt: skip
    learner.progress.filter(item__slug="numpy").update(completed_at=timezone.now() - timedelta(days=20))  # a review
    problems = check_pages(browser, curated_site.url, LEARNER_PAGES, sign_in_as=learner.email)
    assert problems == [], "\n".join(problems)


def test_the_admin_index_fits_a_phone_without_a_duplicate_heading(browser, curated_site):
    editor = UserFactory(email="editor-axe@example.com", is_staff=True, is_superuser=True, last_login=timezone.now())
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(curated_site.url + "/accounts/login/")
    page.get_by_label("Email").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(curated_site.url + "/admin/")
    expect(page.get_by_role("link", name="Learner insights")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    captions = page.evaluate("[...document.querySelectorAll('caption')].map(caption => caption.textContent.trim())")
    assert len(captions) == len(set(captions)), captions
    assert axe_violations(page) == []
    context.close()


def test_a_releases_pages_pass_axe_in_both_themes(browser, curated_site):
    """After a release that splits python and merges numpy and sql: the dashboard's banner, the learner's "what
    changed" page, and the old address's page for visitors and learners."""
    learner = UserFactory(email="release-axe@example.com", last_login=timezone.now())
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    Profile.objects.create(user=learner, hours_per_week=5)
    for slug in ["python", "numpy"]:
        progress_set_status(user=learner, item=Item.objects.get(slug=slug), status="done")
    objects = with_new_item(exported(), "python-basics", like="python", title="Python: the basics")
    objects = with_new_item(objects, "python-practice", like="python", title="Python in practice")
    objects = with_new_item(objects, "numpy-and-sql", like="numpy", title="NumPy and SQL")
    for slug in ("python", "numpy", "sql"):
        objects = without_item(objects, slug)
    lineage = [
        ("python", LineageKind.SPLIT, ["python-basics", "python-practice"]),
        ("numpy", LineageKind.MERGED, ["numpy-and-sql"]),
        ("sql", LineageKind.MERGED, ["numpy-and-sql"]),
    ]
    release = draft(objects, name="2026.3", lineage=lineage)  # after the shipped 2026.2
    release_publish(release=release)
    pages = ["/dashboard/", f"/changes/{release.number}/", "/items/python/went/"]
    problems = check_pages(browser, curated_site.url, pages, sign_in_as=learner.email)
    problems += check_pages(browser, curated_site.url, ["/items/python/went/"])
    assert problems == [], "\n".join(problems)
