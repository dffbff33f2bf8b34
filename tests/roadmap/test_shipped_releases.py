"""Releases shipped in the repository (fixtures/releases/) reach every installation through `import_content`, with
the same lineage and carry-over as a release published in the admin; the base export never undoes one."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from progress.models import Progress, ProgressStatus, ReleaseNotice
from progress.services import progress_set_status
from roadmap.management.commands import import_content
from roadmap.models import Item, Publication, Release, ReleaseState
from tests.factories import UserFactory
from tests.roadmap.releases import exported, small_path, with_new_item, without_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A repository whose base export is small_path's content, with a releases folder to ship into."""
    small_path()
    base = tmp_path / "roadmap.json"
    base.write_text(json.dumps(exported()))
    (tmp_path / "releases").mkdir()
    monkeypatch.setattr(import_content, "DEFAULT_FIXTURE", base)
    monkeypatch.setattr(import_content, "SHIPPED_RELEASES", tmp_path / "releases")
    return tmp_path


def ship(repository, name, *, content, lineage, notes="Why it changed."):
    shipped = {"name": name, "notes": notes, "content": content,
               "lineage": [{"from": slug, "kind": kind, "to": to} for slug, kind, to in lineage]}  # fmt: skip
    (repository / "releases" / f"{name}.json").write_text(json.dumps(shipped))


def split_sql():
    objects = with_new_item(with_new_item(exported(), "sql-queries", like="sql"), "sql-modelling", like="sql")
    return without_item(objects, "sql")


def test_a_shipped_release_is_published_once_and_carries_records_over(repository):
    learner = UserFactory()
    progress_set_status(user=learner, item=Item.objects.get(slug="sql"), status=ProgressStatus.DONE)
    ship(repository, "2026.2", content=split_sql(), lineage=[("sql", "split", ["sql-queries", "sql-modelling"])])
    said = io.StringIO()
    call_command("import_content", stdout=said)
    release = Release.objects.get(name="2026.2")
    assert f"Published release 2026.2: {len(release.changes)} changes." in said.getvalue() and release.changes
    assert release.state == ReleaseState.PUBLISHED and release.notes == "Why it changed."
    assert Item.objects.get(slug="sql").status == Publication.RETIRED
    parts = Progress.objects.filter(learner=learner, item__slug__in=["sql-queries", "sql-modelling"])
    assert sorted(parts.values_list("status", flat=True)) == [ProgressStatus.DONE, ProgressStatus.DONE]
    assert ReleaseNotice.objects.filter(learner=learner, release=release).exists()
    call_command("import_content", verbosity=0)  # make run again
    assert Item.objects.get(slug="sql").status == Publication.RETIRED, "the base export does not bring sql back"
    assert Release.objects.filter(name="2026.2").count() == 1 and ReleaseNotice.objects.count() == 1


def test_shipped_releases_go_out_oldest_first(repository):
    ship(repository, "2026.10", content=without_item(split_sql(), "sql-modelling"),
         lineage=[("sql-modelling", "retired", [])])  # fmt: skip
    ship(repository, "2026.2", content=split_sql(), lineage=[("sql", "split", ["sql-queries", "sql-modelling"])])
    call_command("import_content", verbosity=0)
    assert list(Release.objects.published().order_by("number").values_list("name", flat=True)) == [
        "2026.1", "2026.2", "2026.10"
    ]  # fmt: skip
    assert Item.objects.get(slug="sql-modelling").status == Publication.RETIRED


def test_while_release_1_is_current_fixes_to_the_base_export_still_land(repository):
    objects = exported()
    next(obj for obj in objects if obj["fields"].get("slug") == "python")["fields"]["title"] = "Python, fixed"
    (repository / "roadmap.json").write_text(json.dumps(objects))
    call_command("import_content", verbosity=0)
    assert Item.objects.get(slug="python").title == "Python, fixed"


@pytest.mark.parametrize(
    ("lineage", "says"),
    [([], "“Sql” (sql) leaves the published content: say what became of it."),
     ([("sql", "split", ["sql-queries"])], "takes 2 items or more, not 1")],
)  # fmt: skip
def test_a_shipped_release_that_cannot_be_published_stops_with_the_reason_and_changes_nothing(
    repository, lineage, says
):
    ship(repository, "2026.2", content=split_sql(), lineage=lineage)
    with pytest.raises(CommandError, match="cannot be published") as error:
        call_command("import_content", verbosity=0)
    assert says in str(error.value)
    assert Item.objects.get(slug="sql").status == Publication.PUBLISHED
    assert not Release.objects.filter(name="2026.2").exists(), "not even a draft is left behind"


def test_a_broken_release_file_is_refused_with_a_clear_message(repository):
    (repository / "releases" / "2026.2.json").write_text('{"name": "2026.2", "lineage": [{"from": "sql"}]}')
    with pytest.raises(CommandError, match="a lineage entry is not from/kind/to"):
        call_command("import_content", verbosity=0)
    (repository / "releases" / "2026.2.json").write_text("[1, 2")
    with pytest.raises(CommandError, match="This is not a release file"):
        call_command("import_content", verbosity=0)
