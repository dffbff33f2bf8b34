"""Writes on a learner's job ads: reading one (validated before anything is written), reading it again after the
terms changed, deleting it, and putting what it lacks on this week's plan."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careerpath.validators import CONTROL_CHARACTERS
from planning.services import plan_items_add

from .models import AD_TEXT_LIMIT, AdSkill, JobAd
from .selectors import ad_report, matcher

WORDS_LIMIT = AdSkill._meta.get_field("words").max_length
LINE_LIMIT = AdSkill._meta.get_field("line").max_length


def ad_text_clean(text: str) -> str:
    """The ad's text as it will be stored (NFC, outer space trimmed), or a ValidationError saying what is wrong."""
    if not isinstance(text, str):
        raise ValidationError("The ad's text must be text.", code="invalid")
    if CONTROL_CHARACTERS.search(text):  # a binary file or a paste gone wrong: said as such, not per character
        raise ValidationError(
            "This text holds control characters, as a binary file does; paste the ad's words instead.", code="binary"
        )
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise ValidationError("Paste the text of the ad.", code="required")
    if len(text) > AD_TEXT_LIMIT:
        raise ValidationError(
            f"This text has {len(text):,} characters; an ad fits in {AD_TEXT_LIMIT:,}. Paste the ad alone.",
            code="max_length",
        )
    return text


def _skills_read(ad: JobAd) -> None:
    reading = matcher().read(ad.text)
    AdSkill.objects.bulk_create(
        AdSkill(
            ad=ad, item_id=found.item_id, required=found.required, position=position,
            words=found.words[:WORDS_LIMIT], line=found.line[:LINE_LIMIT],
        )
        for position, found in enumerate(reading.found.values())
    )  # fmt: skip
    ad.not_covered = [line[:LINE_LIMIT] for line in dict.fromkeys(reading.not_covered)][:40]
    ad.looks_english = reading.looks_english


@transaction.atomic
def ad_read(*, user, title: str, text: str, company: str = "") -> JobAd:
    """Store a pasted ad and what it asks for; every field is checked before the first write."""
    ad = JobAd(learner=user, title=title.strip(), company=company.strip(), text=ad_text_clean(text))
    ad.full_clean(exclude=["learner", "not_covered"])
    ad.save()
    _skills_read(ad)
    ad.save(update_fields=["not_covered", "looks_english"])
    return ad


@transaction.atomic
def ad_read_again(*, user, ad: JobAd) -> JobAd:
    """Read the ad with today's terms (an editor may have added some since)."""
    if ad.learner_id != user.pk:
        raise ValidationError("This ad is not yours.")
    AdSkill.objects.filter(ad=ad).delete()
    _skills_read(ad)
    ad.read_at = timezone.now()
    ad.save(update_fields=["not_covered", "looks_english", "read_at"])
    return ad


@transaction.atomic
def ad_delete(*, user, ad: JobAd) -> None:
    if ad.learner_id != user.pk:
        raise ValidationError("This ad is not yours.")
    ad.delete()


def ad_missing_to_plan(*, user, profile, ad: JobAd) -> int:
    """Put the ad's required items that are not done on this week's plan; returns how many were added."""
    report = ad_report(user=user, ad=ad)
    items = [asked.item for asked in report.required if asked.state in ("missing", "in_progress")]
    return len(plan_items_add(user=user, profile=profile, items=items))
