"""Taking an item's self-check in Chromium, with JavaScript and without: one form, one POST, the result explained;
axe finds nothing on the check, its result, a refusal or the "learned here or known before?" page."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from assessment.models import Attempt
from assessment.services import attempt_submit
from roadmap.models import Question
from tests.browser.test_accessibility import check_pages
from tests.browser.test_get_started import axe_violations
from tests.browser.test_progress import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def learner(email):
    user = UserFactory(email=email, last_login=timezone.now())
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page, url, user):
    page.goto(url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def answer_right(page, user):
    """Fill the check's form with the right answers, as a learner reading each question would."""
    attempt = Attempt.objects.filter(learner=user).latest("started_at")
    for number, drawn in enumerate(attempt.draw, start=1):
        question = Question.objects.get(pk=drawn["question"])
        if question.kind == "numeric":
            page.locator(f"#q{number}").fill(str(question.answer.normalize()))
            continue
        right = set(question.choices.filter(is_correct=True).values_list("pk", flat=True))
        for place, choice_id in enumerate(drawn["choices"]):
            if choice_id in right:
                page.locator(f"#q{number}-{place}").check()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_learner_takes_a_check_and_the_item_becomes_shown(browser, curated_site, javascript):
    user = learner(f"checker-{str(javascript).lower()}@example.com")
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, curated_site.url, user)
    page.goto(curated_site.url + "/items/statistics/")
    page.get_by_role("link", name="Take the check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what you know")
    answer_right(page, user)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passed: 100%")
    page.get_by_role("button", name="Done: learned here").click()
    page.goto(curated_site.url + "/dashboard/")
    expect(page.locator("#shown-readiness")).not_to_contain_text("0% shown")
    context.close()


def test_the_check_pages_pass_axe_in_both_themes(browser, curated_site):
    user = learner("check-axe@example.com")
    pages = ["/items/statistics/check/"]
    problems = check_pages(browser, curated_site.url, pages, sign_in_as=user.email)
    attempt = Attempt.objects.get(learner=user)
    attempt_submit(user=user, self_check=attempt.self_check, attempt_id=attempt.pk, answers={})  # all blank: failed
    pages = [f"/items/statistics/check/attempts/{attempt.pk}/", "/items/statistics/check/"]  # the result, a refusal
    problems += check_pages(browser, curated_site.url, pages, sign_in_as=user.email)
    assert problems == [], "\n".join(problems)


def test_the_learned_here_question_passes_axe_with_and_without_javascript(browser, curated_site):
    """Done straight from not started on a 60-hour item: the question in the track row (htmx), and on its own page,
    as a browser without JavaScript gets it (the form posted without htmx; axe itself needs JavaScript)."""
    user = learner("origin-axe@example.com")
    problems = []
    for with_htmx, scheme, width in ((True, "light", 1280), (False, "dark", 360)):
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, curated_site.url, user)
        page.goto(curated_site.url + "/tracks/machine-learning-engineer/")
        row = page.locator("li.item-row", has=page.get_by_label("Your status on Python", exact=True)).first
        if not with_htmx:  # the page as it is without JavaScript: plain forms with their Save buttons
            page.evaluate("""() => { document.documentElement.classList.remove('htmx-ready');
                document.querySelectorAll('form[hx-post]').forEach(form => {
                const plain = form.cloneNode(true); plain.removeAttribute('hx-post'); form.replaceWith(plain); }); }""")
        page.get_by_label("Your status on Python", exact=True).first.select_option("done")
        if with_htmx:
            expect(page.locator('li.item-row[data-status="asking"]').first).to_be_visible()
        else:
            row.get_by_role("button", name="Save").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Learned here or known before?")
        problems += [f"{scheme} {width}px: {violation}" for violation in axe_violations(page)]
        context.close()
    assert problems == [], "\n".join(problems)
