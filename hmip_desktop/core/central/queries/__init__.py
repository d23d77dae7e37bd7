"""One read model of the central store: what every reader of it (the reports, the
importer's receipts, the lead inspector's window) derives from the tables, derived once.

:mod:`.rows` holds the building blocks, each over an open connection: the current
revision of each case read, the team, QA outcomes (and the latest of each read),
moderations (decoded), the QA selection, conflicts, bundles, sign-off and the reader
consistency inputs. :mod:`.screens` builds the window's plain rows from them: the
inspections, an inspection's dashboard and one case read's detail.

The effective answers (moderation applied) are ``answers.effective_rows``; ratings are
``answers.rate_inspection``. Nothing here writes to the store.
"""

from .rows import (
    Inspection,
    Read,
    bundles,
    caseload_size,
    conflicts,
    current_reads,
    decode,
    head_revisions,
    heads_join,
    inspection,
    latest_moderations,
    latest_outcomes,
    locked,
    moderation_rows,
    outcome_rows,
    qa_selection,
    reader_pairs,
    recorded_answers,
    team,
    team_names,
)
from .screens import dashboard, inspections, read_detail

__all__ = [
    "Inspection", "Read", "bundles", "caseload_size", "conflicts", "current_reads", "dashboard", "decode",
    "head_revisions", "heads_join", "inspection", "inspections", "latest_moderations",
    "latest_outcomes", "locked", "moderation_rows",
    "outcome_rows", "qa_selection", "read_detail", "reader_pairs", "recorded_answers", "team", "team_names",
]
