"""Loads under wrk: sign-ins made ahead, the scenarios and their interleaved runs, two servers' consistency, and
one database's whole block."""

import html
import json
import os
import re
import subprocess
import urllib.request

from processes import BASE_URL, HOST, PORT, ROOT, TRACK, Server, fresh_database, manage
from report import INPROCESS_SCRIPT

SESSION_SCRIPT = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from progress.models import Progress
from roadmap.models import Item

def session_for(email):
    user = get_user_model().objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key

# The dashboard learner is the demo learner with the most progress: the heaviest page there is.
email = (Progress.objects.filter(learner__email__startswith="demo-1-").values("learner__email")
         .annotate(n=Count("id")).order_by("-n", "learner__email")[0]["learner__email"])
secret = _get_new_csrf_string()
item = Item.objects.published().filter(placements__stage__track__slug="machine-learning-engineer").first()
status = [session_for(f"demo-1-{n}@example.com") for n in range(1, 33)]
print(json.dumps({"dashboard": session_for(email), "status": status,
                  "csrf_cookie": secret, "csrf_token": _mask_cipher_secret(secret), "item": item.slug,
                  "item_id": item.pk, "item_title": item.title}))
"""


# What every current browser sends: pages are measured as browsers get them (cached pages go out compressed).
BROWSER_HEADERS = ["Accept-Encoding: gzip, deflate, br, zstd"]


def wrk(path, seconds, *, cookie="", cookies=(), method="GET", bodies=(), headers=()):
    env = os.environ | {
        "BENCH_METHOD": method,
        "BENCH_BODIES": "|".join(bodies),
        "BENCH_COOKIES": "|".join(cookies),
        "BENCH_HEADERS": "|".join([*BROWSER_HEADERS, *headers, *([f"Cookie: {cookie}"] if cookie else [])]),
    }
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(ROOT / "bench" / "report.lua"), BASE_URL + path],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def scenarios(logins):
    status_body = "status={}&track=machine-learning-engineer"
    csrf = f"csrftoken={logins['csrf_cookie']}"
    return {
        "floor": {"path": "/bench/floor/"},
        "track": {"path": TRACK},
        # A browser sends back both cookies it was given (without the CSRF cookie every response would make one).
        "dashboard": {"path": "/dashboard/", "cookie": f"sessionid={logins['dashboard']}; {csrf}"},
        "status": {
            "path": f"/items/{logins['item']}/status/",
            "method": "POST",
            "cookies": [f"sessionid={session}; {csrf}" for session in logins["status"]],
            "bodies": [status_body.format("done"), status_body.format("in_progress")],
            "headers": [
                "Content-Type: application/x-www-form-urlencoded",
                f"X-CSRFToken: {logins['csrf_token']}",
                "HX-Request: true",
            ],
        },
    }


def measure(names, logins, runs, seconds):
    """Interleave the scenarios run by run, so a slow moment of the machine hits all of them alike."""
    all_scenarios = scenarios(logins)
    results = {name: [] for name in names}
    for name in names:  # warm up: templates, connections, caches
        wrk(**all_scenarios[name], seconds=1)
    for _ in range(runs):
        for name in names:
            result = wrk(**all_scenarios[name], seconds=seconds)
            if result["errors"] or result["non2xx"]:
                print(f"  ! {name}: {result['errors']} socket errors, {result['non2xx']} error statuses")
            results[name].append(result)
    return results


SECOND_PORT = 8766
CONSISTENCY_PAIRS = 1000


def consistency(env, logins, pairs) -> dict:
    """Two app servers, one truth: two gunicorn instances over one database (and one Redis when set). Each pair
    ticks on the first server (done, then in progress, then done...) and at once reads, on the second, the
    dashboard, the signed-in track page or the API in turn; a read that does not show the tick is stale."""
    cookie = f"sessionid={logins['status'][0]}; csrftoken={logins['csrf_cookie']}"
    slug, item_id, title = logins["item"], logins["item_id"], html.escape(logins["item_title"])
    row = re.compile(rf'id="row-\d+-{item_id}" data-status="(\w+)"')

    def call(port, path, data=None):
        headers = {"Cookie": cookie}
        if data is not None:
            headers |= {"X-CSRFToken": logins["csrf_token"], "HX-Request": "true",
                        "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
        request = urllib.request.Request(f"http://{HOST}:{port}{path}", data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()

    def shown(page: str, body: str) -> str:
        if page == "api":  # my done items: the item is there after a "done" tick, gone after "in progress"
            return "done" if any(row["item"] == slug for row in json.loads(body)["items"]) else "in_progress"
        if page == "track":
            found = row.search(body)
            return found.group(1) if found else "missing"
        latest = body.split("Latest changes", 1)[1].split("</li>", 1)[0]
        return "done" if f"{title}: done" in latest else "in_progress" if f"{title}: in progress" in latest else "?"

    reads = {"dashboard": "/dashboard/", "track": TRACK, "api": "/api/v1/me/progress?status=done&limit=100"}
    stale = dict.fromkeys(reads, 0)
    env = env | {"API_READ_RATE": "100000/m"}  # the reads measure consistency, not the rate limit
    with Server(env), Server(env, port=SECOND_PORT):
        for path in reads.values():  # each server has rendered each page once before the first tick
            call(PORT, path)
            call(SECOND_PORT, path)
        for index in range(pairs):
            status = "done" if index % 2 == 0 else "in_progress"
            call(PORT, f"/items/{slug}/status/", f"status={status}&track=machine-learning-engineer".encode())
            page = list(reads)[index % len(reads)]
            if shown(page, call(SECOND_PORT, reads[page])) != status:
                stale[page] += 1
    return {"pairs": pairs, "stale": stale}


def bench_database(kind, runs, seconds, large, redis_url=None):
    print(f"\n== {kind}")
    url = fresh_database("postgres" if kind == "postgres+redis" else kind)
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "careerpath.settings.bench", "DATABASE_URL": url}
    env.pop("BENCH_NO_CACHE", None)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    manage("migrate", "--noinput", env=env)
    manage("import_content", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("seed_demo", "--learners", "100", "--seed", "1", env=env)
    logins = json.loads(manage("shell", "-c", SESSION_SCRIPT, env=env).strip().splitlines()[-1])
    report = {"inprocess": json.loads(manage("shell", "-c", INPROCESS_SCRIPT, env=env).strip().splitlines()[-1])}
    with Server(env):
        report["cached"] = measure(["floor", "track", "dashboard", "status"], logins, runs, seconds)
    if redis_url:  # the cache-off and scale blocks do not depend on where the cache lives
        report["consistency"] = consistency(env, logins, CONSISTENCY_PAIRS)
        return report
    with Server(env | {"BENCH_NO_CACHE": "1"}):
        report["uncached"] = measure(["floor", "track", "dashboard"], logins, runs, seconds)
    print(f"  seeding {large - 100:,} more learners")
    manage("seed_demo", "--learners", str(large - 100), "--seed", "2", env=env)
    with Server(env):
        report["large_cached"] = measure(["floor", "dashboard"], logins, runs, seconds)
    with Server(env | {"BENCH_NO_CACHE": "1"}):
        report["large_uncached"] = measure(["floor", "dashboard"], logins, runs, seconds)
    return report
