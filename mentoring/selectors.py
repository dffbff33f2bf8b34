"""Reads for mentors and members: every read of a learner's record goes through an active membership."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.db import connections
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from progress import hooks as progress_hooks
from progress.forecast import VERDICT_WORDS, finished_items, forecast_for, paced
from progress.models import Progress, ProgressEvent, ProgressEventKind, ProgressStatus
from progress.readiness import readiness
from roadmap.models import Role, Rubric
from roadmap.selectors import item_roadmap_order, requirement_list_published

from .models import MENTOR_WITHOUT_NAME, Cohort, EvidenceReview, Membership, Verdict, display_name_or

# The consent page (join) lists these as they are: what cohort_table, member_record and the API (api.MemberOut) show
# a mentor, and what they leave out. Whoever shows the mentor something more changes the first list in the same
# commit (tests/mentoring/test_consent.py pins the API's fields to it).
WHAT_THE_MENTOR_SEES = (
    "your display name, or “Member” and a number in joining order if you set none",
    "your target role and your readiness for it, in percent",
    "the forecast's verdict on your target date",
    "the day you last made progress",
    "your status on each item (not started, in progress, done or skipped)",
    "the evidence links you added, and which done items wait for their review",
    "their own reviews of your evidence",
)
WHAT_THE_MENTOR_NEVER_SEES = (
    "your email address",
    "your private notes",
    "why you skipped an item",
    "other mentors' reviews of your evidence",
    "your weekly plan, self-checks and job applications",
    "anything of you once you leave",
)

SORTS = {
    "name": lambda row: natural_key(row.name),
    "role": lambda row: row.target_role.lower(),
    "readiness": lambda row: row.percent,
    "verdict": lambda row: row.verdict,
    "last": lambda row: row.last_progress or date.min,
    "waiting": lambda row: row.waiting,
}


def natural_key(text: str) -> list:
    """Sorts "Member 2" before "Member 10": numbers in a name compare as numbers, the rest without case."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text.lower())]


def cohort_for_mentor(*, mentor, cohort_id: int) -> Cohort:
    """The cohort if this user mentors it; 404 otherwise (a stranger cannot tell a cohort exists)."""
    cohort = Cohort.objects.filter(pk=cohort_id, mentor=mentor).first()
    if cohort is None:
        raise Http404("No such cohort.")
    return cohort


def membership_for_mentor(*, mentor, cohort: Cohort, membership_id: int) -> Membership:
    membership = (
        Membership.objects.active().filter(pk=membership_id, cohort=cohort, cohort__mentor=mentor).with_number()
        .select_related("learner__profile__target_role", "cohort")
        .first()
    )  # fmt: skip
    if membership is None:
        raise Http404("No such member.")
    return membership


def member_name(membership: Membership) -> str:
    """How the mentor names a member: their display name, or "Member <n>" when they set none, never their email.

    A mentor must tell members apart (to find one in the table, to match a page to a person they coach), so the
    label is not one shared phrase but the membership's number in joining order (`with_number`), which does not
    change while the member stays. The mentor can ask who "Member 3" is; careerpath does not tell them."""
    return display_name_or(membership.learner, f"Member {membership.number}")


def mentor_name(cohort: Cohort) -> str:
    """How members and anyone holding the invite link name the mentor: never by their email address."""
    return display_name_or(cohort.mentor, MENTOR_WITHOUT_NAME)


@dataclass
class MemberRow:
    membership: Membership
    name: str
    target_role: str
    percent: int
    verdict: str
    last_progress: date | None
    waiting: int
    waiting_items: list = field(default_factory=list)

    @property
    def verdict_words(self) -> str:
        return VERDICT_WORDS.get(self.verdict, "no target role")


def cohort_table(*, cohort: Cohort, sort: str = "name", descending: bool = False) -> list[MemberRow]:
    """One row per current member, in a fixed number of queries whatever the cohort's size."""
    memberships = list(
        Membership.objects.active().filter(cohort=cohort).with_number().select_related("learner__profile__target_role")
    )
    learner_ids = [membership.learner_id for membership in memberships]
    progress: dict[int, dict[int, Progress]] = {learner_id: {} for learner_id in learner_ids}
    for row in Progress.objects.filter(learner__in=learner_ids).counted().select_related("item"):
        progress[row.learner_id][row.item_id] = row
    roles = {role.pk: role for role in Role.objects.published()}
    primary = next((role for role in roles.values() if role.is_primary), None)
    requirements: dict[int, list] = {role_id: [] for role_id in roles}
    for requirement in requirement_list_published():
        requirements[requirement.role_id].append(requirement)
    order = item_roadmap_order()
    last_days = dict(
        ProgressEvent.objects.filter(learner__in=learner_ids, kind=ProgressEventKind.CHANGE)
        .values("learner_id").annotate(last=Max("created_at")).values_list("learner_id", "last")
    )  # fmt: skip
    # Waiting means waiting for this mentor: another mentor's review of the same evidence is not theirs to read.
    reviewed = set(
        EvidenceReview.objects.filter(learner__in=learner_ids, mentor=cohort.mentor_id, withdrawn_at__isnull=True)
        .values_list("learner_id", "item_id")
    )  # fmt: skip
    shown = progress_hooks.shown_items_by_learner(learner_ids=learner_ids)
    today = timezone.localdate()
    rows = []
    for membership in memberships:
        learner = membership.learner
        profile = getattr(learner, "profile", None)
        mine = progress[learner.pk]
        role = roles.get(getattr(profile, "target_role_id", None)) or primary
        percent, verdict = 0, "no_target"
        if role is not None:
            mine_shown = shown.get(learner.pk, set())
            state = readiness(role, requirements[role.pk], {i: r.status for i, r in mine.items()}, order, mine_shown)
            percent = state.percent
            done_here = paced(mine.values(), mine_shown)
            finished = finished_items(done_here, to_local_date=lambda moment: timezone.localtime(moment).date())
            verdict = forecast_for(hours_left=state.hours_left, skipped_hours=state.skipped_hours,
                                   finished=finished, profile=profile, today=today).verdict  # fmt: skip
        waiting = [
            r.item for r in mine.values()
            if r.status == ProgressStatus.DONE and r.evidence_url and (learner.pk, r.item_id) not in reviewed
        ]  # fmt: skip
        last = last_days.get(learner.pk)
        rows.append(MemberRow(membership, member_name(membership), role.title if role else "", percent, verdict,
                              timezone.localtime(last).date() if last else None, len(waiting),
                              sorted(waiting, key=lambda item: item.title)))  # fmt: skip
    rows.sort(key=SORTS.get(sort, SORTS["name"]), reverse=descending)
    return rows


