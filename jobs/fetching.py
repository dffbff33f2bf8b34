"""Fetching a job ad by its address: off unless `JOBS_FETCH_ADS` is on, because it makes our server send requests
where a learner points it.

When on, every hop (the address and each redirect, at most three) must be https, name a host whose every address is
public (no private, loopback, link-local, reserved or multicast address: 10.0.0.0/8, 127.0.0.1, 169.254.169.254 and
their IPv6 kin are refused), and the connection goes to the address we checked, not to a second DNS answer (the
certificate is still checked against the host's name). The whole fetch has 5 seconds and 2 MB. What comes back is
not stored: it fills the paste form, and the learner reads it before anything is saved.

The page is read with extruct (a schema.org `JobPosting` in JSON-LD gives the title, the company and the
description) or, without one, html-text (the page's visible text, which the learner trims).
`JOBS_FETCH_ALLOWED_NETWORKS` and `JOBS_FETCH_CA_BUNDLE` exist for the tests' local https server only.
"""

import ipaddress
import re
import socket
from dataclasses import dataclass
from time import monotonic
from urllib.parse import urljoin, urlsplit

import certifi
import extruct
import html_text
import urllib3
from django.conf import settings

LIMIT_BYTES = 2 * 1024 * 1024
SECONDS = 5.0
REDIRECTS = 3
USER_AGENT = "careerpath job-ad reader (fetches one page a learner asked for)"


class FetchRefused(ValueError):
    """The address cannot be fetched; the message says why, for the learner."""


@dataclass(frozen=True)
class FetchedAd:
    url: str
    title: str
    company: str
    text: str


def _allowed_anyway(address) -> bool:
    return any(address in ipaddress.ip_network(network) for network in settings.JOBS_FETCH_ALLOWED_NETWORKS)


def _public_address(host: str, port: int) -> str:
    """One address of the host, after checking that every address it has is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused("No server answers to that address's name.") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if not address.is_global and not _allowed_anyway(address):
            raise FetchRefused("That address leads into a private network; careerpath fetches public pages only.")
    return str(addresses[0])


def fetch_page(url: str) -> tuple[str, str]:
    """(the final address, its HTML), or FetchRefused."""
    deadline = monotonic() + SECONDS
    for _hop in range(REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise FetchRefused("Only https addresses are fetched.")
        if parts.username or parts.password:
            raise FetchRefused("An address with a user name or password is not fetched.")
        try:
            port = parts.port or 443
        except ValueError as error:
            raise FetchRefused("That address's port is not a number we can use.") from error
        host = parts.hostname
        address = _public_address(host, port)
        left = deadline - monotonic()
        if left <= 0:
            raise FetchRefused("The page took longer than 5 seconds.")
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED",
            ca_certs=settings.JOBS_FETCH_CA_BUNDLE or certifi.where(), timeout=urllib3.Timeout(total=left),
            retries=False, maxsize=1,
        )  # fmt: skip
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            response = pool.urlopen(
                "GET", path, headers={"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT,
                                      "Accept": "text/html,application/xhtml+xml"},
                redirect=False, preload_content=False,
            )  # fmt: skip
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                response.release_conn()
                continue
            if response.status != 200:
                raise FetchRefused(f"The page answered {response.status}, not the ad.")
            kind = response.headers.get("Content-Type", "")
            if "html" not in kind:
                raise FetchRefused("That address is not a web page.")
            body = _read_limited(response, deadline)
        except urllib3.exceptions.SSLError as error:
            raise FetchRefused("The site's certificate could not be verified.") from error
        except (urllib3.exceptions.TimeoutError, TimeoutError) as error:
            raise FetchRefused("The page took longer than 5 seconds.") from error
        except urllib3.exceptions.HTTPError as error:
            raise FetchRefused("The site could not be reached.") from error
        finally:
            pool.close()
        return url, _decoded(body, kind)
    raise FetchRefused("The address redirects too many times.")


def _decoded(body: bytes, content_type: str) -> str:
    """The page's text in the charset its Content-Type names (UTF-8 when it names none we know)."""
    declared = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    try:
        return body.decode(declared.group(1) if declared else "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _read_limited(response, deadline: float) -> bytes:
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > LIMIT_BYTES:
            raise FetchRefused("The page is larger than 2 MB.")
        if monotonic() > deadline:
            raise FetchRefused("The page took longer than 5 seconds.")
        chunks.append(chunk)
    return b"".join(chunks)


def _postings(data) -> list[dict]:
    """Every JobPosting in JSON-LD blocks, also inside an @graph."""
    found = []
    for block in data if isinstance(data, list) else [data]:
        if not isinstance(block, dict):
            continue
        kinds = block.get("@type")
        if kinds == "JobPosting" or (isinstance(kinds, list) and "JobPosting" in kinds):
            found.append(block)
        found += _postings(block.get("@graph", []))
    return found


def ad_from_page(url: str, html: str) -> FetchedAd:
    """The ad in a page: its JobPosting when it has one, else its visible text."""
    try:
        blocks = extruct.extract(html, base_url=url, syntaxes=["json-ld"], errors="ignore").get("json-ld", [])
    except Exception:  # noqa: BLE001 - a broken page is read as text instead
        blocks = []
    for posting in _postings(blocks):
        organisation = posting.get("hiringOrganization")
        company = organisation.get("name", "") if isinstance(organisation, dict) else str(organisation or "")
        description = html_text.extract_text(str(posting.get("description", "")), guess_layout=True)
        if description.strip():
            return FetchedAd(url, str(posting.get("title", ""))[:200], company[:200], description)
    text = html_text.extract_text(html, guess_layout=True)
    title = html_text.extract_text(html.split("</title>")[0].split("<title>")[-1]) if "<title>" in html else ""
    return FetchedAd(url, title[:200], "", text)


def fetch_ad(url: str) -> FetchedAd:
    if not settings.JOBS_FETCH_ADS:
        raise FetchRefused("Fetching an ad by its address is switched off on this site: paste its text instead.")
    final_url, html = fetch_page(url.strip())
    return ad_from_page(final_url, html)
