"""Judging a fitted part labeller: labels of a row under a model, and the figures reported
for a set of answers (macro-F1 over the core parts, missing-part exactness, stories told
their result is missing, dropped parts reported missing, clean and as Whisper heard them).

Kept apart from the fitting (`part_fitting`) so what is reported can be read without the
training loop.
"""

from __future__ import annotations

from corpus import CORE_STORY, macro_f1

from scoring.analysis import BACKGROUND_PARTS, STORY_PARTS
from scoring.parts import PRIOR_WEIGHTS, label_parts

SPOKEN = "spoken"  # the marker of a heard row in an answer's group


def decode(row: tuple, kind: str, model: tuple) -> list[str]:
    """The labels of one row under a fitted (word weights, sentence classifier) model."""
    feats, _gold, vectors = row
    weights, classifier = model
    return label_parts(feats, kind, weights, vectors if classifier is not None else None,
                       classifier)


def judge(groups: list, kind: str, model: tuple) -> str:
    """`cross_validate`'s figures for a fixed model on the given `answer_groups`."""
    judged, caught = judge_pairs(groups, kind, model)
    return summarize(judged, kind) + "\n    " + caught_line(caught, kind)


def judge_heard(groups: list, kind: str, model: tuple) -> str:
    """The figures of `judge` on the answers as Whisper heard them (those with a transcript)."""
    heard = heard_pairs(groups, kind, model)
    return summarize(heard, kind) if heard else "no transcripts"


def heard_pairs(groups: list, kind: str, model: tuple) -> list:
    """(gold, predicted) per answer as heard."""
    return [(row[1], decode(row, kind, model)) for g in groups for row, part in g[1:]
            if part == SPOKEN]


def judge_pairs(groups: list, kind: str, model: tuple) -> tuple[list, list]:
    """(gold, predicted) per answer, and (dropped part, reported missing) per perturbation."""
    judged = [(g[0][0][1], decode(g[0][0], kind, model)) for g in groups]
    caught = [(part, part not in decode(row, kind, model)) for g in groups
              for row, part in g[1:] if part != SPOKEN]
    return judged, caught


def caught_line(caught: list[tuple[str, bool]], kind: str) -> str:
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    shown = []
    for part in core:
        mine = [ok for p, ok in caught if p == part]
        if mine:
            shown.append(f"{part} {sum(mine)}/{len(mine)} {sum(mine) / len(mine):.3f}")
    return "dropped part reported missing: " + ", ".join(shown)


def summarize(judged: list[tuple[list[str], list[str]]], kind: str) -> str:
    """Accuracy, macro-F1 over the core parts and missing-part exactness of (gold, predicted)
    label sequences, with the missing-part accuracy of each part that was ever wrong, and
    how many stories with a result were told it is missing."""
    core = CORE_STORY if kind == "story" else BACKGROUND_PARTS
    order = STORY_PARTS if kind == "story" else BACKGROUND_PARTS
    pairs = [(g, p) for gold, pred in judged for g, p in zip(gold, pred, strict=True)]
    macro, per = macro_f1(pairs, core)
    exact = sum({p for p in core if p not in gold} == {p for p in core if p not in pred}
                for gold, pred in judged) / len(judged)
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    wrong = [f"{p} {sum((p in g) == (p in q) for g, q in judged) / len(judged):.3f}"
             for p in order if any((p in g) != (p in q) for g, q in judged)]
    complete = [pred for gold, pred in judged if "result" in gold]
    alarms = (f", result told missing {sum('result' not in p for p in complete)}"
              f"/{len(complete)}" if kind == "story" else "")
    return (f"accuracy {accuracy:.3f}, macro-F1 {macro:.3f} ("
            + " ".join(f"{p} {v:.3f}" for p, v in per.items())
            + f"), core missing exact {exact:.3f}{alarms}"
            + (f"\n    (missing {', '.join(wrong)})" if wrong else ""))


def prior_accuracy(rows: list, kind: str) -> float:
    pairs = [(g, p) for feats, gold, _ in rows
             for g, p in zip(gold, label_parts(feats, kind, PRIOR_WEIGHTS[kind]), strict=True)]
    return sum(g == p for g, p in pairs) / len(pairs)
