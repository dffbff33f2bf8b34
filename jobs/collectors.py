"""What jobs holds about a person, for "My data": every ad they pasted, with what it asked for."""

from django.db.models import Prefetch

from .models import AdSkill, Application, JobAd, StageChange

AD_LABELS = {"title": "Job title", "company": "Company", "created_at": "Added", "read_at": "Read",
             "required": "Asked for (item slugs)", "nice_to_have": "Nice to have (item slugs)",
             "not_covered": "Asked for, not on the roadmap", "text": "Text of the ad"}  # fmt: skip


def collect_ads(user):
    skills = Prefetch("skills", queryset=AdSkill.objects.select_related("item").order_by("position", "id"))
    for ad in JobAd.objects.for_user(user).order_by("created_at", "id").prefetch_related(skills):
        yield {
            "title": ad.title, "company": ad.company, "created_at": ad.created_at, "read_at": ad.read_at,
            "required": [skill.item.slug for skill in ad.skills.all() if skill.required],
            "nice_to_have": [skill.item.slug for skill in ad.skills.all() if not skill.required],
            "not_covered": list(ad.not_covered), "text": ad.text,
        }  # fmt: skip


APPLICATION_LABELS = {"role": "Role", "company": "Company", "applied_on": "Applied on", "stage": "Stage",
                      "stage_on": "Stage since", "ad": "Job ad", "changes": "Stage changes",
                      "snapshot": "Readiness on the day"}  # fmt: skip


def collect_applications(user):
    changes = Prefetch("changes", queryset=StageChange.objects.order_by("on", "id"))
    applications = Application.objects.for_user(user).order_by("applied_on", "id").select_related("ad")
    for application in applications.prefetch_related(changes):
        yield {
            "role": application.role, "company": application.company, "applied_on": application.applied_on,
            "stage": application.stage, "stage_on": application.stage_on,
            "ad": application.ad.title if application.ad else "",
            "changes": [
                {"stage": change.stage, "on": change.on, "note": change.note} for change in application.changes.all()
            ],
            "snapshot": application.snapshot,
        }  # fmt: skip
