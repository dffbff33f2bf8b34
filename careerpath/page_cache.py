"""Cached pages with exact invalidation: a cached page is keyed on versions that every change replaces.

Each app owns its versions and the keys of its pages; this module holds the machinery they share. Versions live in
the database and are replaced in the transaction of each change: curated content's one version
(`roadmap.cache`, `roadmap.models.ContentVersion`) and each learner's record version (`progress.cache`). A page
stored under a version always shows that version's data, and a cache that fails (Redis down, refusing writes) can
only make pages be computed again, never leave a stale one behind.

Keys also carry everything else a page depends on (the learner's goals, their local date), so nothing has to be
deleted: old entries simply expire. Pages live in the "pages" cache, in each process by default: a process that has
not seen a page renders it once.
"""

import hashlib
import re
import secrets
import struct
import zlib
from dataclasses import dataclass

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.connection import ConnectionProxy

PAGE_TIMEOUT = 60 * 60 * 24  # a day; every change gets a new key anyway
CSRF_PLACEHOLDER = "careerpath-csrf-placeholder-9f1c"
pages = ConnectionProxy(caches, "pages")


_INDENT = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """The page without the templates' indentation and blank lines: a newline followed by whitespace is one
    newline, which HTML reads the same (both are whitespace between words, and nothing between tags). Pages holding
    <pre> or <textarea>, where whitespace is content, are left as they are."""
    if "<pre" in html or "<textarea" in html:
        return html
    return _INDENT.sub("\n", html)


def cached_page(request, key: str, render_response) -> HttpResponse:
    """The whole page stored under `key`, or `render_response(extra_context)` rendered, stored and returned.

    The page is rendered with a placeholder for the CSRF token (the sign-out form in the navigation bar has one)
    and each response gets the visitor's own token, so a cached page never shares a token. Pages with messages
    waiting are never cached nor served from the cache: a message belongs to one response.

    Stored compressed (`CompressedPage`); a browser that accepts `deflate` (every current one does) gets the stored
    bytes with its token spliced in, without compressing or decompressing anything; other clients get the text.
    """
    if len(get_messages(request)):
        return render_response({})
    key = f"careerpath:page:{key}"
    stored = pages.get(key)
    if stored is None:
        response = render_response({"csrf_token": CSRF_PLACEHOLDER})
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return response
        stored = CompressedPage.of(compact(response.content.decode()))
        pages.set(key, stored, PAGE_TIMEOUT)
    token = get_token(request) if len(stored.segments) > 1 else ""
    if accepts_deflate(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(stored.deflated(token.encode()), headers={"Content-Encoding": "deflate"})
        encoding = "deflate"
    else:
        response = HttpResponse(stored.text(token))
        encoding = "identity"
    if stored.digest:
        # Weak: the compressed bytes differ by their random padding, the page they hold does not. Without it Django's
        # ConditionalGetMiddleware hashed every body, padding included, so no two matched and no 304 was ever sent.
        response["ETag"] = f'W/"{stored.digest}-{encoding}"'
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


_DEFLATE = re.compile(r"(?:^|,)\s*deflate\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*(?:,|$)", re.IGNORECASE)


def accepts_deflate(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header takes `deflate` (RFC 9110: "deflate" is the zlib format), and not at q=0."""
    found = _DEFLATE.search(accept_encoding)
    if found is None:
        return False
    try:
        return found.group(1) is None or float(found.group(1)) > 0
    except ValueError:
        return False


_ADLER_BASE = 65521
# A deflate block that holds nothing, stored (5 bytes): repeated a random number of times it pads the body's length
# the way Django's GZipMiddleware pads with random bytes (the "Heal the Breach" mitigation of BREACH).
_EMPTY_STORED_BLOCK = b"\x00\x00\x00\xff\xff"
_LAST_EMPTY_BLOCK = b"\x03\x00"  # a final, empty block with fixed codes: what zlib writes to finish a flushed stream


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs (zlib's adler32_combine)."""
    remainder = second_length % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (remainder * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += (first >> 16) + (second >> 16) + _ADLER_BASE - remainder
    sum1 %= _ADLER_BASE
    sum2 %= _ADLER_BASE
    return sum1 | (sum2 << 16)


@dataclass(frozen=True)
class CompressedPage:
    """A page's text around its CSRF placeholders, each part compressed on its own (raw deflate ending on a byte
    boundary, no back-references across parts), with each part's Adler-32 and length.

    A response's body is then a zlib stream put together from the stored parts and the token as stored (literal)
    blocks, with the checksum combined from the parts' (RFC 1950/1951): a few bytes of work per response instead of
    decompressing, replacing and compressing 30-60 KB.
    """

    segments: tuple[bytes, ...]
    checksums: tuple[int, ...]
    lengths: tuple[int, ...]
    # The page's text hashed once when stored, for its ETag: only a page without a CSRF token (every response the
    # same page), a visitor's. Empty for the others, and on pages stored before this field.
    digest: str = ""

    @classmethod
    def of(cls, html: str) -> "CompressedPage":
        parts = [part.encode() for part in html.split(CSRF_PLACEHOLDER)]
        segments = []
        for part in parts:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            segments.append(compressor.compress(part) + compressor.flush(zlib.Z_FULL_FLUSH))
        digest = hashlib.md5(parts[0], usedforsecurity=False).hexdigest() if len(parts) == 1 else ""
        return cls(tuple(segments), tuple(zlib.adler32(part) for part in parts), tuple(map(len, parts)), digest)

    def deflated(self, token: bytes) -> bytes:
        """The page as a zlib stream with `token` in each placeholder."""
        token_block = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
        token_checksum = zlib.adler32(token)
        body = [b"\x78\x01", _EMPTY_STORED_BLOCK * secrets.randbelow(20)]
        checksum = 1
        for index, segment in enumerate(self.segments):
            if index:
                body.append(token_block)
                checksum = _adler32_combine(checksum, token_checksum, len(token))
            body.append(segment)
            checksum = _adler32_combine(checksum, self.checksums[index], self.lengths[index])
        body += [_LAST_EMPTY_BLOCK, struct.pack(">I", checksum)]
        return b"".join(body)

    def text(self, token: str) -> str:
        """The page as text with `token` in each placeholder."""
        parts = [zlib.decompressobj(-zlib.MAX_WBITS).decompress(segment).decode() for segment in self.segments]
        return token.join(parts)
