"""One current review per mentor and item, part 2 of 2: the constraint (0002 withdrew the older duplicates).

A migration of its own, so the index is never built in the transaction that updated the rows: PostgreSQL refuses
to index a table with pending trigger events (deferred foreign-key checks)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_withdraw_duplicate_current_reviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="evidencereview",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("mentor", "learner", "item"),
                name="mentoring_one_current_review_per_mentor",
                violation_error_message="You have reviewed this evidence already: reload the page to see it.",
            ),
        ),
    ]
