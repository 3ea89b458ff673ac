"""The `Analysis`: one immutable result that every view, the store and every export read.

Its JSON form (`to_dict`) is the `micdrop analyze --json` contract, schema
`micdrop.analysis/1`: fields may be added, never renamed or removed without a bump.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "micdrop.analysis/1"

STORY_PARTS = ("repeat", "situation", "task", "action", "result", "link")
BACKGROUND_PARTS = ("now", "then", "why", "bridge")
OTHER = "other"


@dataclass(frozen=True)
class Sentence:
    text: str
    start_s: float
    end_s: float
    part: str


@dataclass(frozen=True)
class PartSpan:
    """A maximal run of consecutive sentences with the same part."""

    part: str
    start_s: float
    end_s: float
    duration_s: float


@dataclass(frozen=True)
class Timing:
    target_min_s: int
    target_max_s: int
    verdict: str  # "too_short" | "on_target" | "too_long"


@dataclass(frozen=True)
class Delivery:
    wpm: float
    fillers: int
    fillers_per_min: float
    long_pauses: int
    thinking_time_s: float
    i_count: int
    we_count: int
    # Whisper drops many fillers, so the count is a floor, never the true number.
    fillers_lower_bound: bool = True
    # Words over speech time only (pauses removed); runs 10-20% above `wpm` by nature, so it
    # is never held against the 120-170 wpm guidance that `wpm` is measured for.
    articulation_wpm: float = 0.0


@dataclass(frozen=True)
class Content:
    quantified: tuple[str, ...]
    values_linked: tuple[str, ...]
    repeat: str  # "paraphrase" | "verbatim" | "absent"


@dataclass(frozen=True)
class Analysis:
    kind: str
    question: str
    company: str | None
    duration_s: float
    timing_estimated: bool
    transcript: str
    sentences: tuple[Sentence, ...]
    parts: tuple[PartSpan, ...]
    missing_parts: tuple[str, ...]
    timing: Timing
    delivery: Delivery
    content: Content
    score: int
    tips: tuple[str, ...]
    follow_up: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def answer_s(self) -> float:
        """The answer's time: first word to last (thinking time before it and silence after
        it excluded). `duration_s` is the recording's length; this is what the verdict, the
        tips, the speaking rate and every view measure the answer by."""
        if "answer_s" in self.extra:
            return float(self.extra["answer_s"])
        if not self.sentences:
            return 0.0
        return round(self.sentences[-1].end_s - self.sentences[0].start_s, 2)

    @property
    def answer_seconds(self) -> int:
        """The answer's time in whole seconds, the figure the band verdict was made on: show
        this one, so a clock and the verdict can never disagree by a rounding."""
        return round(self.answer_s)

    @property
    def answer_start_s(self) -> float:
        """Where the answer starts in the recording (the thinking time before it)."""
        return self.sentences[0].start_s if self.sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form; `extra` holds added fields and is merged in at top level."""
        data = asdict(self)
        extra = data.pop("extra")
        out = {"schema": SCHEMA, **data}
        out.update(extra)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """The object back from its JSON form (a stored attempt), so history views read the
        same object as fresh feedback instead of re-analysing."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"unsupported analysis schema {data.get('schema')!r}; "
                             f"this version reads {SCHEMA!r}")
        named = {f.name for f in fields(cls)} - {"extra"}
        return cls(
            kind=data["kind"],
            question=data["question"],
            company=data["company"],
            duration_s=data["duration_s"],
            timing_estimated=data["timing_estimated"],
            transcript=data["transcript"],
            sentences=tuple(Sentence(**s) for s in data["sentences"]),
            parts=tuple(PartSpan(**p) for p in data["parts"]),
            missing_parts=tuple(data["missing_parts"]),
            timing=Timing(**data["timing"]),
            delivery=Delivery(**data["delivery"]),
            content=Content(**{k: tuple(v) if isinstance(v, list) else v
                               for k, v in data["content"].items()}),
            score=data["score"],
            tips=tuple(data["tips"]),
            follow_up=data["follow_up"],
            extra={k: v for k, v in data.items() if k not in named and k != "schema"},
        )
