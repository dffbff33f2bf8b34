"""An endorsement as an Open Badges 3.0 credential the learner can keep outside careerpath.

The credential (`OpenBadgeCredential`, W3C Verifiable Credentials 2.0) names the site as issuer, the item as the
achievement (its "done when" as the criteria) and the evidence link with the mentor's review as evidence. It is
secured as a JWT (VC-JOSE: `typ: vc+jwt`, EdDSA over Ed25519); the public key is published at
`/.well-known/jwks.json`, so anyone can check that careerpath issued it and that nothing in it changed. The signing
key is derived from SECRET_KEY (HKDF), so every app server signs alike and no key file needs managing; rotating
SECRET_KEY rotates it (credentials issued before then no longer verify).

The learner is named by a salted hash of their email address (OB 3.0 `IdentityObject`), never in clear.
"""

import base64
import hashlib
import json
import secrets

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.urls import reverse

from .models import EvidenceReview

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
KEY_ID = "key-1"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signing_key() -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"careerpath-credentials", info=b"ed25519").derive(
        settings.SECRET_KEY.encode()
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_jwks() -> dict:
    raw = signing_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": _b64(raw), "kid": KEY_ID, "alg": "EdDSA", "use": "sig"}]}


def credential(review: EvidenceReview) -> dict:
    site = settings.SITE_URL
    item = review.item
    salt = secrets.token_hex(8)
    identity = hashlib.sha256((review.learner.email.lower() + salt).encode()).hexdigest()
    reviewed = f"Reviewed by {review.mentor_name} on {review.created_at:%Y-%m-%d}: meets the item's “done when”."
    return {
        "@context": CONTEXTS,
        "id": site + reverse("mentoring:credential", args=[review.pk, "json"]),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": site + "/", "type": ["Profile"], "name": "careerpath"},
        "validFrom": review.created_at.isoformat(),
        "name": f"{item.title}: endorsed",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                            "identityHash": f"sha256${identity}", "salt": salt}],
            "achievement": {
                "id": site + item.get_absolute_url(),
                "type": ["Achievement"],
                "achievementType": "Competency" if item.kind == "skill" else "Project",
                "name": item.title,
                "description": item.summary,
                "criteria": {"narrative": item.outcome or item.summary},
            },
        },
        "evidence": [{"id": review.evidence_url, "type": ["Evidence"], "name": "The learner's evidence",
                      "narrative": reviewed + (f" “{review.comment}”" if review.comment else "")}],
    }  # fmt: skip


def credential_jwt(review: EvidenceReview) -> str:
    """The credential as a compact JWS: header.payload.signature, EdDSA."""
    header = {
        "alg": "EdDSA",
        "typ": "vc+jwt",
        "cty": "vc",
        "kid": settings.SITE_URL + "/.well-known/jwks.json#" + KEY_ID,
    }
    signing_input = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(credential(review)).encode())
    return signing_input + "." + _b64(signing_key().sign(signing_input.encode()))
