"""Publishing a release carries every learner's record over its lineage (progress.releases): nothing is lost."""

import pytest

from progress.models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus
from progress.releases import release_apply
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Item, LineageKind
from roadmap.releases import Lineage
from roadmap.services import release_lineage, release_publish
from tests.factories import UserFactory
from tests.roadmap.releases import draft, exported, small_path, with_new_item, without_item

pytestmark = pytest.mark.django_db

# Every way a learner can stand on an item: (status, origin or skip reason).
STANDINGS = {
    "not started, with a note": (ProgressStatus.NOT_STARTED, ""),
    "in progress": (ProgressStatus.IN_PROGRESS, ""),
    "done here": (ProgressStatus.DONE, Origin.HERE),
    "known before": (ProgressStatus.DONE, Origin.KNOWN_BEFORE),
    "skipped": (ProgressStatus.SKIPPED, "not_relevant"),
}


def stand(learner, slug, standing, *, note="My notes on it.", evidence="https://example.org/work"):
    status, qualifier = STANDINGS[standing]
    item = Item.objects.get(slug=slug)
    if status == ProgressStatus.SKIPPED:
        progress_set_status(user=learner, item=item, status=status, skip_reason=qualifier)
    elif status != ProgressStatus.NOT_STARTED:
        progress_set_status(user=learner, item=item, status=status, origin=qualifier)
    progress_set_details(user=learner, item=item, note=note, evidence_url=evidence)


def row(learner, slug):
    return Progress.objects.get(learner=learner, item__slug=slug)


def publish(objects, lineage):
    release = draft(objects, lineage=lineage)
    release_publish(release=release)
    return release


def split_release():
    objects = with_new_item(with_new_item(exported(), "sql-queries", like="sql"), "sql-modelling", like="sql")
    return publish(without_item(objects, "sql"), [("sql", LineageKind.SPLIT, ["sql-queries", "sql-modelling"])])


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_a_split_gives_every_part_the_old_status_note_and_evidence(standing):
    small_path()
    learner, other = UserFactory(), UserFactory()
    stand(learner, "sql", standing)
    split_release()
    status, qualifier = STANDINGS[standing]
    for part in ("sql-queries", "sql-modelling"):
        carried = row(learner, part)
        assert carried.status == status
        assert carried.origin == (Origin.CARRIED if status == ProgressStatus.DONE else "")
        assert carried.skip_reason == (qualifier if status == ProgressStatus.SKIPPED else "")
        assert (carried.note, carried.evidence_url) == ("My notes on it.", "https://example.org/work")
        assert "My notes on it." in carried.note_html
    assert row(learner, "sql").status == status, "the old row stays, on the retired item"
    assert not Progress.objects.filter(learner=other).exists(), "a learner with nothing on it gets nothing"
    events = ProgressEvent.objects.filter(learner=learner, kind=ProgressEventKind.RELEASE)
    assert sorted(events.values_list("item__slug", "to_status")) == [("sql-modelling", status), ("sql-queries", status)]


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_a_replacement_carries_the_row_to_the_new_item(standing):
    small_path()
    learner = UserFactory()
    stand(learner, "sql", standing)
    objects = with_new_item(exported(), "sql-for-analysis", like="sql")
    publish(without_item(objects, "sql"), [("sql", LineageKind.REPLACED, ["sql-for-analysis"])])
    assert row(learner, "sql-for-analysis").status == STANDINGS[standing][0]
    assert row(learner, "sql-for-analysis").evidence_url == "https://example.org/work"


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_the_same_item_under_a_new_slug_keeps_its_row(standing):
    small_path()
    learner = UserFactory()
    stand(learner, "sql", standing)
    before = row(learner, "sql")
    objects = with_new_item(exported(), "databases-and-sql", like="sql")
    publish(without_item(objects, "sql"), [("sql", LineageKind.SAME, ["databases-and-sql"])])
    after = row(learner, "databases-and-sql")
    assert (after.pk, after.status, after.origin, after.note) == (before.pk, before.status, before.origin, before.note)
    assert not ProgressEvent.objects.filter(kind=ProgressEventKind.RELEASE).exists(), "nothing moved"


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_a_retired_item_keeps_its_row(standing):
    small_path()
    learner = UserFactory()
    stand(learner, "sql", standing)
    publish(without_item(exported(), "sql"), [("sql", LineageKind.RETIRED, [])])
    assert row(learner, "sql").status == STANDINGS[standing][0]
    assert Progress.objects.filter(learner=learner).count() == 1


MERGES = [
    # (regression, trees) -> supervised-learning
    (("done here", "known before"), ProgressStatus.DONE),
    (("done here", None), ProgressStatus.IN_PROGRESS),
    (("done here", "in progress"), ProgressStatus.IN_PROGRESS),
    (("not started, with a note", "skipped"), ProgressStatus.NOT_STARTED),
    (("skipped", "skipped"), ProgressStatus.SKIPPED),
    (("skipped", "done here"), ProgressStatus.IN_PROGRESS),
]


@pytest.mark.parametrize(("standings", "merged"), MERGES)
def test_a_merge_is_done_only_when_every_part_was_done(standings, merged):
    small_path()
    learner = UserFactory()
    for slug, standing in zip(("regression", "trees"), standings, strict=True):
        if standing is not None:
            stand(learner, slug, standing, note=f"On {slug}.", evidence=f"https://example.org/{slug}")
    objects = with_new_item(exported(), "supervised-learning", like="regression")
    lineage = [
        ("regression", LineageKind.MERGED, ["supervised-learning"]),
        ("trees", LineageKind.MERGED, ["supervised-learning"]),
    ]
    publish(without_item(without_item(objects, "regression"), "trees"), lineage)
    carried = row(learner, "supervised-learning")
    assert carried.status == merged
    assert carried.origin == (Origin.CARRIED if merged == ProgressStatus.DONE else "")
    assert (carried.completed_at is not None) == (merged == ProgressStatus.DONE)
    assert "On regression." in carried.note and carried.evidence_url == "https://example.org/regression"
    if standings[1] is not None:
        assert "On trees." in carried.note and "Evidence: https://example.org/trees" in carried.note


def test_applying_a_release_twice_changes_nothing():
    small_path()
    learner = UserFactory()
    stand(learner, "sql", "done here")
    release = split_release()
    rows = sorted(Progress.objects.values_list("item__slug", "status", "origin", "note", "updated_at"))
    events = ProgressEvent.objects.count()
    assert release_apply(release=release, lineage=release_lineage(release)) == 0
    assert sorted(Progress.objects.values_list("item__slug", "status", "origin", "note", "updated_at")) == rows
    assert ProgressEvent.objects.count() == events


def test_a_row_the_learner_already_has_on_the_new_item_is_theirs():
    small_path()
    learner = UserFactory()
    stand(learner, "sql", "done here")
    stand(learner, "python", "in progress", note="Mine.")
    release = draft(without_item(exported(), "sql"), lineage=[("sql", LineageKind.REPLACED, ["python"])])
    release_publish(release=release)
    assert (row(learner, "python").status, row(learner, "python").note) == (ProgressStatus.IN_PROGRESS, "Mine.")
    assert release_apply(release=release, lineage=[Lineage("sql", LineageKind.REPLACED, ("python",))]) == 0


def test_carried_done_counts_for_readiness_but_not_for_pace():
    small_path()
    learner = UserFactory()
    stand(learner, "sql", "done here")
    split_release()
    carried = row(learner, "sql-queries")
    assert carried.is_done and not carried.is_done_here and not carried.is_known_before
