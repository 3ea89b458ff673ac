"""The fixed words a question may be tagged with.

A closed vocabulary keeps tags useful: the scoring engine keys content checks on some of them
(``failure`` and ``deadline``), filters by competency and role rely on exact spelling, and a typo in
a hand-written file is caught by the loader instead of silently matching nothing.
"""

from __future__ import annotations

COMPETENCIES: tuple[str, ...] = (
    "ambiguity",
    "background",
    "communication",
    "conflict",
    "customer_impact",
    "data_quality",
    "deadline",
    "ethics",
    "failure",
    "influence",
    "leadership",
    "learning",
    "motivation",
    "ownership",
    "prioritization",
    "teamwork",
)

ROLES: tuple[str, ...] = (
    "any",
    "data_scientist",
    "data_analyst",
    "data_engineer",
    "ml_engineer",
    "ai_engineer",
    "software_engineer",
)

MAX_FOLLOW_UPS = 3
"""More than three follow-ups per question is a list, not a probe; it also dilutes the choice."""
