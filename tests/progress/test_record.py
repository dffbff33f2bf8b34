"""progress.record.learner_record: the dashboard's reads of the learner's own record, in one round trip on
PostgreSQL, give what each read gives alone."""

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from assessment.models import ShownBy, ShownItem
from progress.hooks import shown_item_ids
from progress.models import ReleaseNotice
from progress.record import learner_record, release_notice_pending
from progress.selectors import event_day_counts, event_list_latest, progress_by_item_counted
from progress.services import progress_set_status
from roadmap.models import Item, Release, ReleaseState
from tests.factories import UserFactory
from tests.queries import LEARNER_RECORD_TOGETHER, NOTICE_TOGETHER, SHOWN_LOOKUPS, SHOWN_STATEMENTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zone", [ZoneInfo("Asia/Kathmandu"), UTC])
@pytest.mark.parametrize("with_release_notice", [True, False])
def test_the_learners_record_read_together_is_what_each_read_gives(
    user, content, django_assert_num_queries, zone, with_release_notice
):
    """progress.record.learner_record sends the dashboard's reads of the learner's record (and the release banner,
    when asked) together where the database allows it (one query on PostgreSQL, one per read elsewhere; a zone that
    is not a zoneinfo one is read alone): the same rows, days, changes, shown items and notice as each read alone,
    and none of another learner's."""
    other = UserFactory()
    progress_set_status(user=user, item=content["python"], status="done")
    progress_set_status(user=user, item=content["maths"], status="in_progress")
    progress_set_status(user=other, item=content["deploy"], status="done")
    ShownItem.objects.create(learner=user, item=content["python"], shown_by=ShownBy.CHECK)
    ShownItem.objects.create(learner=other, item=content["deploy"], shown_by=ShownBy.CHECK)
    notices = [Release.objects.create(number=number, name=f"test.{number}", state=ReleaseState.PUBLISHED,
                                   published_at=timezone.now())
               for number in (90, 91)]  # fmt: skip
    for release, dismissed in zip(notices, [None, timezone.now()], strict=True):
        ReleaseNotice.objects.create(learner=other, release=release, percent_after=50, dismissed_at=dismissed)
    kept = {item.pk: item for item in Item.objects.all()}
    together = 3 + SHOWN_STATEMENTS + with_release_notice - LEARNER_RECORD_TOGETHER
    together -= NOTICE_TOGETHER if with_release_notice else 0
    one_by_one = 3 + SHOWN_LOOKUPS + with_release_notice  # what the learner has shown is still one round trip
    for learner in (user, other):
        with django_assert_num_queries(together if isinstance(zone, ZoneInfo) else one_by_one):
            record = learner_record(user=learner, zone=zone, items=kept, with_release_notice=with_release_notice)
        alone = progress_by_item_counted(user=learner, items=kept)
        assert {key: (row.pk, row.status, row.completed_at) for key, row in record.progress.items()} == {
            key: (row.pk, row.status, row.completed_at) for key, row in alone.items()
        }
        assert all(row.item is kept[key] for key, row in record.progress.items())
        assert record.day_counts == event_day_counts(user=learner, zone=zone)
        assert record.latest == event_list_latest(user=learner)
        assert record.shown == shown_item_ids(learner_id=learner.pk)
        assert record.release_notice == (release_notice_pending(user=learner) if with_release_notice else None)
    assert set(record.progress) == {content["deploy"].pk} and len(record.latest) == 1, "the last one read is other's"
    assert record.shown == {content["deploy"].pk}
    if with_release_notice:
        assert (record.release_notice.name, record.release_notice.percent_after) == ("test.90", 50), "91 is dismissed"