def rubrics_by_item(item_ids) -> dict[int, Rubric]:
    """The rubrics of these items with their criteria (two queries): a project is reviewed against its rubric."""
    return {rubric.item_id: rubric for rubric in Rubric.objects.filter(item_id__in=list(item_ids)).prefetch_related(
        "criteria")}  # fmt: skip


def reviews_shown_statement(alias: str, learner_ids: list[int]) -> tuple[str, list]:
    """Registered with progress.hooks: (learner id, item id) of the items each learner has shown by a mentor's
    current endorsement (a project's review that passed its rubric, or an endorsement given before rubrics existed),
    the rows of `EvidenceReview.objects.filter(learner_id__in=learner_ids, withdrawn_at__isnull=True,
    verdict=Verdict.ENDORSED).values_list("learner_id", "item_id")` (tests/db/test_written_out_statements.py
    compares them), written out: the dashboard sends it in its one round trip."""
    return _reviews_shown_sql(alias, len(learner_ids)), [*learner_ids, Verdict.ENDORSED]


@cache
def _reviews_shown_sql(alias: str, learners: int) -> str:
    name = connections[alias].ops.quote_name
    column = {field: name(EvidenceReview._meta.get_field(field).column) for field in
              ("learner", "item", "withdrawn_at", "verdict")}  # fmt: skip
    placeholders = ", ".join(["%s"] * learners)
    return (
        f"SELECT {column['learner']}, {column['item']} FROM {name(EvidenceReview._meta.db_table)} "  # noqa: S608
        f"WHERE {column['learner']} IN ({placeholders}) AND {column['withdrawn_at']} IS NULL "
        f"AND {column['verdict']} = %s"
    )


def member_record(*, membership: Membership) -> list[tuple[Progress, list[EvidenceReview]]]:
    """The member's statuses and evidence (never the note), with the reading mentor's reviews of each item, newest
    first, withdrawn ones included.

    The reader is the cohort's mentor (membership_for_mentor lets no one else in). A learner may have several
    mentors; each one's comments are between them and the learner, so one mentor never reads another's."""
    rows = list(
        Progress.objects.filter(learner=membership.learner).counted().select_related("item").order_by("item__title")
        .defer("note", "note_html")
    )  # fmt: skip
    reviews: dict[int, list[EvidenceReview]] = {}
    mine = EvidenceReview.objects.filter(learner=membership.learner_id, mentor=membership.cohort.mentor_id)
    for review in mine.select_related("mentor__profile"):
        reviews.setdefault(review.item_id, []).append(review)
    return [(row, reviews.get(row.item_id, [])) for row in rows]


def reviews_by_item(*, learner_id: int, item_ids, current_only: bool = True) -> dict[int, list[EvidenceReview]]:
    """Registered with progress.hooks: the reviews of a learner's items (the portfolio, the item page)."""
    reviews = EvidenceReview.objects.filter(learner_id=learner_id, item_id__in=list(item_ids)).select_related(
        "mentor__profile"
    )
    if current_only:
        reviews = reviews.filter(withdrawn_at__isnull=True)
    found: dict[int, list[EvidenceReview]] = {}
    for review in reviews:
        found.setdefault(review.item_id, []).append(review)
    return found


def memberships_of(*, learner):
    return Membership.objects.active().filter(learner=learner).select_related("cohort__mentor__profile")


def standing_endorsements() -> tuple[set[int], datetime | None]:
    """The ids of the endorsements that still stand (endorsed, not withdrawn), and the last time one was given or
    withdrawn: what the public revocation list says, and its date."""
    endorsed = EvidenceReview.objects.filter(verdict=Verdict.ENDORSED)
    standing = set(endorsed.filter(withdrawn_at__isnull=True).values_list("pk", flat=True))
    last = endorsed.aggregate(given=Max("created_at"), withdrawn=Max("withdrawn_at"))
    return standing, max(filter(None, last.values()), default=None)
