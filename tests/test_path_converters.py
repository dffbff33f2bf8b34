"""URL parts that name a slug, a secret, a signed token, a handle or a file format take only the characters those can
hold: a NUL byte (which PostgreSQL refuses in text, a 500 before), a space or a quote is a 404, on pages and in the
API, and the real value still works."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404

from accounts.tokens import token_create
from mentoring.services import evidence_review
from planning.digest import unsubscribe_token
from planning.services import calendar_feed_get
from roadmap.models import Track
from tests.mentoring.conftest import world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
SPOILERS = ["%00", "%20", "%22", "%0A"]


def spoiled(url: str, value: str, spoiler: str) -> str:
    """The URL with `spoiler` inside `value`, so only the one foreign character makes it wrong."""
    middle = len(value) // 2
    return url.replace(value, value[:middle] + spoiler + value[middle:], 1)


def page_cases(world):  # noqa: F811 - the fixture's value
    """(the person asking, the URL, the value in it, the answer to the real URL) for each page that takes one."""
    review = evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                             verdict="endorsed", comment="Runs.")  # fmt: skip
    feed, invite = calendar_feed_get(user=world["member"]).token, world["cohort"].invite_token
    unsubscribe = unsubscribe_token(world["member"])
    return [
        (None, reverse("planning:calendar-feed", args=[feed]), feed, 200),
        (None, reverse("planning:digest-unsubscribe", args=[unsubscribe]), unsubscribe, 200),
        (world["other"], reverse("mentoring:join", args=[invite]), invite, 200),
        (None, reverse("portfolio:public", args=["lea"]), "lea", 200),
        (world["member"], reverse("mentoring:credential", args=[review.pk, "json"]), "json", 200),
        (world["member"], reverse("mentoring:credential", args=[review.pk, "jwt"]), "jwt", 200),
    ]


def client_of(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("spoiler", SPOILERS)
def test_a_page_url_with_a_foreign_character_is_a_404_and_the_real_one_works(world, spoiler):  # noqa: F811
    for person, url, value, status in page_cases(world):
        client = client_of(person)
        assert client.get(url).status_code == status, url
        assert client.get(spoiled(url, value, spoiler)).status_code == 404, spoiled(url, value, spoiler)


@pytest.mark.parametrize("spoiler", SPOILERS)
def test_an_api_path_with_a_foreign_character_is_a_404_in_json_and_the_real_one_works(world, spoiler):  # noqa: F811
    token = token_create(user=world["member"], name="bot", scope="write", days=30)[1]
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    track = Track.objects.first().slug
    reads = [(f"/api/v1/tracks/{track}", track), ("/api/v1/items/python", "python"),
             ("/api/v1/roles/ml-engineer", "ml-engineer")]  # fmt: skip
    for url, value in reads:
        assert client.get(url).status_code == 200, url
        response = client.get(spoiled(url, value, spoiler))
        assert response.status_code == 404 and response.json() == {"detail": "Not Found"}, url
    writes = [("/api/v1/me/progress/python", {"status": "in_progress"}), ("/api/v1/me/reviews/python", {"answer": "x"})]
    for url, body in writes:
        response = client.put(spoiled(url, "python", spoiler), body, content_type="application/json")
        assert response.status_code == 404 and response.json() == {"detail": "Not Found"}, url
    assert client.put(writes[0][0], writes[0][1], content_type="application/json").status_code == 200


@pytest.mark.parametrize(
    "signed",
    [lambda: signing.dumps(12345, salt="s"), lambda: signing.dumps("a string, with spaces", salt="s"),
     lambda: signing.dumps({"user": 7, "list": list(range(40))}, salt="s", compress=True)],
    ids=["number", "string", "compressed"],  # made in the test: a value holds the time, which differs per process
)  # fmt: skip
def test_every_value_django_signing_makes_fits_the_signed_converter(signed):
    """Unsubscribe links mailed before the link became a random key were signed values (a number, a string, a
    compressed one): they still reach the page that says the link is no longer valid, not a bare 404."""
    value = signed()
    assert resolve(f"/plan/digest/stop/{value}/").kwargs == {"token": value}


def test_a_credential_in_another_format_is_no_url():
    with pytest.raises(Resolver404):
        resolve("/endorsements/1/credential.xml")
