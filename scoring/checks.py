"""Content checks: each finding says what was found and the sentences that show it.

A tip without evidence is a horoscope; every check here keeps the indices of the sentences
behind it so the feedback view can point at them and the tip can quote them.
"""

from __future__ import annotations

from dataclasses import dataclass

from question_bank.model import Question
from scoring import competency, figures
from scoring.analysis import Sentence
from scoring.cues import I_WORDS, WE_WORDS
from scoring.quantities import find_quantities
from scoring.text import count_phrases, phrases, spoken_tokens

VAGUE = phrases(
    "went well", "went really well", "it was a success", "was successful", "worked out",
    "everyone was happy", "everybody was happy", "it was great", "good results",
    "went smoothly", "pretty well", "really well", "it helped", "a lot better", "much better",
    "people liked", "well received", "huge success", "big success", "it paid off",
    "positive feedback", "were happy", "was happy", "good feedback", "made a difference",
)
TECH_TERMS = phrases(
    "xgboost", "transformer", "neural network", "llm", "llms", "kubernetes",
    "spark", "deep learning", "random forest", "bert", "microservice", "microservices", "kafka",
    "airflow", "fine-tune", "fine tuned", "fine-tuned", "rag",
    "vector database", "gpt", "pytorch", "tensorflow", "gradient boosting", "lstm", "cnn",
    "dbt", "snowflake", "redis", "graphql", "lambda", "docker", "terraform", "bandit",
    "reinforcement learning", "langgraph", "langchain",
    "re-ranker", "reranker", "function calling", "lora", "serverless", "flink", "mlflow",
    "feast", "mlops", "gnn", "gnns", "graph neural network", "yolo", "tensorrt", "ray serve",
    "bm25", "hybrid search", "multi-agent", "agentic", "llm-as-a-judge", "vector db",
)
REASONS = phrases(
    "because", "trade off", "trade-off", "tradeoff", "instead of", "rather than", "so that",
    "chose", "choose", "compared", "simpler", "cheaper", "interpretable", "interpretability",
    "the reason", "versus", "vs", "alternative", "alternatives", "decided against",
    "which meant", "so we could", "so i could", "to avoid", "in order to", "why",
)
# A technical choice counts as justified when a reason sits in its sentence or next to it.
REASON_REACH = 1
# Fewer unexplained technical sentences than this is a detail, not a buzzword habit.
MIN_BARE_TECH = 2
SHIPPED = phrases(
    "shipped", "deployed", "launched", "rolled out", "in production", "went live", "released",
    "put into production", "productionized", "shipped it", "rollout",
)
ML_WORDS = phrases(
    "model", "models", "algorithm", "classifier", "recommendation", "recommender", "ranking",
    "prediction", "predictions", "forecast", "analysis", "llm", "machine learning", "ai",
    "scoring", "pricing", "fraud", "personalization",
)
QUALITY = phrases(
    "monitor", "monitoring", "monitored", "validate", "validated", "validation", "a/b",
    "a b test", "ab test", "a/b test", "experiment", "experiments", "holdout", "backtest",
    "guardrail", "guardrails", "fairness", "bias", "privacy", "pii", "gdpr", "canary",
    "rollback", "roll back", "alert", "alerts", "test set", "offline evaluation", "audit",
    "drift", "human review", "shadow", "control group", "ethics", "ethical", "consent",
)
DEADLINE = phrases(
    "deadline", "by the end of", "due", "weeks", "days", "hours", "by friday", "by monday",
    "before the", "launch date", "in time", "on time", "time frame", "timeline", "sprint",
    "quarter", "months",
)
CRITERIA = phrases(
    "success", "goal", "target", "criteria", "metric", "kpi", "sla", "had to", "needed to",
    "requirement", "requirements", "must", "definition of done", "threshold", "acceptance",
)
LESSON = phrases(
    "i learned", "learned", "lesson", "taught me", "next time", "would do differently",
    "i'd do differently", "i would change", "i'd change", "since then", "now i always",
    "now i", "i now", "in hindsight", "looking back", "would have", "should have",
    "i realized", "takeaway",
)


@dataclass(frozen=True)
class Finding:
    """One content check: its name, whether it passed, what was found, and where."""

    name: str
    ok: bool
    detail: str
    evidence: tuple[int, ...] = ()

    def to_dict(self, sentences: list[Sentence]) -> dict:
        """JSON form; each piece of evidence says which sentence, its words and its time."""
        return {"check": self.name, "ok": self.ok, "detail": self.detail,
                "evidence": [{"sentence": i, "text": sentences[i].text,
                              "start_s": sentences[i].start_s} for i in self.evidence]}


