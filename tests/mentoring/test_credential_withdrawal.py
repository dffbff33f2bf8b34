"""A withdrawn endorsement's credential stops verifying through careerpath: its address answers 410 Gone.

The verifier here is independent of careerpath's signing code: it checks the VC-JWT's EdDSA signature with
`cryptography` against the key published at /.well-known/jwks.json, then dereferences the credential's `id`, as a
verifier does to learn whether the issuer still stands by it."""

import base64
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.test import Client
from django.urls import reverse

from mentoring.services import evidence_review
from progress.services import progress_set_details
from tests.mentoring.conftest import signed_in

pytestmark = pytest.mark.django_db


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify(token: str, holder: Client) -> tuple[bool, str]:
    """(holds, why): the signature against the published key, then the issuer's answer at the credential's id."""
    header_part, payload_part, signature_part = token.split(".")
    header, payload = json.loads(unb64(header_part)), json.loads(unb64(payload_part))
    if (header["alg"], header["typ"]) != ("EdDSA", "JWT"):
        return False, "not an EdDSA JWT"
    keys = {key["kid"]: key for key in Client().get("/.well-known/jwks.json").json()["keys"]}
    key = keys[header["kid"]]
    try:
        Ed25519PublicKey.from_public_bytes(unb64(key["x"])).verify(
            unb64(signature_part), f"{header_part}.{payload_part}".encode()
        )
    except InvalidSignature:
        return False, "bad signature"
    assert payload["id"].startswith(settings.SITE_URL)
    answer = holder.get(payload["id"].removeprefix(settings.SITE_URL))
    if answer.status_code != 200:
        said = answer.json().get("detail", "") if answer["Content-Type"] == "application/json" else ""
        return False, f"{answer.status_code}: {said}"
    if answer.json()["evidence"] != payload["evidence"]:
        return False, "the issuer now says something else"
    return True, "holds"


def endorse(world, comment=""):
    return evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                           verdict="endorsed", comment=comment)  # fmt: skip


def credential_urls(review) -> tuple[str, str]:
    return tuple(reverse("mentoring:credential", args=[review.pk, file_format]) for file_format in ("jwt", "json"))


def test_a_credential_verifies_until_the_mentor_replaces_the_endorsement(world):
    member = signed_in(world["member"])
    review = endorse(world, "Runs.")
    jwt_url, json_url = credential_urls(review)
    token = member.get(jwt_url).content.decode()
    assert verify(token, member) == (True, "holds")

    endorse(world, "Runs, and now with tests.")  # the mentor's new review replaces (withdraws) the first

    holds, why = verify(token, member)
    assert not holds and why == "410: This endorsement was withdrawn: its credential no longer holds."
    gone = member.get(json_url)
    assert gone.status_code == 410 and gone.json()["reason"] == "Replaced by a later review from the same mentor."
    page = member.get(jwt_url)
    assert page.status_code == 410 and "This endorsement was withdrawn" in page.content.decode()
    assert token not in page.content.decode() and "application/vc+jwt" not in page["Content-Type"], "not served"


def test_a_credential_stops_verifying_when_the_evidence_link_changes(world):
    member = signed_in(world["member"])
    review = endorse(world)
    jwt_url, json_url = credential_urls(review)
    token = member.get(jwt_url).content.decode()
    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v2")
    holds, why = verify(token, member)
    assert not holds and why.startswith("410")
    assert member.get(json_url).json()["reason"] == "The evidence link changed after the review."


def test_only_the_learner_learns_that_an_endorsement_was_withdrawn(world):
    """To anyone else a withdrawn endorsement is a 404, like one that never existed; "changes asked" has none."""
    review = endorse(world)
    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v2")
    for user in ("mentor", "other"):
        for url in credential_urls(review):
            assert signed_in(world[user]).get(url).status_code == 404
    asked = evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                            verdict="changes", comment="Add tests.")  # fmt: skip
    assert signed_in(world["member"]).get(credential_urls(asked)[1]).status_code == 404


def test_the_revocation_list_is_the_same_public_answer_for_everyone_in_two_queries(world, django_assert_num_queries):
    """Public by design: a visitor, the learner, the mentor and staff get the same bytes, cacheable by anyone; the
    list costs two queries (the standing endorsements, and the last change); 304 while nothing changed."""
    endorse(world)
    url = reverse("mentoring:status-list")
    with django_assert_num_queries(2):
        visitor = Client().get(url)
    assert visitor.status_code == 200 and visitor["Cache-Control"] == "public, max-age=300"
    for user in ("member", "mentor", "other", "staff"):
        answer = signed_in(world[user]).get(url)
        assert (answer.content, answer["ETag"], answer["Cache-Control"]) == (
            visitor.content,
            visitor["ETag"],
            visitor["Cache-Control"],
        ), user
    with django_assert_num_queries(2):
        assert Client().get(url, HTTP_IF_NONE_MATCH=visitor["ETag"]).status_code == 304
    assert Client().post(url).status_code == 405
