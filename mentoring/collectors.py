"""What mentoring holds about a person, for "My data": the cohorts they joined or mentor, reviews of their evidence."""

from .models import Cohort, EvidenceReview, Membership

MEMBERSHIP_LABELS = {"cohort": "Cohort", "role": "As", "joined_at": "Joined", "left_at": "Left"}
REVIEW_LABELS = {"item": "Item (slug)", "mentor": "Mentor", "verdict": "Verdict", "comment": "Comment",
                 "evidence_url": "Evidence reviewed", "created_at": "When", "withdrawn_at": "Withdrawn"}  # fmt: skip


def collect_memberships(user):
    rows = [{"cohort": cohort.name, "role": "mentor", "joined_at": cohort.created_at, "left_at": None}
            for cohort in Cohort.objects.filter(mentor=user)]  # fmt: skip
    for membership in Membership.objects.filter(learner=user).select_related("cohort"):
        rows.append({"cohort": membership.cohort.name, "role": "member", "joined_at": membership.joined_at,
                     "left_at": membership.left_at})  # fmt: skip
    return rows


def collect_reviews(user):
    reviews = (
        EvidenceReview.objects.filter(learner=user).select_related("item", "mentor__profile").order_by("created_at")
    )
    fields = ("verdict", "comment", "evidence_url", "created_at", "withdrawn_at")
    return [
        {"item": review.item.slug, "mentor": review.mentor_name, **{name: getattr(review, name) for name in fields}}
        for review in reviews
    ]