def run_checks(texts: list[str], parts: list[str], question: Question) -> list[Finding]:
    """Every content check that applies to this answer and question."""
    toks = [spoken_tokens(t) for t in texts]
    findings = [quantified(texts, parts), vague(texts, toks, parts), i_vs_we(toks, parts)]
    findings += [f for f in (tradeoffs(toks), quality(toks)) if f is not None]
    comps = competency.competencies(question)
    if "deadline" in comps:
        findings.append(deadline(toks))
    if "failure" in comps:
        findings.append(lesson(toks))
    findings.append(answers_question(texts, question))
    return findings


# Parts whose figures are not outcomes: the question echoed, the setup, small talk.
NOT_OUTCOME_PARTS = ("repeat", "situation", "task", "other")


def outcome_figures(texts: list[str], parts: list[str]) -> list[tuple[int, str]]:
    """(sentence index, figure) for every figure said outside the setup and small talk."""
    return [(i, q) for i, t in enumerate(texts) if parts[i] not in NOT_OUTCOME_PARTS
            for q in find_quantities(t)]


def quantified(texts: list[str], parts: list[str]) -> Finding:
    figures_ = outcome_figures(texts, parts)
    where = sorted({i for i, _ in figures_})
    detail = ", ".join(q for _, q in figures_) or "no number, percentage, money or duration"
    return Finding("quantified_result", bool(where), detail, tuple(where))


def vague(texts: list[str], toks: list[list[str]], parts: list[str]) -> Finding:
    where = [i for i, t in enumerate(toks)
             if count_phrases(t, VAGUE) and not find_quantities(texts[i])]
    detail = "vague outcome with no figure" if where else "no vague outcome"
    return Finding("vague_outcome", not where, detail, tuple(where))


def i_vs_we(toks: list[list[str]], parts: list[str]) -> Finding:
    """I versus we in the action part (the whole answer when no action was found)."""
    scope = [i for i, p in enumerate(parts) if p == "action"] or list(range(len(toks)))
    i_count = sum(1 for i in scope for t in toks[i] if t in I_WORDS)
    we_count = sum(1 for i in scope for t in toks[i] if t in WE_WORDS)
    total = i_count + we_count
    ok = total == 0 or i_count / total >= figures.MIN_I_SHARE_IN_ACTION
    where = tuple(i for i in scope if any(t in WE_WORDS for t in toks[i])) if not ok else ()
    return Finding("i_vs_we", ok, f"action part: {i_count} I, {we_count} we", where)


def tradeoffs(toks: list[list[str]]) -> Finding | None:
    """Technical terms need the reason that justified them nearby, in most places used."""
    tech = [i for i, t in enumerate(toks) if count_phrases(t, TECH_TERMS)]
    if not tech:
        return None
    reasons = {i for i, t in enumerate(toks) if count_phrases(t, REASONS)}
    bare = [i for i in tech if not reasons & set(range(i - REASON_REACH, i + REASON_REACH + 1))]
    ok = len(bare) < MIN_BARE_TECH or len(bare) * 2 <= len(tech)
    detail = "reasons given for the technical choices" if ok else \
        "technical terms without the trade-off or reason behind them"
    return Finding("tradeoff", ok, detail, tuple(bare if not ok else sorted(reasons)))


def quality(toks: list[list[str]]) -> Finding | None:
    """Only asked when a model or analysis shipped: then validation and ethics matter."""
    every = [w for t in toks for w in t]
    if not (count_phrases(every, SHIPPED) and count_phrases(every, ML_WORDS)):
        return None
    where = [i for i, t in enumerate(toks) if count_phrases(t, QUALITY)]
    shipped = [i for i, t in enumerate(toks) if count_phrases(t, SHIPPED)]
    detail = "validation or safeguards mentioned" if where else \
        "a model or analysis shipped with no word of validation, monitoring or fairness"
    return Finding("quality_ethics", bool(where), detail, tuple(where or shipped))


def deadline(toks: list[list[str]]) -> Finding:
    dates = [i for i, t in enumerate(toks) if count_phrases(t, DEADLINE)]
    criteria = [i for i, t in enumerate(toks) if count_phrases(t, CRITERIA)]
    missing = [name for name, hits in (("the deadline", dates), ("the success criteria",
                                                                 criteria)) if not hits]
    detail = "missing " + " and ".join(missing) if missing else "deadline and success criteria"
    return Finding("deadline_criteria", not missing, detail, tuple(sorted({*dates, *criteria})))


def lesson(toks: list[list[str]]) -> Finding:
    where = [i for i, t in enumerate(toks) if count_phrases(t, LESSON)]
    return Finding("lesson", bool(where), "lesson stated" if where else "no lesson learned",
                   tuple(where))


def answers_question(texts: list[str], question: Question) -> Finding:
    """A story that lacks the asked competency's signals answers a different question."""
    missing = competency.unanswered(" ".join(texts), question)
    detail = "the story shows no sign of: " + ", ".join(missing) if missing else \
        "the story fits what was asked"
    return Finding("answers_question", not missing, detail)

