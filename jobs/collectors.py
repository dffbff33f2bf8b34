"""What jobs holds about a person, for "My data": every ad they pasted, with what it asked for."""

from django.db.models import Prefetch

from .models import AdSkill, JobAd

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
