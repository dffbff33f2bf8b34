"""Taking a self-check: a draw that tells nothing, one POST, scores and explanations, retakes, limits, and who may
see what. Passing makes the item shown."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from assessment.models import Attempt, ShownBy, ShownItem
from progress.models import Progress
from tests.assessment.checks import NUMERIC_ANSWER, make_check, right_answers, wrong_answers
from tests.factories import ItemFactory, UserFactory
from tests.queries import CONTENT_VERSION, SEEN_KEY_SAVES

pytestmark = pytest.mark.django_db


@pytest.fixture
def check():
    return make_check(ItemFactory(slug="statistics", title="Statistics"))


def url(check):
    return reverse("assessment:check", args=[check.item.slug])


def attempt_of(user) -> Attempt:
    return Attempt.objects.filter(learner=user).latest("started_at")


def post(client, check, answers):
    return client.post(url(check), dict(answers))


def test_the_check_page_draws_the_questions_shown_and_a_reload_keeps_the_draw(client_logged_in, user, check):
    page = client_logged_in.get(url(check)).content.decode()
    assert page.count("<fieldset") == 4
    first = attempt_of(user).draw
    client_logged_in.get(url(check))
    assert attempt_of(user).draw == first and Attempt.objects.filter(learner=user).count() == 1


def shape(tag: str) -> str:
    """An input's markup without what may vary between choices: its question's number, its place, its kind."""
    tag = re.sub(r"q\d+", "qN", tag)
    tag = re.sub(r'(-|value=")\d+"', r'\1N"', tag)
    return tag.replace('type="checkbox"', 'type="radio"')


def test_nothing_before_submitting_tells_a_right_choice_from_a_wrong_one(client, check):
    """For many draws: every choice's input is the same markup but for its place; the right choice's place varies;
    the numeric answer never appears."""
    places_of_right = set()
    for _ in range(30):
        learner = UserFactory()
        client.force_login(learner)
        page = client.get(url(check)).content.decode()
        inputs = re.findall(r"<input class=\"form-check-input\"[^>]*>", page)
        assert len(inputs) >= 12 and len({shape(tag) for tag in inputs}) == 1, "one shape for every choice"
        assert str(NUMERIC_ANSWER) not in page and "0.375" not in page
        assert "Because of reason" not in page and "is_correct" not in page
        attempt = attempt_of(learner)
        for drawn in attempt.draw:
            right = [place for place, choice_id in enumerate(drawn["choices"])
                     if check.questions.get(pk=drawn["question"]).choices.get(pk=choice_id).is_correct]  # fmt: skip
            places_of_right.update(right)
    assert len(places_of_right) >= 3, "the right choice is not always in the same place"


def test_passing_shows_the_item_and_explains_every_answer(client_logged_in, user, check):
    client_logged_in.get(url(check))
    attempt = attempt_of(user)
    response = post(client_logged_in, check, right_answers(attempt))
    assert response.status_code == 302
    result = client_logged_in.get(response["Location"]).content.decode()
    assert "Passed: 100%" in result and "now counts as <strong>shown</strong>" in result
    assert result.count("border-success") == 4
    shown = ShownItem.objects.get(learner=user, item=check.item)
    assert shown.shown_by == ShownBy.CHECK and shown.attempt == attempt_of(user)
    assert "Mark it done?" in result, "passing a check on an item not done offers to mark it"


def test_a_second_submission_of_the_same_attempt_is_refused_and_changes_nothing(client_logged_in, user, check):
    client_logged_in.get(url(check))
    attempt = attempt_of(user)
    post(client_logged_in, check, wrong_answers(attempt))
    again = post(client_logged_in, check, right_answers(attempt))
    assert again.status_code == 409 and "submitted already" in again.content.decode()
    attempt.refresh_from_db()
    assert attempt.passed is False and not ShownItem.objects.exists()


def test_a_failed_check_is_retaken_after_24_hours_with_another_draw(client_logged_in, user, check):
    client_logged_in.get(url(check))
    failed = attempt_of(user)
    post(client_logged_in, check, wrong_answers(failed))
    blocked = client_logged_in.get(url(check))
    assert blocked.status_code == 409 and "take this check again from" in blocked.content.decode()
    Attempt.objects.filter(pk=failed.pk).update(submitted_at=timezone.now() - timedelta(hours=24, minutes=1))
    assert client_logged_in.get(url(check)).status_code == 200
    assert Attempt.objects.filter(learner=user).count() == 2


@pytest.mark.parametrize(
    ("answers", "says"),
    [({"q9": ["0"]}, "to no question of this attempt: q9"), ({"q1": ["7"]}, "there is no such choice"),
     ({"q1": ["first"]}, "a choice is given by its place")],
)  # fmt: skip
def test_a_malformed_submission_gets_400_and_writes_nothing(client_logged_in, user, check, answers, says):
    client_logged_in.get(url(check))
    attempt = attempt_of(user)
    first_kind = check.questions.get(pk=attempt.draw[0]["question"]).kind
    if first_kind == "numeric" and "q1" in answers:
        answers = {"q1": ["not a number"]}
        says = "is not a number"
    response = post(client_logged_in, check, {"attempt": [str(attempt.pk)], **answers})
    assert response.status_code == 400 and says in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.answers == {}


def test_attempts_are_limited_per_learner_and_day(client_logged_in, user, settings):
    settings.ASSESSMENT_ATTEMPTS_PER_DAY = 2
    checks = [make_check(ItemFactory()) for _ in range(3)]
    assert [client_logged_in.get(url(each)).status_code for each in checks] == [200, 200, 429]
    assert Attempt.objects.filter(learner=user).count() == 2


def test_a_check_whose_bank_is_too_small_is_not_offered(client_logged_in):
    small = make_check(ItemFactory(slug="tiny"), singles=3)  # 5 questions, 6 needed for 4 shown
    response = client_logged_in.get(url(small))
    assert response.status_code == 404 and "not ready" in response.content.decode()
    assert 'id="item-check"' not in client_logged_in.get(small.item.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["owner", "other learner", "visitor"])
def test_an_attempt_is_its_learners_own(client, user, check, who):
    client.force_login(user)
    client.get(url(check))
    attempt = attempt_of(user)
    client.logout()
    if who == "other learner":
        client.force_login(UserFactory())
    elif who == "owner":
        client.force_login(user)
    submitted = post(client, check, right_answers(attempt))
    if who == "visitor":
        assert submitted.status_code == 302 and "/accounts/login/" in submitted["Location"]
    elif who == "other learner":
        assert submitted.status_code == 404, "nobody submits another learner's attempt"
    else:
        assert submitted.status_code == 302
    result = client.get(reverse("assessment:attempt", args=[check.item.slug, attempt.pk]))
    assert result.status_code == {"owner": 200, "other learner": 404, "visitor": 302}[who]
    assert ShownItem.objects.filter(learner=user).exists() == (who == "owner")


def test_the_item_page_offers_the_check_then_says_it_was_passed(client_logged_in, user, check):
    page = client_logged_in.get(check.item.get_absolute_url()).content.decode()
    assert 'id="item-check"' in page and "Take the check" in page and "4 questions drawn from 6" in page
    client_logged_in.get(url(check))
    post(client_logged_in, check, right_answers(attempt_of(user)))
    page = client_logged_in.get(check.item.get_absolute_url()).content.decode()
    assert "You passed this item's check" in page and "Take the check" not in page


def test_marking_done_from_the_result_records_where_it_was_learned(client_logged_in, user, check):
    client_logged_in.get(url(check))
    response = post(client_logged_in, check, right_answers(attempt_of(user)))
    result = response["Location"]
    client_logged_in.post(reverse("progress:status", args=[check.item.slug]), {"status": "done:known_before",
                                                                               "next": result})  # fmt: skip
    row = Progress.objects.get(learner=user, item=check.item)
    assert (row.status, row.origin) == ("done", "known_before")
    assert "Mark it done?" not in client_logged_in.get(result).content.decode()


def test_editors_see_the_pass_rate_and_each_questions_right_rate(editor_client, check):
    for _ in range(3):
        learner = UserFactory()
        editor_client.force_login(learner)
        editor_client.get(url(check))
        post(editor_client, check, right_answers(attempt_of(learner)))
    learner = UserFactory()
    editor_client.force_login(learner)
    editor_client.get(url(check))
    post(editor_client, check, wrong_answers(attempt_of(learner)))
    editor_client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = editor_client.get(reverse("admin:roadmap_selfcheck_change", args=[check.pk])).content.decode()
    assert "4 attempts submitted, 3 passed (75%)" in page


# The check page: session and user, the navigation's tracks, the content version, the check with its item, the open
# attempt, the draw's questions and their choices.
CHECK_PAGE_QUERIES = 7 + CONTENT_VERSION
# Submitting: session and user, the check with its item, the attempt locked, its questions and their choices, the
# score written, the item shown, the learner's record version; and the transaction's savepoint and release (a test
# runs inside a transaction: in production they are BEGIN and COMMIT).
SUBMIT_QUERIES = 11 - SEEN_KEY_SAVES  # PostgreSQL reads the session and user together once it saw the key


@pytest.mark.parametrize("bank", [6, 60])
def test_the_check_page_runs_a_fixed_number_of_queries(client_logged_in, assert_page_queries, bank):
    self_check = make_check(ItemFactory(slug="counted"), singles=bank - 2)
    client_logged_in.get(url(self_check))  # the draw is made once; a reload reads it
    assert_page_queries(client_logged_in, url(self_check), CHECK_PAGE_QUERIES)


@pytest.mark.parametrize("bank", [6, 60])
def test_submitting_runs_a_fixed_number_of_queries(client_logged_in, user, django_assert_num_queries, bank):
    Profile.objects.get_or_create(user=user)
    self_check = make_check(ItemFactory(slug="counted"), singles=bank - 2)
    client_logged_in.get(url(self_check))
    answers = right_answers(attempt_of(user))
    with django_assert_num_queries(SUBMIT_QUERIES):
        assert post(client_logged_in, self_check, answers).status_code == 302
