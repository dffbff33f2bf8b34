"""Job-ad terms are content: curated in the admin, carried by exports and releases, one item per term."""

import json

import pytest
from django.urls import reverse

from roadmap.models import ItemTerm
from roadmap.services import ContentImportError, content_export, content_import, release_publish
from tests.factories import ItemFactory
from tests.roadmap.releases import draft, exported, small_path

pytestmark = pytest.mark.django_db


def term(item, text, case_sensitive=False):
    made = ItemTerm(item=item, term=text, case_sensitive=case_sensitive)
    made.full_clean()
    made.save()
    return made


def terms_of(slug):
    return sorted(ItemTerm.objects.filter(item__slug=slug).values_list("term", flat=True))


def test_a_term_is_read_as_matching_reads_it():
    made = term(ItemFactory(), "Scikit-Learn")
    assert made.words == "scikit learn"
    assert term(ItemFactory(), "R", case_sensitive=True).words == "R"


def test_an_export_carries_the_terms_and_an_import_brings_them_back():
    items = small_path()
    term(items["python"], "Python")
    term(items["sql"], "PostgreSQL")
    data = content_export()
    ItemTerm.objects.all().delete()
    content_import(data=data)
    assert terms_of("python") == ["Python"] and terms_of("sql") == ["PostgreSQL"]
    assert ItemTerm.objects.get(term="PostgreSQL").words == "postgresql"


def test_an_import_that_gives_one_term_to_two_items_is_refused_with_both_named():
    small_path()
    objects = exported()
    objects += [
        {"model": "roadmap.itemterm", "fields": {"item": ["python"], "term": "scikit-learn"}},
        {"model": "roadmap.itemterm", "fields": {"item": ["regression"], "term": "Scikit Learn"}},
    ]
    with pytest.raises(ContentImportError, match="python and regression"):
        content_import(data=json.dumps(objects))
    assert not ItemTerm.objects.exists()


def test_a_term_a_file_gives_to_another_item_moves_there():
    items = small_path()
    term(items["python"], "pandas")
    objects = [obj for obj in exported() if obj["model"] != "roadmap.itemterm"]
    objects.append({"model": "roadmap.itemterm", "fields": {"item": ["sql"], "term": "Pandas"}})
    content_import(data=json.dumps(objects))
    assert terms_of("python") == [] and terms_of("sql") == ["Pandas"]


def test_a_release_holds_each_items_terms_whole():
    items = small_path()
    term(items["python"], "Python")
    term(items["python"], "py3")
    objects = [obj for obj in exported() if not (obj["model"] == "roadmap.itemterm" and obj["fields"]["term"] == "py3")]
    release_publish(release=draft(objects))
    assert terms_of("python") == ["Python"]


def test_a_release_from_before_terms_leaves_them_as_they_are():
    items = small_path()
    term(items["python"], "Python")
    objects = [obj for obj in exported() if obj["model"] != "roadmap.itemterm"]
    release_publish(release=draft(objects))
    assert terms_of("python") == ["Python"]


def test_the_admin_refuses_a_term_another_item_has_as_a_form_error(editor_client):
    items = small_path()
    term(items["python"], "NumPy")
    sql = items["sql"]
    url = reverse("admin:roadmap_item_change", args=[sql.pk])
    page = editor_client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "resources": [],
            "placements-TOTAL_FORMS": 0, "placements-INITIAL_FORMS": 0,
            "terms-TOTAL_FORMS": 1, "terms-INITIAL_FORMS": 0, "terms-0-term": "numpy",
        }
    )  # fmt: skip
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "“NumPy” already names “Python”." in response.content.decode()
    assert terms_of("sql") == []
    data["terms-0-term"] = "Postgres"
    assert editor_client.post(url, data).status_code == 302
    assert terms_of("sql") == ["Postgres"] and ItemTerm.objects.get(term="Postgres").words == "postgres"
