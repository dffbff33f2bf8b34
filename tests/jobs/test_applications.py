"""A learner records where they applied: dated stages, a readiness snapshot that never changes, an honest funnel."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from jobs.applications import Rate, application_create, application_move, funnel, no_reply_yet
from jobs.models import AdSkill, Application, JobAd, Stage, StageChange
from progress.models import ProgressStatus
from progress.services import progress_set_status
from tests.factories import ItemFactory, ProgressFactory, UserFactory

TODAY = date(2026, 12, 4)


@pytest.fixture
def ad(user):
    made = JobAd.objects.create(learner=user, title="Junior ML engineer", company="Acme", text="Requirements: ...")
    for position, slug in enumerate(["python", "sql", "pytorch"]):
        AdSkill.objects.create(ad=made, item=ItemFactory(slug=slug, title=slug.title(), estimated_hours=20),
                               words=slug, line=slug, position=position)  # fmt: skip
    return made


def record(client, **data):
    fields = {"role": "ML engineer", "company": "Acme", "applied_on": "2026-11-20"} | data
    return client.post(reverse("jobs:applications"), fields)


def test_an_application_keeps_the_readiness_of_the_day_even_after_later_progress(client_logged_in, user, ad):
    python = ad.skills.get(item__slug="python").item
    ProgressFactory(learner=user, item=python)
    response = record(client_logged_in, ad=ad.pk)
    application = Application.objects.get(learner=user)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:application", args=[application.pk])
    said = "you had shown 0, claimed 1 more, 0 in progress and 2 missing (about 40 hours)"
    assert said in client_logged_in.get(response["Location"]).content.decode()

    for item in [skill.item for skill in ad.skills.all()]:
        progress_set_status(user=user, item=item, status=ProgressStatus.DONE, origin="here")
    page = client_logged_in.get(response["Location"]).content.decode()
    assert said in page, "the snapshot did not change"
    ad.delete()
    application.refresh_from_db()
    assert application.ad is None and application.snapshot["counts"]["missing"] == 2


def test_stages_move_forward_in_time_and_only_an_interview_lies_ahead(user):
    application = application_create(user=user, role="ML engineer", company="Acme", applied_on=TODAY, today=TODAY)
    with pytest.raises(Exception, match="cannot be earlier"):
        application_move(user=user, application=application, stage=Stage.SCREENING, on=TODAY - timedelta(days=1),
                         today=TODAY)  # fmt: skip
    with pytest.raises(Exception, match="Only an interview"):
        application_move(user=user, application=application, stage=Stage.OFFER, on=TODAY + timedelta(days=3),
                         today=TODAY)  # fmt: skip
    application_move(user=user, application=application, stage=Stage.INTERVIEW, on=TODAY + timedelta(days=7),
                     today=TODAY, note="With the team lead")  # fmt: skip
    assert list(StageChange.objects.values_list("stage", flat=True)) == ["applied", "interview"]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"applied_on": "2099-01-01"}, "cannot be in the future"),
        ({"applied_on": "not a date"}, "Enter a valid date"),
        ({"role": ""}, "This field is required"),
        ({"company": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_bad_application_gets_a_form_error_and_nothing_is_stored(client_logged_in, user, data, said):
    response = record(client_logged_in, **data)
    assert response.status_code == 400 and said in response.content.decode()
    assert not Application.objects.exists() and not StageChange.objects.exists()


def test_a_bad_stage_change_gets_a_form_error_and_changes_nothing(client_logged_in, user):
    application = application_create(user=user, role="ML engineer", company="Acme", applied_on=date(2026, 11, 1),
                                     today=TODAY)  # fmt: skip
    url = reverse("jobs:application", args=[application.pk])
    for data in ({"stage": "applied", "on": "2026-11-10"}, {"stage": "offer", "on": "2026-10-01"},
                 {"stage": "hired", "on": "2026-11-10"}):  # fmt: skip
        assert client_logged_in.post(url, data).status_code == 400
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED and StageChange.objects.count() == 1


def test_no_reply_yet_after_30_days_and_never_ghosted_unless_the_learner_says_so(client_logged_in, user):
    old = application_create(user=user, role="Old", company="Slow Ltd", applied_on=TODAY - timedelta(days=30),
                             today=TODAY)  # fmt: skip
    recent = application_create(user=user, role="New", company="Quick Ltd", applied_on=TODAY - timedelta(days=29),
                                today=TODAY)  # fmt: skip
    assert no_reply_yet(old, TODAY) and not no_reply_yet(recent, TODAY)
    application_move(user=user, application=old, stage=Stage.INTERVIEW, on=TODAY, today=TODAY)
    old.refresh_from_db()
    assert not no_reply_yet(old, TODAY)
    assert "ghosted" not in client_logged_in.get(reverse("jobs:applications")).content.decode().lower()


def test_the_funnel_counts_how_far_each_got_and_shows_rates_only_from_10(client_logged_in, user):
    for number in range(9):
        made = application_create(user=user, role=f"Role {number}", company="Co", applied_on=TODAY, today=TODAY)
        if number < 3:
            application_move(user=user, application=made, stage=Stage.OFFER, on=TODAY, today=TODAY)  # skips steps
    page = client_logged_in.get(reverse("jobs:applications")).content.decode()
    assert "Rates appear from 10 applications on" in page and "Likely between" not in page
    application_create(user=user, role="Role 9", company="Co", applied_on=TODAY, today=TODAY)
    result = funnel(user=user, applications=list(Application.objects.filter(learner=user)), today=TODAY)
    assert result.reached == {"applied": 10, "screening": 3, "interview": 3, "offer": 3}
    page = client_logged_in.get(reverse("jobs:applications")).content.decode()
    assert "Likely between" in page and "30%" in page and "10\u201361%" in page


def test_the_rate_interval_is_wilsons():
    assert Rate(3, 10).interval == (10, 61)  # 0.108 to 0.603
    assert Rate(0, 10).interval == (0, 28)  # 0 to 0.278
    assert Rate(10, 10).interval == (72, 100)


def test_an_application_is_its_owners_alone(client, user):
    application = application_create(user=user, role="ML engineer", company="Secret Corp", applied_on=TODAY,
                                     today=TODAY)  # fmt: skip
    detail = reverse("jobs:application", args=[application.pk])
    delete = reverse("jobs:application-delete", args=[application.pk])
    other = Client()
    other.force_login(UserFactory())
    assert other.get(detail).status_code == 404 and other.post(delete).status_code == 404
    assert other.post(detail, {"stage": "offer", "on": "2026-12-04"}).status_code == 404
    assert "Secret Corp" not in other.get(reverse("jobs:applications")).content.decode()
    assert Client().get(detail).status_code == 302
    assert Application.objects.filter(pk=application.pk, stage=Stage.APPLIED).exists()


def test_another_learners_ad_cannot_be_attached(client_logged_in, user):
    stranger_ad = JobAd.objects.create(learner=UserFactory(), title="Theirs", text="text")
    response = record(client_logged_in, ad=stranger_ad.pk)
    assert response.status_code == 400 and not Application.objects.exists()


APPLICATIONS_PAGE_QUERIES = 7  # session, user, content version, menu tracks, applications, stage changes, ads


@pytest.mark.parametrize("count", [5, 200])
def test_the_applications_page_costs_the_same_for_5_and_200(client_logged_in, user, count, django_assert_num_queries):
    made = Application.objects.bulk_create(
        Application(learner=user, role=f"Role {n}", company="Co", applied_on=TODAY, stage_on=TODAY)
        for n in range(count)
    )
    StageChange.objects.bulk_create(StageChange(application=row, stage=Stage.APPLIED, on=TODAY) for row in made)
    with django_assert_num_queries(APPLICATIONS_PAGE_QUERIES):
        page = client_logged_in.get(reverse("jobs:applications")).content.decode()
    assert page.count('data-stage="applied"') == count


def test_my_data_holds_applications_with_their_changes(user):
    from careerpath import personal_data

    application = application_create(user=user, role="ML engineer", company="Acme", applied_on=TODAY, today=TODAY)
    application_move(user=user, application=application, stage=Stage.REJECTED, on=TODAY, today=TODAY, note="Too junior")
    (record_,) = personal_data.collect(user)["applications"]
    assert record_["stage"] == "rejected" and record_["changes"][-1]["note"] == "Too junior"
    user.delete()
    assert not Application.objects.exists()


def test_applications_and_ads_download_as_spreadsheets(client_logged_in, user, ad):
    import csv
    import io

    application = application_create(
        user=user, role="ML engineer", company="=Acme", applied_on=TODAY, today=TODAY, ad=ad
    )
    application_move(user=user, application=application, stage=Stage.SCREENING, on=TODAY, today=TODAY)
    application_create(user=UserFactory(), role="Theirs", company="Other", applied_on=TODAY, today=TODAY)
    page = client_logged_in.get(reverse("accounts:my-data")).content.decode()
    assert reverse("accounts:my-data-section-csv", args=["applications"]) in page
    response = client_logged_in.get(reverse("accounts:my-data-section-csv", args=["applications"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [
        ["Role", "Company", "Applied on", "Stage", "Stage since", "Job ad"],
        ["ML engineer", "'=Acme", "2026-12-04", "screening", "2026-12-04", "Junior ML engineer"],
    ]
    ads = client_logged_in.get(reverse("accounts:my-data-section-csv", args=["job_ads"]))
    ad_rows = list(csv.reader(io.StringIO(b"".join(ads.streaming_content).decode("utf-8-sig"))))
    assert ad_rows[1][0] == "Junior ML engineer" and ad_rows[1][3] == "python; sql; pytorch"
    assert client_logged_in.get(reverse("accounts:my-data-section-csv", args=["progress"])).status_code == 404
    assert client_logged_in.get(reverse("accounts:my-data-section-csv", args=["nothing"])).status_code == 404


SECTION_CSV_QUERIES = 4  # session, user, the applications, their stage changes


@pytest.mark.parametrize("count", [5, 200])
def test_the_applications_spreadsheet_costs_the_same_for_5_and_200(client_logged_in, user, count,
                                                                   django_assert_num_queries):  # fmt: skip
    made = Application.objects.bulk_create(
        Application(learner=user, role=f"Role {n}", company="Co", applied_on=TODAY, stage_on=TODAY)
        for n in range(count)
    )
    StageChange.objects.bulk_create(StageChange(application=row, stage=Stage.APPLIED, on=TODAY) for row in made)
    with django_assert_num_queries(SECTION_CSV_QUERIES):
        response = client_logged_in.get(reverse("accounts:my-data-section-csv", args=["applications"]))
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.count("\n") == count + 1
    assert Client().get(reverse("accounts:my-data-section-csv", args=["applications"])).status_code == 302
