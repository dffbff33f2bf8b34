"""Two requests setting the same item at the same moment (a double click, two tabs) leave one row and no error."""

import pytest

from progress.models import Progress, ProgressEvent, ProgressStatus
from progress.services import progress_set_status
from tests.concurrency import postgresql_only, run_at_once
from tests.factories import ItemFactory, UserFactory

pytestmark = postgresql_only


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_threads_setting_the_same_item_leave_one_row_and_no_error(attempt):
    user, item = UserFactory(), ItemFactory()
    errors = run_at_once(
        lambda: progress_set_status(user=user, item=item, status=ProgressStatus.DONE),
        lambda: progress_set_status(user=user, item=item, status=ProgressStatus.DONE),
    )
    assert errors == []
    assert Progress.objects.filter(learner=user, item=item).count() == 1
    assert Progress.objects.get(learner=user, item=item).status == ProgressStatus.DONE
    assert ProgressEvent.objects.filter(learner=user).count() == 1, "the second identical change is a no-op"


@pytest.mark.django_db(transaction=True)
def test_two_different_changes_at_once_are_both_recorded_in_order():
    user, item = UserFactory(), ItemFactory()
    errors = run_at_once(
        lambda: progress_set_status(user=user, item=item, status=ProgressStatus.DONE),
        lambda: progress_set_status(user=user, item=item, status=ProgressStatus.IN_PROGRESS),
    )
    assert errors == []
    final = Progress.objects.get(learner=user, item=item).status
    events = list(ProgressEvent.objects.filter(learner=user).order_by("id").values_list("from_status", "to_status"))
    assert len(events) == 2
    assert events[0][0] == ProgressStatus.NOT_STARTED
    assert events[1][0] == events[0][1], "the second change starts where the first left off: nothing lost"
    assert events[1][1] == final
