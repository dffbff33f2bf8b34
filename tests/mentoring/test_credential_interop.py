"""A careerpath credential verifies with tools nobody on the team wrote, as a wallet or an employer's verifier
would: PyJWT's `PyJWKClient` and joserfc fetch the key from the live /.well-known/jwks.json by the JWT's `kid`;
jsonschema checks the credential against 1EdTech's official OB 3.0 schema (tests/data/openbadges); the public
Bitstring Status List, decoded by hand from its W3C definition, says when an endorsement was withdrawn."""

import base64
import gzip
import json
from pathlib import Path

import jwt
import pytest
import requests
from django.urls import reverse
from joserfc import jwt as jose_jwt
from joserfc.jwk import KeySet
from jsonschema import Draft201909Validator

from mentoring.services import evidence_review
from progress.services import progress_record, progress_set_details
from tests.mentoring.conftest import signed_in

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMA_FILE = Path(__file__).parents[1] / "data/openbadges/ob_v3p0_achievementcredential_schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text())


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = live_server.url
    return live_server.url


def endorse(world, item):
    return evidence_review(
        mentor=world["mentor"], membership=world["membership"], item=item, verdict="endorsed", comment=""
    )


def download(world, review, file_format):
    answer = signed_in(world["member"]).get(reverse("mentoring:credential", args=[review.pk, file_format]))
    assert answer.status_code == 200
    return answer.content.decode() if file_format == "jwt" else answer.json()


def test_pyjwt_finds_the_key_by_kid_and_checks_the_claims_ob_section_8_2_requires(world, site):
    review = endorse(world, world["project"])
    token = download(world, review, "jwt")
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "EdDSA", "typ": "JWT", "kid": f"{site}/.well-known/jwks.json#key-1"}

    key = jwt.PyJWKClient(f"{site}/.well-known/jwks.json").get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key, algorithms=["EdDSA"], issuer=f"{site}/",
                        options={"require": ["iss", "jti", "nbf", "sub"]})  # fmt: skip
    assert claims["jti"] == claims["id"] == f"{site}/endorsements/{review.pk}/credential.json"
    assert claims["sub"] == claims["credentialSubject"]["id"] and claims["sub"].startswith("urn:uuid:")
    assert claims["vc"]["credentialSubject"]["achievement"]["name"] == world["project"].title
    assert world["member"].email not in token and world["member"].email not in json.dumps(claims)


# joserfc warns that RFC 9864 deprecates the name "EdDSA" for the fully specified "Ed25519". careerpath keeps
# "EdDSA": it is what OB 3.0 verifiers and PyJWT accept today (docs/api.md, "Credentials").
@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
def test_joserfc_verifies_the_same_token_against_the_published_key_set(world, site):
    token = download(world, endorse(world, world["project"]), "jwt")
    keys = KeySet.import_key_set(requests.get(f"{site}/.well-known/jwks.json", timeout=5).json())
    verified = jose_jwt.decode(token, keys, algorithms=["EdDSA"])
    assert verified.header["kid"] == keys.keys[0].kid
    assert verified.claims["iss"] == f"{site}/"
    tampered = token.split(".")
    tampered[1] = tampered[1][:-2] + ("A" if tampered[1][-2] != "A" else "B") + tampered[1][-1]
    with pytest.raises(Exception, match="signature"):
        jose_jwt.decode(".".join(tampered), keys, algorithms=["EdDSA"])


def test_every_credential_validates_against_the_official_1edtech_schema(world, site):
    """A skill is a Competency; a project uses the schema's extension form `ext:Project`. The same holds for the
    credential inside the signed token."""
    skill = world["skill"]
    progress_record(user=world["member"], item=skill, status="done", skip_reason="", note="",
                    evidence_url="https://github.com/member/python")  # fmt: skip
    validator = Draft201909Validator(SCHEMA, format_checker=Draft201909Validator.FORMAT_CHECKER)
    for item, kind in ((world["project"], "ext:Project"), (skill, "Competency")):
        review = endorse(world, item)
        document = download(world, review, "json")
        assert document["credentialSubject"]["achievement"]["achievementType"] == kind
        assert [error.message for error in validator.iter_errors(document)] == []
        payload = jwt.decode(download(world, review, "jwt"), options={"verify_signature": False})
        assert [error.message for error in validator.iter_errors(payload["vc"])] == []


def bit(token: str, index: int, site: str) -> int:
    """The status bit at `index`, read as the W3C Bitstring Status List defines it: multibase base64url (`u`),
    GZIP, left-most bit first."""
    key = jwt.PyJWKClient(f"{site}/.well-known/jwks.json").get_signing_key_from_jwt(token)
    status_list = jwt.decode(token, key, algorithms=["EdDSA"])
    subject = status_list["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072, "the minimum length the specification sets, for herd privacy"
    return (bits[index // 8] >> (7 - index % 8)) & 1


def test_a_withdrawn_endorsement_is_revoked_in_the_public_status_list(world, site):
    review = endorse(world, world["project"])
    status = download(world, review, "json")["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    url, index = status["statusListCredential"], int(status["statusListIndex"])

    first = requests.get(url, timeout=5)  # anyone: no session
    assert first.status_code == 200 and first.headers["Content-Type"] == "application/vc+jwt"
    assert bit(first.text, index, site) == 0
    again = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert again.status_code == 304 and again.content == b""

    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v2")

    after = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert after.status_code == 200 and bit(after.text, index, site) == 1
    assert bit(after.text, index + 1, site) == 1, "an index never issued reads as revoked"
