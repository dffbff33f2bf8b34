"""Releases: a draft changes nothing learners see; publishing is refused until every leaving item has a lineage, and
then makes the content the release's and keeps what changed."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from roadmap.cache import content_token_forget
from roadmap.models import Item, LineageKind, Publication, Release, ReleaseState, RoleRequirement, StageItem
from roadmap.services import ContentImportError, ReleaseError, release_draft_save, release_preview, release_publish
from tests.roadmap.releases import draft, exported, item_object, small_path, with_new_item, without_item

pytestmark = pytest.mark.django_db


def test_release_one_is_the_content_as_it_stood():
    current = Release.objects.current()
    assert (current.number, current.name, current.state) == (1, "2026.1", ReleaseState.PUBLISHED)


def test_a_draft_changes_nothing_learners_see_and_a_broken_one_is_refused_at_once():
    small_path()
    objects = exported()
    item_object(objects, "python")["fields"]["title"] = "Python for data work"
    release = draft(objects)
    assert (release.number, release.state) == (2, ReleaseState.DRAFT)
    assert Item.objects.get(slug="python").title == "Python"
    assert Release.objects.current().number == 1
    broken = [*objects, {"model": "roadmap.stageitem", "fields": {"stage": ["ml", "nowhere"], "item": ["python"]}}]
    with pytest.raises(ContentImportError):
        release_draft_save(name="2026.3", data=json.dumps(broken))
    assert not Release.objects.filter(name="2026.3").exists()
    with pytest.raises(ContentImportError):
        release_draft_save(name="2026.3", data=json.dumps([{"model": "accounts.user", "fields": {}}]))


def test_publishing_is_refused_until_every_leaving_item_has_a_lineage_naming_the_items():
    small_path()
    objects = without_item(without_item(exported(), "statistics"), "trees")
    release = draft(objects, lineage=[("trees", LineageKind.RETIRED, [])])
    with pytest.raises(ReleaseError) as refused:
        release_publish(release=release)
    assert refused.value.problems == ["“Statistics” (statistics) leaves the published content: say what became of it."]
    assert Item.objects.get(slug="trees").status == Publication.PUBLISHED, "nothing changed"
    assert Release.objects.get(pk=release.pk).state == ReleaseState.DRAFT


@pytest.mark.parametrize(
    ("lineage", "problem"),
    [
        ([("sql", LineageKind.SPLIT, ["python"])], "sql: “Split into several items” takes 2 items or more, not 1."),
        ([("sql", LineageKind.RETIRED, ["python"])], "sql: “Retired: nothing replaces it” takes no item, not 1."),
        ([("sql", LineageKind.REPLACED, ["nosuch"])], "sql → nosuch: nosuch is not a published item of this release."),
        ([("sql", LineageKind.SAME, ["python"])], "sql → python: python is already an item"),
        ([("sql", LineageKind.RETIRED, []), ("python", LineageKind.RETIRED, [])], "python does not leave"),
    ],
)
def test_a_wrong_lineage_is_refused_with_the_items_named(lineage, problem):
    small_path()
    release = draft(without_item(exported(), "sql"), lineage=lineage)
    problems = release_preview(release=release).problems
    assert any(line.startswith(problem) for line in problems), problems
    with pytest.raises(ReleaseError):
        release_publish(release=release)


def test_a_circular_lineage_is_refused():
    small_path()
    objects = without_item(without_item(exported(), "sql"), "python")
    release = draft(
        objects, lineage=[("sql", LineageKind.REPLACED, ["python"]), ("python", LineageKind.REPLACED, ["sql"])]
    )
    problems = release_preview(release=release).problems
    assert "The lineage goes round in a circle: python → sql → python." in problems


def test_publishing_splits_merges_moves_renames_and_retires_and_keeps_the_changes(django_user_model):
    items = small_path()
    objects = exported()
    objects = with_new_item(objects, "sql-queries", like="sql")
    objects = with_new_item(objects, "sql-modelling", like="sql")
    objects = without_item(objects, "sql")
    objects = with_new_item(objects, "supervised-learning", like="regression")
    objects = without_item(without_item(objects, "regression"), "trees")
    objects = with_new_item(objects, "probability-and-statistics", like="statistics")
    objects = without_item(objects, "statistics")
    item_object(objects, "python")["fields"]["title"] = "Python for data work"
    place = next(o for o in objects if o["model"] == "roadmap.stageitem" and o["fields"]["item"] == ["python"])
    place["fields"]["stage"] = ["ml", "models"]
    release = draft(
        objects,
        lineage=[
            ("sql", LineageKind.SPLIT, ["sql-queries", "sql-modelling"]),
            ("regression", LineageKind.MERGED, ["supervised-learning"]),
            ("trees", LineageKind.MERGED, ["supervised-learning"]),
            ("statistics", LineageKind.SAME, ["probability-and-statistics"]),
        ],
    )
    editor = django_user_model.objects.create_user(username="editor", email="editor@example.com")

    assert release_publish(release=release, user=editor) is True

    published = set(Item.objects.published().values_list("slug", flat=True))
    assert published == {"python", "sql-queries", "sql-modelling", "supervised-learning", "probability-and-statistics"}
    assert Item.objects.get(slug="sql").status == Publication.RETIRED, "retired, never deleted: records point at it"
    assert Item.objects.get(slug="probability-and-statistics").pk == items["statistics"].pk, "the same row"
    assert StageItem.objects.get(item__slug="python").stage.slug == "models"
    assert not RoleRequirement.objects.filter(item__slug__in=["sql", "regression", "trees"]).exists()
    release.refresh_from_db()
    assert (release.state, release.published_by) == (ReleaseState.PUBLISHED, editor)
    assert Release.objects.current() == release
    kinds = {(change["kind"], change["item"]) for change in release.changes}
    assert {("left", "sql"), ("left", "regression"), ("left", "trees"), ("added", "sql-queries"),
            ("added", "supervised-learning"), ("renamed", "python"), ("moved", "python"),
            ("renamed", "probability-and-statistics")} <= kinds  # fmt: skip
    assert ("added", "probability-and-statistics") not in kinds, "the same item under a new slug is not new"
    assert release_publish(release=release) is False, "publishing twice is a no-op"


def test_a_weight_change_is_a_change_of_the_release():
    small_path()
    objects = exported()
    requirement = next(o for o in objects if o["model"] == "roadmap.rolerequirement" and o["fields"]["item"] == ["sql"])
    requirement["fields"]["weight"] = 5
    release = draft(objects)
    preview = release_preview(release=release)
    assert preview.problems == []
    assert preview.changes == [
        {"kind": "requirement", "role": "ml-engineer", "item": "sql", "from": 2, "to": 5, "required": True}
    ]


def test_the_roles_page_and_the_api_name_the_current_release(client):
    small_path()
    page = client.get(reverse("roadmap:role-list")).text
    assert 'data-release="2026.1">Content release 2026.1, published' in page
    release = draft(without_item(exported(), "sql"), lineage=[("sql", LineageKind.RETIRED, [])])
    release_publish(release=release)
    assert 'data-release="2026.2"' in client.get(reverse("roadmap:role-list")).text
    answer = client.get("/api/v1/releases/current")
    assert answer.status_code == 200 and answer["ETag"]
    assert {key: answer.json()[key] for key in ("number", "name")} == {"number": 2, "name": "2026.2"}
    again = client.get("/api/v1/releases/current", HTTP_IF_NONE_MATCH=answer["ETag"])
    assert again.status_code == 304


def test_import_content_with_draft_keeps_the_file_as_a_draft_release(tmp_path):
    small_path()
    path = tmp_path / "release.json"
    path.write_text(json.dumps(without_item(exported(), "sql")))
    out = io.StringIO()
    call_command("import_content", str(path), "--draft", "2026.2", "--notes", "SQL leaves.", stdout=out)
    assert "draft release 2026.2" in out.getvalue()
    assert Release.objects.get(name="2026.2").notes == "SQL leaves."
    assert Item.objects.get(slug="sql").status == Publication.PUBLISHED, "nothing published"
    path.write_text("[{")
    with pytest.raises(CommandError, match="not a valid content export"):
        call_command("import_content", str(path), "--draft", "2026.2")


def test_the_current_release_costs_two_queries_from_scratch_and_none_once_kept(client, django_assert_num_queries):
    small_path()
    content_token_forget()
    with django_assert_num_queries(2):  # the content version, the release
        assert client.get("/api/v1/releases/current").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/api/v1/releases/current").json()["name"] == "2026.1"


def test_a_release_holds_each_check_and_rubric_whole_dropped_questions_choices_and_criteria_go(db):
    """A revised bank in a release replaces the old one: a question it drops is no longer drawn, a question with
    fewer choices keeps no stale choice, a rubric keeps only the release's criteria."""
    from roadmap.models import Choice, Question, Rubric, RubricCriterion, SelfCheck

    items = small_path()
    check = SelfCheck.objects.create(item=items["python"])
    for key in ("kept", "dropped"):
        question = Question.objects.create(self_check=check, key=key, text="?", explanation="Because.")
        for position in range(4):
            Choice.objects.create(question=question, text=f"choice {position}", is_correct=position == 0,
                                  position=position)  # fmt: skip
    rubric = Rubric.objects.create(item=items["sql"], pass_mark=2)
    for key in ("works", "tested", "old"):
        RubricCriterion.objects.create(rubric=rubric, key=key, title=key, level_1="1", level_2="2", level_3="3",
                                       level_4="4")  # fmt: skip
    objects = exported()
    objects = [
        obj for obj in objects
        if not (obj["model"] == "roadmap.question" and obj["fields"]["key"] == "dropped")
        and not (obj["model"] == "roadmap.choice" and (obj["fields"]["question"][1] == "dropped"
                                                        or obj["fields"]["position"] == 3))
        and not (obj["model"] == "roadmap.rubriccriterion" and obj["fields"]["key"] == "old")
    ]  # fmt: skip
    release_publish(release=draft(objects))
    assert list(Question.objects.values_list("key", flat=True)) == ["kept"]
    assert list(Choice.objects.order_by("position").values_list("position", flat=True)) == [0, 1, 2]
    assert set(RubricCriterion.objects.values_list("key", flat=True)) == {"works", "tested"}
