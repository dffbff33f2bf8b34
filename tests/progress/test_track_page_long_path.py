"""A track page that fits a long path: the filter, stages folded open where the learner is, what finishing a stage
says, and titles shown as text in a tick's answer."""

import pytest

from roadmap.models import Item, Stage
from tests.progress.steps import HTMX, my_status, post_status

pytestmark = pytest.mark.django_db


# --- A track page that fits a long path -----------------------------------------------------------------------------


def test_the_filter_shows_only_the_rows_asked_for_and_keeps_the_tallies(client_logged_in, user, track):
    post_status(client_logged_in, "python", "done")
    post_status(client_logged_in, "statistics", "in_progress")
    url = track.get_absolute_url()
    rows = {
        show: [
            part.split('"', 1)[0]
            for part in client_logged_in.get(f"{url}?show={show}").content.decode().split('data-status="')[1:]
        ]
        for show in ["all", "todo", "in_progress", "done", "nonsense"]
    }
    assert sorted(rows["all"]) == ["done", "in_progress", "not_started", "not_started"]
    assert rows["todo"] == ["not_started", "not_started"]
    assert rows["in_progress"] == ["in_progress"] and rows["done"] == ["done"]
    assert rows["nonsense"] == rows["all"], "an unknown filter shows everything"
    page = client_logged_in.get(f"{url}?show=done").content.decode()
    assert "1 of 4 done" in page, "the tally counts every item, shown or not"
    assert 'href="?show=done" aria-current="page"' in page


def test_stages_fold_open_on_the_stage_the_learner_is_in(client_logged_in, user, track):
    def open_stages():
        page = client_logged_in.get(track.get_absolute_url()).content.decode()
        return [part.split("</h2>", 1)[0].rsplit(">", 1)[1] for part in page.split('<h2 id="stage-heading-')[1:]
                if '<details class="stage-items" open>' in part.split("</details>", 1)[0]]  # fmt: skip

    assert open_stages() == ["Foundations"]
    for slug in ["python", "linear-algebra"]:
        post_status(client_logged_in, slug, "done")
    post_status(client_logged_in, "statistics", "skipped:not_relevant")
    assert open_stages() == ["Projects"], "Foundations is finished: the learner is in Projects now"


def test_finishing_the_last_item_of_a_stage_says_so_and_what_comes_next(client_logged_in, user, track):
    for slug in ["python", "linear-algebra"]:
        post_status(client_logged_in, slug, "done", data={"track": "ml"}, **HTMX)
    response = post_status(client_logged_in, "statistics", "done", data={"track": "ml"}, **HTMX)
    body = response.content.decode()
    assert "Stage complete: Foundations</strong>, 3 of 3. Next: <a" in body and "Projects</a>" in body
    assert "Stage complete: Foundations, 3 of 3. Next: Projects." in body, "screen readers hear it too"

    response = post_status(client_logged_in, "portfolio", "done", data={"track": "ml", "next": "/tracks/ml/"})
    assert response.status_code == 302
    page = client_logged_in.get(response["Location"]).content.decode()
    assert "Stage complete: Projects, 1 of 1. That was the last stage of this track." in page


def test_finishing_the_last_stage_in_place_tells_screen_readers_what_the_page_shows(client_logged_in, user, track):
    """The announcement and the message say the same words (progress.tallies.stage_complete_words)."""
    body = post_status(client_logged_in, "portfolio", "done", data={"track": "ml"}, **HTMX).content.decode()
    said = body.split('id="progress-announcement"', 1)[1].split("</div>", 1)[0]
    assert said.endswith("Stage complete: Projects, 1 of 1. That was the last stage of this track.")
    assert "</strong>, 1 of 1. That was the last stage of this track.</p>" in body


def test_a_ticks_answer_shows_titles_as_text(client_logged_in, user, track):
    """The htmx answer is Jinja2 macros (progress/jinja2/progress/track.html): the row, the stage message and the
    announcement show each title as text."""
    Item.objects.filter(slug="statistics").update(title="Stats <b>&</b> more")
    Stage.objects.filter(title="Foundations").update(title="Foundations <em>first</em>")
    Stage.objects.filter(title="Projects").update(title='Projects "<i>next</i>"')
    for slug in ["python", "linear-algebra"]:
        post_status(client_logged_in, slug, "done", data={"track": "ml"}, **HTMX)
    body = post_status(client_logged_in, "statistics", "done", data={"track": "ml"}, **HTMX).content.decode()
    assert "<b>&</b>" not in body and "<em>first</em>" not in body and "<i>next</i>" not in body
    assert '">Stats &lt;b&gt;&amp;&lt;/b&gt; more</a>' in body, "the row"
    assert "Stage complete: Foundations &lt;em&gt;first&lt;/em&gt;</strong>, 3 of 3." in body
    assert "Projects &#34;&lt;i&gt;next&lt;/i&gt;&#34;</a>." in body, "the link to the next stage"
    assert (
        "Saved: Stats &lt;b&gt;&amp;&lt;/b&gt; more. 3 of 4 done on this track. Stage complete: Foundations "
        "&lt;em&gt;first&lt;/em&gt;, 3 of 3. Next: Projects &#34;&lt;i&gt;next&lt;/i&gt;&#34;.</div>"
    ) in body, "what screen readers hear"
    assert 'aria-label="Foundations &lt;em&gt;first&lt;/em&gt;: 100% done"' in body, "the stage's bar"


def test_an_unknown_track_is_refused_before_anything_is_saved(client_logged_in, user, track):
    response = post_status(client_logged_in, "python", "done", data={"track": "no-such-track"}, **HTMX)
    assert response.status_code == 400
    assert my_status(user, "python") is None
