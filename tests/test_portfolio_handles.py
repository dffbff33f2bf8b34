"""Portfolio handles: words that name the site or a role are refused with a clear form error, case-insensitively,
and two learners claiming one handle at once end with one owner and one form error, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import get_resolver, reverse

from portfolio.forms import PortfolioForm
from portfolio.models import HANDLE_PATTERN, RESERVED_HANDLES, Portfolio
from portfolio.services import portfolio_settings_save
from tests.concurrency import postgresql_only, run_at_once
from tests.factories import UserFactory

SETTINGS = {"headline": "", "published": True, "allow_indexing": False}
TAKEN = "That handle is taken: choose another."


@pytest.mark.django_db
@pytest.mark.parametrize("handle", ["admin", "Admin", "API", "support", "careerpath", "www", "Mentor", "root"])
def test_a_reserved_handle_is_a_form_error_and_saves_nothing(client_logged_in, user, handle):
    response = client_logged_in.post(reverse("portfolio:settings"), {"handle": handle, "published": "on"})
    assert response.status_code == 400
    assert "is kept for the site: it names one of its pages or a role" in response.content.decode()
    assert not Portfolio.objects.filter(learner=user).exists()


def _top_level_paths(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _top_level_paths(pattern.url_patterns, route)
        else:
            yield route.split("/")[0].lstrip(".")


def test_every_top_level_path_of_the_site_is_a_reserved_handle():
    """A new section of the site (/jobs/) must join the list: a page at /u/jobs/ would pass for it."""
    import re

    paths = {path for path in _top_level_paths(get_resolver().url_patterns) if re.fullmatch(HANDLE_PATTERN, path)}
    assert paths and paths <= RESERVED_HANDLES, paths - RESERVED_HANDLES


@pytest.mark.django_db
def test_a_portfolio_that_already_held_a_reserved_handle_keeps_it_and_its_settings_still_save(client_logged_in, user):
    """The list refuses new choices only: the owner can still unpublish or edit without giving up the address."""
    Portfolio.objects.create(learner=user, handle="staff", published=True)
    response = client_logged_in.post(reverse("portfolio:settings"), {"handle": "staff", "headline": "Hello"})
    assert response.status_code == 302
    assert Portfolio.objects.filter(learner=user, handle="staff", headline="Hello", published=False).exists()


@pytest.mark.django_db
def test_a_handle_taken_before_the_save_is_a_validation_error_on_the_handle(user):
    """What the loser of a race meets: the database's unique constraint, turned into the form's own error."""
    portfolio_settings_save(user=UserFactory(), handle="lea", **SETTINGS)
    with pytest.raises(ValidationError) as refused:
        portfolio_settings_save(user=user, handle="LEA", **SETTINGS)
    assert refused.value.message_dict == {"handle": [TAKEN]}
    assert not Portfolio.objects.filter(learner=user).exists()
    assert Portfolio.objects.filter(handle="lea").count() == 1


@pytest.mark.django_db
def test_a_handle_claimed_between_the_forms_check_and_the_save_is_a_form_error(client_logged_in, user, monkeypatch):
    Portfolio.objects.create(learner=UserFactory(), handle="lea")
    monkeypatch.setattr(PortfolioForm, "validate_unique", lambda form: None)  # the other claim was not yet committed
    response = client_logged_in.post(reverse("portfolio:settings"), {"handle": "lea", "published": "on"})
    assert response.status_code == 400 and TAKEN in response.content.decode()
    assert not Portfolio.objects.filter(learner=user).exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_learners_claiming_one_handle_at_once_one_gets_it_the_other_a_form_error(attempt):
    first, second = UserFactory(), UserFactory()
    refused = []

    def claim(user):
        try:
            portfolio_settings_save(user=user, handle="lea", **SETTINGS)
        except ValidationError as error:
            refused.append((user, error.message_dict))

    errors = run_at_once(lambda: claim(first), lambda: claim(second))
    assert errors == [], "no IntegrityError, nothing a learner would see as a 500"
    owner = Portfolio.objects.get(handle="lea").learner
    assert owner in (first, second)
    assert refused == [(second if owner == first else first, {"handle": [TAKEN]})]


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_one_learner_making_their_portfolio_from_two_tabs_at_once_gets_one_portfolio_and_no_error(attempt):
    learner = UserFactory()
    errors = run_at_once(
        lambda: portfolio_settings_save(user=learner, handle="tab-one", **SETTINGS),
        lambda: portfolio_settings_save(user=learner, handle="tab-two", **SETTINGS),
    )
    assert errors == [], "the second tab's settings go onto the portfolio the first made"
    assert Portfolio.objects.get(learner=learner).handle in ("tab-one", "tab-two")
