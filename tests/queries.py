"""What reading a signed-in request's session and user costs, by database (pinned query counts build on it).

On PostgreSQL, once a process has seen a session's key, the session and its user (with profile) are read in one
round trip, two statements sent together (careerpath.sessions): one query where other databases run two. Counts
"from scratch" (`assert_page_queries`) start from a process that has seen no key, so they are the same everywhere.
"""

from django.db import connection

SEEN_KEY_SAVES = 1 if connection.vendor == "postgresql" else 0

# The published content a learner's computed pages start from (roles, requirements, tracks, stages, placements with
# their items, the roadmap's order, every published item) is read once per content version and process
# (roadmap.selectors.content_snapshot): counts "from scratch" include these queries, later pages skip them.
CONTENT_QUERIES = 7

# The content version every cached page and kept outline is keyed on (roadmap.cache.content_token) is read from the
# database once per CONTENT_TOKEN_SECONDS and process: counts "from scratch" include it, pages right after skip it.
CONTENT_VERSION = 1

# The navbar's tracks are read once per content version and process (roadmap.selectors.track_list_for_navigation): a
# page rendered again in the same process, the content unchanged, skips that query.
NAVIGATION_KEPT = 1

# What a page computed again in the same process, the content unchanged, does not read again.
KEPT_PER_CONTENT_VERSION = CONTENT_VERSION + CONTENT_QUERIES + NAVIGATION_KEPT

# What a learner has shown (readiness's "shown" number, honest pace) is read from the apps that hold it, a statement
# each: passed checks (assessment) and current endorsed reviews (mentoring), through progress.hooks. Read alone (the
# role page, the job ads) they are one round trip on PostgreSQL.
SHOWN_STATEMENTS = 2
SHOWN_LOOKUPS = 1 if connection.vendor == "postgresql" else SHOWN_STATEMENTS

# On PostgreSQL a page's reads written out once may travel in one round trip (careerpath.db.statements.
# rows_together): the reads of the learner's record that the dashboard and the pages built on it make
# (progress.record.learner_record: progress, days, latest changes and the SHOWN_STATEMENTS) are one query there, the
# dashboard's release banner (the newest notice) travels with them, and the dashboard's week line's two (the plan
# with its entries, the review states: planning.selectors.plan_and_review_states) are one.
LEARNER_RECORD_TOGETHER = 2 + SHOWN_STATEMENTS if connection.vendor == "postgresql" else 0
NOTICE_TOGETHER = 1 if connection.vendor == "postgresql" else 0
WEEK_LINE_TOGETHER = 1 if connection.vendor == "postgresql" else 0
DASHBOARD_READS_TOGETHER = LEARNER_RECORD_TOGETHER + NOTICE_TOGETHER + WEEK_LINE_TOGETHER
