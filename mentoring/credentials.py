"""An endorsement as an Open Badges 3.0 credential the learner can keep outside careerpath.

The credential (`OpenBadgeCredential`, W3C Verifiable Credentials 2.0) names the site as issuer, the item as the
achievement (its "done when" as the criteria) and the evidence link with the mentor's review as evidence. It
validates against 1EdTech's JSON schema for OB 3.0 (a skill is a `Competency`; a project, which the schema's list
lacks, the extension term `ext:Project`).

**Only the JWT form is signed.** It follows OB 3.0 section 8.2 (JSON Web Token proof format): the JOSE header holds
`alg: EdDSA`, `typ: JWT` and a `kid` that is both the URL of the published key
(`<SITE_URL>/.well-known/jwks.json#key-1`) and, word for word, the `kid` of that key in the JWKS, so standard key
lookups (PyJWT's `PyJWKClient`, joserfc's `KeySet`) find it. The payload is the credential itself with the claims
`iss` (issuer id), `jti` (credential id), `nbf` (validFrom) and `sub` (the subject's id); it repeats the credential
under `vc` too, for verifiers written for VC-JWT 1.1, as the section's note allows. The readable JSON form carries
no proof: careerpath does not produce a Data Integrity proof (a second signature format would need JSON-LD
canonicalisation of both contexts, vendored), and the download link and docs/api.md say so.

The signing key is derived from SECRET_KEY (HKDF), so every app server signs alike and no key file needs managing;
rotating SECRET_KEY rotates it (credentials issued before then no longer verify).

**Revocation for anyone.** Each credential has a `credentialStatus` entry in careerpath's Bitstring Status List
(W3C): its index is the review's id, and the bit is clear only while the endorsement stands. The list is itself a
signed credential at `<SITE_URL>/credentials/status/revocation`, which anyone may fetch, so a verifier learns of the
withdrawal without signing in.

The learner is named by a salted hash of their email address (OB 3.0 `IdentityObject`), never in clear; the
subject's `id` is an opaque `urn:uuid:` that stays the same for the learner's credentials and reveals nothing.
"""

import base64
import gzip
import hashlib
import hmac
import json
import uuid
from datetime import datetime

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.urls import reverse

from .models import EvidenceReview

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
KEY_NAME = "key-1"
# The W3C Bitstring Status List's minimum length (16 KiB of bits), for herd privacy; the list grows in such blocks.
STATUS_LIST_BLOCK = 131_072


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _keyed(purpose: str, value: object) -> bytes:
    """A value only careerpath can compute (HMAC under SECRET_KEY), stable for the same input."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).digest()


def key_id() -> str:
    """The key's id: the URL that dereferences to it, used alike in the JWKS and in every JWT header."""
    return settings.SITE_URL + reverse("mentoring:jwks") + "#" + KEY_NAME


def status_list_url() -> str:
    return settings.SITE_URL + reverse("mentoring:status-list")


def signing_key() -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"careerpath-credentials", info=b"ed25519").derive(
        settings.SECRET_KEY.encode()
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_jwks() -> dict:
    raw = signing_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": _b64(raw), "kid": key_id(), "alg": "EdDSA", "use": "sig"}]}


def _issuer() -> dict:
    return {"id": settings.SITE_URL + "/", "type": ["Profile"], "name": "careerpath"}


def credential(review: EvidenceReview) -> dict:
    """The credential, the same document on every request for the same review."""
    site = settings.SITE_URL
    item = review.item
    salt = _keyed("identity-salt", review.pk).hex()[:16]
    identity = hashlib.sha256((review.learner.email.lower() + salt).encode()).hexdigest()
    reviewed = f"Reviewed by {review.mentor_name} on {review.created_at:%Y-%m-%d}: meets the item's “done when”."
    return {
        "@context": CONTEXTS,
        "id": site + reverse("mentoring:credential", args=[review.pk, "json"]),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": _issuer(),
        "validFrom": review.created_at.replace(microsecond=0).isoformat(),
        "name": f"{item.title}: endorsed",
        "credentialSubject": {
            "id": uuid.UUID(bytes=_keyed("subject", review.learner_id)[:16], version=4).urn,
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                            "identityHash": f"sha256${identity}", "salt": salt}],
            "achievement": {
                "id": site + item.get_absolute_url(),
                "type": ["Achievement"],
                "achievementType": "Competency" if item.kind == "skill" else "ext:Project",
                "name": item.title,
                "description": item.summary,
                "criteria": {"narrative": item.outcome or item.summary},
            },
        },
        "evidence": [{"id": review.evidence_url, "type": ["Evidence"], "name": "The learner's evidence",
                      "narrative": reviewed + (f" “{review.comment}”" if review.comment else "")}],
        "credentialStatus": {
            "id": f"{status_list_url()}#{review.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(review.pk),
            "statusListCredential": status_list_url(),
        },
    }  # fmt: skip


def _signed(payload: dict) -> str:
    """A compact JWS (OB 3.0 section 8.2): header.payload.signature, EdDSA over Ed25519."""
    header = {"alg": "EdDSA", "typ": "JWT", "kid": key_id()}
    signing_input = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(payload).encode())
    return signing_input + "." + _b64(signing_key().sign(signing_input.encode()))


def _as_jwt_payload(document: dict) -> dict:
    claims = {"iss": document["issuer"]["id"], "jti": document["id"],
              "nbf": int(datetime.fromisoformat(document["validFrom"]).timestamp())}  # fmt: skip
    subject = document["credentialSubject"].get("id")
    if subject:
        claims["sub"] = subject
    return {**document, **claims, "vc": document}


def credential_jwt(review: EvidenceReview) -> str:
    return _signed(_as_jwt_payload(credential(review)))


def status_list(standing: set[int], as_of: datetime) -> dict:
    """The revocation list as a W3C BitstringStatusListCredential, valid from `as_of` (the last change).

    Bit i (left-most first) is clear only while review i is a standing endorsement: withdrawn, deleted (with the
    learner's account) and never-issued indexes all read as revoked. GZIP-compressed, base64url with the multibase
    prefix `u`, in blocks of 131,072 bits."""
    length = -(-(max(standing, default=0) + 1) // STATUS_LIST_BLOCK) * STATUS_LIST_BLOCK
    bits = bytearray(b"\xff" * (length // 8))
    for index in standing:
        bits[index // 8] &= ~(0x80 >> (index % 8)) & 0xFF
    url = status_list_url()
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": _issuer(),
        "validFrom": as_of.replace(microsecond=0).isoformat(),
        "credentialSubject": {"id": url + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
                              "encodedList": "u" + _b64(gzip.compress(bytes(bits), mtime=0))},
    }  # fmt: skip


def status_list_jwt(standing: set[int], as_of: datetime) -> str:
    return _signed(_as_jwt_payload(status_list(standing, as_of)))
