"""Fetching an ad by its address: off by default; when on, https to public addresses only (after every redirect),
2 MB and 5 seconds; a JobPosting fills the paste form and nothing is stored until the learner sends it.

A real https server on 127.0.0.1 with a certificate from trustme's CA plays the job site; the tests allow that one
address (JOBS_FETCH_ALLOWED_NETWORKS), so every refusal below is one a real private address would get."""

import http.server
import json
import ssl
import threading
import time

import pytest
import trustme
from django.urls import reverse

from jobs.fetching import FetchRefused, fetch_ad
from jobs.models import JobAd

POSTING = {
    "@context": "https://schema.org", "@type": "JobPosting", "title": "Junior ML engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme Freight"},
    "description": "<p>Requirements:</p><ul><li>Python</li><li>SQL</li></ul>",
}  # fmt: skip
PAGE = f"""<!doctype html><html><head><title>Jobs at Acme</title>
<script type="application/ld+json">{json.dumps(POSTING)}</script></head><body><p>Apply now</p></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def do_GET(self):
        status, headers, body, delay = self.routes.get(self.path, (404, {}, b"", 0))
        time.sleep(delay)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet: the tests read what the fetcher says, not the server's log."""


@pytest.fixture(scope="module")
def job_site(tmp_path_factory):
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    html = {"Content-Type": "text/html; charset=utf-8"}
    Handler.routes = {
        "/ad": (200, html, PAGE.encode(), 0),
        "/plain": (
            200,
            html,
            b"<html><head><title>Data scientist</title></head><body><p>We need SQL.</p></body></html>",
            0,
        ),
        "/to-private": (302, {"Location": "https://10.1.2.3/ad"}, b"", 0),
        "/to-metadata": (301, {"Location": "https://169.254.169.254/latest/meta-data/"}, b"", 0),
        "/to-http": (302, {"Location": "http://example.com/ad"}, b"", 0),
        "/loop": (302, {"Location": "/loop"}, b"", 0),
        "/big": (200, html, b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>", 0),
        "/slow": (200, html, b"<p>late</p>", 6),
        "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7", 0),
        "/latin": (200, {"Content-Type": "text/html; charset=iso-8859-1"}, "<p>Zoë, München</p>".encode("latin-1"), 0),
    }
    yield {"base": f"https://127.0.0.1:{server.server_address[1]}", "bundle": str(bundle)}
    server.shutdown()


@pytest.fixture
def fetching_on(settings, job_site):
    settings.JOBS_FETCH_ADS = True
    settings.JOBS_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.JOBS_FETCH_CA_BUNDLE = job_site["bundle"]
    return job_site["base"]


def test_a_job_posting_fills_the_paste_form_and_nothing_is_stored(client_logged_in, fetching_on):
    response = client_logged_in.post(reverse("jobs:ad-fetch"), {"address": fetching_on + "/ad"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Junior ML engineer"' in page and 'value="Acme Freight"' in page
    assert "Requirements:" in page and "Python" in page
    assert not JobAd.objects.exists()


def test_a_page_is_read_in_the_charset_it_declares(fetching_on):
    assert "Zoë, München" in fetch_ad(fetching_on + "/latin").text


def test_a_page_without_a_posting_gives_its_visible_text(fetching_on):
    fetched = fetch_ad(fetching_on + "/plain")
    assert (fetched.title, fetched.company) == ("Data scientist", "") and "We need SQL." in fetched.text


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/to-private", "private network"), ("/to-metadata", "private network"), ("/to-http", "Only https"),
        ("/loop", "redirects too many times"), ("/big", "larger than 2 MB"), ("/pdf", "not a web page"),
        ("/missing", "answered 404"),
    ],
)  # fmt: skip
def test_what_the_job_site_cannot_make_us_do(fetching_on, path, said):
    with pytest.raises(FetchRefused, match=said):
        fetch_ad(fetching_on + path)


def test_a_slow_page_is_given_up_after_5_seconds(fetching_on):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="5 seconds"):
        fetch_ad(fetching_on + "/slow")
    assert time.monotonic() - started < 5.9


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("file:///etc/passwd", "Enter a valid URL"), ("http://example.com/ad", "Only https"),
        ("https://127.0.0.1/ad", "private network"), ("https://10.0.0.8/ad", "private network"),
        ("https://169.254.169.254/latest/meta-data/", "private network"), ("https://[::1]/ad", "private network"),
        ("https://localhost/ad", "private network"), ("https://user:pw@example.com/ad", "user name or password"),
    ],
)  # fmt: skip
def test_refused_addresses_get_a_form_error_and_nothing_is_stored(client_logged_in, settings, address, said):
    settings.JOBS_FETCH_ADS = True  # and no network allowed: 127.0.0.1 is private again
    response = client_logged_in.post(reverse("jobs:ad-fetch"), {"address": address})
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not JobAd.objects.exists()


def test_fetching_is_off_by_default(client_logged_in, settings):
    assert settings.JOBS_FETCH_ADS is False
    assert client_logged_in.post(reverse("jobs:ad-fetch"), {"address": "https://example.com/ad"}).status_code == 404
    assert "Fetch an ad" not in client_logged_in.get(reverse("jobs:ads")).content.decode()
