"""Reads for job ads: the matcher kept per content version, and an ad read against the learner's record."""

from dataclasses import dataclass, field

from django.http import Http404

from progress.hooks import shown_item_ids
from progress.models import ProgressStatus
from progress.selectors import progress_statuses_counted
from roadmap.cache import kept_for_content_version
from roadmap.models import ItemTerm, Publication

from .matching import Matcher, Term
from .models import AdSkill, JobAd

STATES = {
    "shown": "Shown",
    "claimed": "Done, not shown yet",
    "in_progress": "In progress",
    "missing": "Missing",
}


def matcher() -> Matcher:
    """Every published item's terms in one matcher, built once per content version and process."""

    def build():
        rows = ItemTerm.objects.filter(item__status=Publication.PUBLISHED).order_by("item_id", "pk")
        return Matcher(
            [Term(term, item_id, case) for term, item_id, case in rows.values_list("term", "item_id", "case_sensitive")]
        )

    return kept_for_content_version(("jobs", "matcher"), build)


def ad_get(*, user, ad_id: int) -> JobAd | None:
    return JobAd.objects.for_user(user).filter(pk=ad_id).first()


def ad_for_owner(*, user, ad_id: int) -> JobAd:
    """The learner's own ad, or a 404: another learner's ad is answered like one that does not exist."""
    found = ad_get(user=user, ad_id=ad_id)
    if found is None:
        raise Http404("No such ad.")
    return found


def ad_list(*, user):
    return JobAd.objects.for_user(user).defer("text", "not_covered").order_by("-created_at", "-id")


@dataclass
class AskedSkill:
    item: object
    required: bool
    words: str
    line: str
    state: str

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def quote(self) -> tuple[str, str, str]:
        """The ad's line around its words (before, words, after), shortened to about 140 characters."""
        at = self.line.find(self.words)
        if at < 0:
            return ("", self.words, "")
        before, after = self.line[:at], self.line[at + len(self.words) :]
        if len(before) > 60:
            before = "…" + before[-59:].lstrip()
        if len(after) > 80:
            after = after[:79].rstrip() + "…"
        return (before, self.words, after)

    @property
    def hours(self) -> int:
        return self.item.estimated_hours if self.state in ("missing", "in_progress") else 0


@dataclass
class AdReport:
    ad: JobAd
    required: list[AskedSkill] = field(default_factory=list)
    nice_to_have: list[AskedSkill] = field(default_factory=list)

    def _count(self, state: str) -> int:
        return sum(asked.state == state for asked in self.required)

    @property
    def counts(self) -> dict[str, int]:
        return {state: self._count(state) for state in STATES}

    @property
    def asked(self) -> int:
        return len(self.required)

    @property
    def hours_missing(self) -> int:
        """Hours for the required items not done: the estimate, in progress or not started."""
        return sum(asked.hours for asked in self.required)

    @property
    def to_plan(self) -> int:
        return sum(asked.state in ("missing", "in_progress") for asked in self.required)


def _learner_state(status: str | None, shown: bool) -> str:
    if shown:
        return "shown"
    if status == ProgressStatus.DONE:
        return "claimed"
    if status == ProgressStatus.IN_PROGRESS:
        return "in_progress"
    return "missing"


def ad_report(*, user, ad: JobAd) -> AdReport:
    """What the ad asks for, each with the learner's state on it: shown, claimed, in progress or missing."""
    statuses = progress_statuses_counted(user=user)
    shown = shown_item_ids(learner_id=user.pk)
    report = AdReport(ad=ad)
    for skill in AdSkill.objects.filter(ad=ad).select_related("item").order_by("position", "id"):
        if skill.item.status != Publication.PUBLISHED:
            continue
        asked = AskedSkill(
            skill.item,
            skill.required,
            skill.words,
            skill.line,
            _learner_state(statuses.get(skill.item_id), skill.item_id in shown),
        )
        (report.required if skill.required else report.nice_to_have).append(asked)
    return report


@dataclass
class AdSummary:
    ad: JobAd
    counts: dict[str, int]
    asked: int


def ads_with_counts(*, user) -> list[AdSummary]:
    """Every ad of the learner with its required items counted by the learner's state: four queries in all."""
    statuses = progress_statuses_counted(user=user)
    shown = shown_item_ids(learner_id=user.pk)
    ads = list(ad_list(user=user))
    counts = {ad.pk: dict.fromkeys(STATES, 0) for ad in ads}
    skills = AdSkill.objects.filter(ad__learner=user, required=True, item__status=Publication.PUBLISHED)
    for ad_id, item_id in skills.values_list("ad_id", "item_id"):
        counts[ad_id][_learner_state(statuses.get(item_id), item_id in shown)] += 1
    return [AdSummary(ad, counts[ad.pk], sum(counts[ad.pk].values())) for ad in ads]
