"""Fill the database with demo learners who have a year of realistic progress, for benchmarks and demos.

Never run by `make run` or the tests' setup. Deterministic for a seed: the same `--learners` and `--seed` give the
same learners, statuses and dates (relative to the day it runs). Addresses are `demo-<seed>-<n>@example.com`, a
domain reserved for examples, so no mail can ever reach a person. Every demo learner's password is
`DEMO_PASSWORD` below (one hash computed once: hashing 10,000 passwords would take minutes).
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Background, Profile
from progress.models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus, SkipReason
from roadmap.models import Item, Role, StageItem, Track

DEMO_PASSWORD = "demo learner password"  # noqa: S105 - documented demo credential, example.com accounts only
BATCH = 5000
TIME_ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney",
    "Africa/Lagos",
    "America/Sao_Paulo",
]


def demo_email(seed: int, number: int) -> str:
    return f"demo-{seed}-{number}@example.com"


class Command(BaseCommand):
    help = "Create N demo learners (demo-<seed>-<n>@example.com) with a year of progress history, in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, required=True, help="How many learners to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; also part of every address.")
        parser.add_argument("--clear", action="store_true", help="Delete this seed's demo learners first.")

    def handle(self, *args, learners, seed, clear, **options):
        if learners < 1:
            raise CommandError("--learners must be at least 1.")
        User = get_user_model()
        prefix = f"demo-{seed}-"
        existing = User.objects.filter(email__startswith=prefix, email__endswith="@example.com")
        if existing.exists():
            if not clear:
                raise CommandError(f"Demo learners for seed {seed} exist already; pass --clear or another --seed.")
            Progress.objects.filter(learner__in=existing).delete()
            ProgressEvent.objects.filter(learner__in=existing).delete()
            existing.delete()

        paths = self.learning_paths()
        roles = list(Role.objects.published().order_by("position").values_list("pk", "is_primary"))
        if not paths or not roles:
            raise CommandError("No published content: run `manage.py import_content` first.")
        primary = next((pk for pk, is_primary in roles if is_primary), roles[0][0])
        rng = random.Random(seed)  # noqa: S311 - demo data, not security
        now = timezone.now()
        password = make_password(DEMO_PASSWORD)

        with transaction.atomic():
            for start in range(0, learners, BATCH):
                self.create_batch(
                    rng, seed, range(start, min(start + BATCH, learners)), paths, roles, primary, password, now
                )
                self.stdout.write(f"  {min(start + BATCH, learners):,} of {learners:,} learners")
        self.stdout.write(self.style.SUCCESS(f"Created {learners:,} demo learners; password: {DEMO_PASSWORD!r}"))

    def learning_paths(self) -> dict[str, list[Item]]:
        """The published items of each track in roadmap order: tech learners follow the first, others the second."""
        tracks = list(Track.objects.published().order_by("position", "title"))
        paths = {}
        for track, background in zip(tracks, [Background.TECH, Background.NON_TECH], strict=False):
            placements = (
                StageItem.objects.filter(stage__track=track, item__status="published")
                .select_related("item")
                .order_by("stage__position", "position")
            )
            seen, items = set(), []
            for placement in placements:
                if placement.item_id not in seen:
                    seen.add(placement.item_id)
                    items.append(placement.item)
            paths[background] = items
        if paths and Background.NON_TECH not in paths:
            paths[Background.NON_TECH] = next(iter(paths.values()))
        return paths

    def create_batch(self, rng, seed, numbers, paths, roles, primary, password, now):
        User = get_user_model()
        users = []
        for number in numbers:
            email = demo_email(seed, number)
            joined = now - timedelta(days=rng.uniform(1, 365))
            users.append(User(username=email, email=email, password=password, date_joined=joined, last_login=None))
        users = User.objects.bulk_create(users, batch_size=BATCH)
        profiles, addresses, progress, events = [], [], [], []
        for user in users:
            background = Background.TECH if rng.random() < 0.6 else Background.NON_TECH
            hours = rng.choice([3, 5, 5, 8, 10, 10, 15, 20])
            profiles.append(
                Profile(
                    user=user,
                    background=background,
                    target_role_id=primary if rng.random() < 0.5 else rng.choice(roles)[0],
                    hours_per_week=hours,
                    time_zone=rng.choice(TIME_ZONES),
                    target_date=(now + timedelta(days=rng.randint(30, 720))).date() if rng.random() < 0.7 else None,
                )
            )
            addresses.append(EmailAddress(user=user, email=user.email, verified=True, primary=True))
            self.progress_for(rng, user, paths[background], hours, now, progress, events)
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        EmailAddress.objects.bulk_create(addresses, batch_size=BATCH)
        Progress.objects.bulk_create(progress, batch_size=BATCH)
        ProgressEvent.objects.bulk_create(events, batch_size=BATCH)

    def progress_for(self, rng, user, path, hours_per_week, now, progress, events):
        """Walk the learner's path in order at a pace near their hours per week, from sign-up until now."""
        moment = user.date_joined
        effort = rng.uniform(0.2, 1.3)  # how much of their planned time they really give
        for item in path:
            if rng.random() < 0.06:
                moment += timedelta(hours=rng.uniform(1, 48))
                if moment >= now:
                    return
                if rng.random() < 0.7:  # knew it before joining: done, never pace
                    progress.append(
                        Progress(
                            learner=user,
                            item=item,
                            status=ProgressStatus.DONE,
                            origin=Origin.KNOWN_BEFORE,
                            completed_at=moment,
                        )
                    )
                    events.append(
                        self.event(
                            user,
                            item,
                            ProgressStatus.NOT_STARTED,
                            ProgressStatus.DONE,
                            moment,
                            kind=ProgressEventKind.KNOWN,
                        )
                    )
                    continue
                reason = SkipReason.NOT_RELEVANT
                progress.append(Progress(learner=user, item=item, status=ProgressStatus.SKIPPED, skip_reason=reason))
                events.append(
                    self.event(user, item, ProgressStatus.NOT_STARTED, ProgressStatus.SKIPPED, moment, reason)
                )
                continue
            started = moment + timedelta(days=rng.uniform(0, 3))
            weeks = item.estimated_hours / max(hours_per_week * effort, 0.5)
            finished = started + timedelta(weeks=weeks * rng.uniform(0.6, 1.4))
            if started >= now:
                return
            events.append(self.event(user, item, ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS, started))
            if finished >= now:
                progress.append(
                    Progress(learner=user, item=item, status=ProgressStatus.IN_PROGRESS, started_at=started)
                )
                return
            events.append(self.event(user, item, ProgressStatus.IN_PROGRESS, ProgressStatus.DONE, finished))
            progress.append(
                Progress(
                    learner=user,
                    item=item,
                    status=ProgressStatus.DONE,
                    origin=Origin.HERE,
                    started_at=started,
                    completed_at=finished,
                )
            )
            moment = finished

    @staticmethod
    def event(user, item, from_status, to_status, when, reason="", kind=ProgressEventKind.CHANGE):
        return ProgressEvent(
            learner=user,
            item=item,
            from_status=from_status,
            to_status=to_status,
            skip_reason=reason,
            kind=kind,
            created_at=when,
        )
