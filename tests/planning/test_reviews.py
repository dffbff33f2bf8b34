"""Spaced review: done items come back at growing intervals; an answer moves the schedule, never the pace."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from planning.models import ReviewState
from progress.models import Origin, ProgressEvent, ProgressStatus
from progress.selectors import event_day_counts
from progress.services import progress_set_status

pytestmark = pytest.mark.django_db
PLAN = reverse("planning:plan")


def done_days_ago(user, item, days, origin=Origin.HERE):
    progress_set_status(user=user, item=item, status=ProgressStatus.DONE, origin=origin)
    user.progress.filter(item=item).update(completed_at=timezone.now() - timedelta(days=days))


def answer(client, item, value):
    return client.post(reverse("planning:review", args=[item.slug]), {"answer": value})


def test_a_done_item_comes_up_fourteen_days_after_it_was_done(client_logged_in, user, path):
    done_days_ago(user, path["python"], 13)
    done_days_ago(user, path["sql"], 14, origin=Origin.KNOWN_BEFORE)
    page = client_logged_in.get(PLAN).content.decode()
    reviews = page.split('id="reviews-heading"', 1)[1].split("</section>", 1)[0]
    assert "Sql" in reviews and "known before joining" in reviews
    assert "Python" not in reviews, "not due until day 14"
    assert "14, 45, 120, 365 days" in reviews, "the schedule is stated on the page"


def test_only_a_few_reviews_show_at_a_time(client_logged_in, user, path):
    for item in path.values():
        done_days_ago(user, item, 30)
    reviews = client_logged_in.get(PLAN).content.decode().split('id="reviews-heading"', 1)[1].split("</section>")[0]
    assert reviews.count("Still confident?") == 3 and "2 more after these." in reviews


def test_confident_moves_to_the_next_interval_and_shaky_starts_again(client_logged_in, user, path):
    done_days_ago(user, path["python"], 20)
    assert answer(client_logged_in, path["python"], "confident").status_code == 302
    state = ReviewState.objects.get(learner=user, item=path["python"])
    assert (state.step, state.last_answer) == (1, "confident")
    assert "Python" not in client_logged_in.get(PLAN).content.decode().split('id="reviews-heading"')[1].split(
        "</section>")[0], "next due in 45 days"  # fmt: skip
    state.reviewed_at -= timedelta(days=45)
    state.save()
    answer(client_logged_in, path["python"], "shaky")
    state.refresh_from_db()
    assert state.step == 0
    assert user.progress.get(item=path["python"]).status == ProgressStatus.DONE, "shaky keeps the item done"


def test_relearning_puts_the_item_back_in_progress_as_a_review_not_as_progress(client_logged_in, user, path):
    done_days_ago(user, path["python"], 20)
    counts_before = event_day_counts(user=user, zone=timezone.get_current_timezone())
    assert answer(client_logged_in, path["python"], "relearn").status_code == 302
    row = user.progress.get(item=path["python"])
    assert row.status == ProgressStatus.IN_PROGRESS and row.completed_at is None
    event = ProgressEvent.objects.filter(learner=user).first()
    assert (event.kind, event.from_status, event.to_status) == ("review", "done", "in_progress")
    assert event_day_counts(user=user, zone=timezone.get_current_timezone()) == counts_before, "no streak day"
    assert not ReviewState.objects.filter(learner=user).exists()
    assert "review: relearning" in client_logged_in.get(reverse("progress:history")).content.decode()


def test_confident_and_shaky_write_no_progress_event(client_logged_in, user, path):
    done_days_ago(user, path["python"], 20)
    events = ProgressEvent.objects.count()
    answer(client_logged_in, path["python"], "confident")
    answer(client_logged_in, path["python"], "shaky")
    assert ProgressEvent.objects.count() == events


def test_bad_answers_and_items_not_done_change_nothing(client_logged_in, user, path):
    done_days_ago(user, path["python"], 20)
    assert answer(client_logged_in, path["python"], "maybe").status_code == 400
    assert answer(client_logged_in, path["sql"], "confident").status_code == 409, "not done: nothing to review"
    assert client_logged_in.post(reverse("planning:review", args=["nope"]), {"answer": "shaky"}).status_code == 404
    assert not ReviewState.objects.exists()
    assert user.progress.get(item=path["python"]).status == ProgressStatus.DONE


def test_a_review_answer_never_changes_pace_or_streaks(client_logged_in, user, path):
    from progress.dashboard import learner_dashboard

    done_days_ago(user, path["python"], 20)
    done_days_ago(user, path["sql"], 3)
    before = learner_dashboard(user=user, profile=user.profile)
    for value in ("confident", "shaky"):
        answer(client_logged_in, path["python"], value)
        after = learner_dashboard(user=user, profile=user.profile)
        assert after.forecast.pace_hours_per_week == before.forecast.pace_hours_per_week
        assert (after.current_streak, after.longest_streak) == (before.current_streak, before.longest_streak)
