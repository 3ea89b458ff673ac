"""Whether each part is there at all: a second look at the decode's boundary sentences.

Why a separate step: `missing_parts` and the checklist turn on a zero/non-zero question (is
there a repeat, a task, a link, a why, a bridge?), and that question is usually settled by one
sentence at an edge of the answer. The sequence decode (`scoring.parts`) weighs that sentence
with a few dozen fitted weights, and on a corpus of a few dozen answers those weights learn
the corpus's accidents as well as its rules: fitted on the tune split they got the missing
parts right for 93% of its stories, but only 82% in 4-fold cross-validation, and nearly every
cross-validated mistake was one boundary sentence (an opening aside taken for a repeat, a
closing "that's the short version" taken for a bridge, a one-sentence task). So each of these
parts must also show its own, dedicated evidence, written as plain rules a coach would
recognise and that do not move when the weights are refitted:

- repeat: the sentence echoes the question (shares a content word, or is a noun-phrase or
  gerund echo such as "a time the data was wrong", "pushing back on a request") or uses a
  rephrasing frame ("you're asking", "a time when", "what you're after"); an announcement
  ("this one is kind of recent") is not one. A decoded repeat without evidence becomes
  `other`; when the decode found no repeat, the first opening sentence (before any action)
  with a clear frame, or a short first sentence that is a fragment echoing the question
  ("So, a decision where I lacked the data"), is the repeat.
- task: a decoded task must state a task; when the decode found none, the setup sentence
  with the most task evidence is the task. The evidence is the broad families of
  `scoring.task_evidence` (something had to be done, was given to the candidate, was
  theirs, had an aim, had a clock), not phrase lists: the lists first written here were
  fitted to one batch of answers and missed a quarter of the tasks of the next one. A task
  may hide in the situation (while another situation sentence stays) or in the first
  sentences of the action run, where it must show a strong family (assignment, ownership,
  a clock) because actions mention motives in passing.
- link: a sentence labelled link needs a link cue, the company's vocabulary, a lesson
  ("what I took from it"), a word about how the candidate works, or an explicit tie-back
  ("...is exactly that"); a lone closing remark ("she and I still get along") is `other`.
  A link with a figure and no tie-back wording of its own is the result's closing (company
  vocabulary such as "customers" reaches into results; figures rarely reach links). When the
  decode found no link, a closing sentence (or a closing aside) with link evidence inside a
  tie-back frame ("I think that's what ... means", "what I took from it is...") is the link.
- result: when the decode found none, the story's last action, if it speaks of an outcome
  (a result cue or a figure) in the second half, is the result.
- why and bridge: each needs its cue (a bridge may also just speak in the conditional); a
  sentence without it goes to the other part if it has that part's evidence, else it is an
  aside. A part still missing takes back the border sentence of its neighbour's run when that
  sentence carries its evidence ("I really like data, so this role fits" opening a bridge run);
  a why still missing is a second-half now/then sentence with why evidence.

A rule only fires when a part's presence is in question, and only on the sentences that
decide it, so the rest of the decoded sequence stands. The lists here are deliberately
separate from the decode's cue features: changing them needs no refit.
"""

from __future__ import annotations

from scoring import cues
from scoring.analysis import OTHER
from scoring.features import FRAGMENT_STARTS, Context
from scoring.habits import states_habit
from scoring.quantities import find_quantities
from scoring.task_evidence import states_task, task_families
from scoring.text import (
    OPENERS,
    PhraseSet,
    content_stems,
    count_phrases,
    phrases,
    spoken_tokens,
    subject_word,
    wordset,
)
from scoring.values import ties_to_work_style

# Frames that rephrase a question back ("so you're asking about...", "a time when...").
REPEAT_FRAMES = phrases(
    "you're asking", "you are asking", "you want to hear", "you want to know", "you'd like",
    "what you're after", "what you're looking for", "the question is", "if i understand",
    "just to be clear", "a time when", "a time where", "a time i", "a time the",
    "asking about", "you asked", "that's my", "an example of", "situation where",
    "situation when", "moment where", "moment when", "project where", "time where",
)
# Openings that announce a story without rephrasing the question ("this one is recent").
ASIDE_STARTS = phrases(
    "this one", "this one's", "this happens", "this is a", "i have one", "some background",
    "some context", "a bit of context", "a little context", "a bit of background",
    "a little background", "quick context",
)
# Plainer ways to say what draws one to a role than the why cues the decode weighs.
WHY_EXTRA = phrases(
    "i like", "i really like", "exciting", "excites", "brings me", "pulls me", "draws me",
    "drew me", "reason", "appeal", "i'm applying", "what i want", "what i'm after",
    "i'm looking for", "i'm here because", "i'm interested", "i'd love to", "i want to",
)
# How a close names a value without the company's own words ("the candor you talk about").
LINK_EXTRA = phrases(
    "you talk about", "you call", "culture", "your values", "that's the kind", "how i work",
    "what i care",
)
# The decode's link cues that only announce a lesson ("I learned", "looking back"): in a
# failure story the lesson is part of the outcome, so on their own they do not make a link.
LESSON_CUES = phrases(
    "taught me", "i learned", "lesson", "looking back", "next time", "it showed me",
    "it reminded me", "that experience", "this experience", "should have", "i'd have",
    "would have", "in hindsight", "took away", "what i took", "made me realize",
)
LINK_CUES = PhraseSet(tuple(p for p in cues.STORY_CUES["link"].items
                            if p not in set(LESSON_CUES.items)))
# Tie-back frames: how a close turns from the outcome to what it says about the candidate.
LINK_FRAMES = phrases(
    "that's what", "that's how", "that's the", "that's kind of", "i think that's",
    "i think it's", "i think it", "for me that's", "it comes back to", "it connects to",
    "in line with", "fits the", "tie it to", "what it means", "that's why", "is exactly",
    "exactly that",
)
# The tie-back frames that say outright that the story shows a value ("that's kind of"
# and "that's how" also open plain closing remarks).
EXPLICIT_TIES = phrases(
    "that's what", "is exactly", "exactly that", "for me that's", "it comes back to",
    "it connects to", "in line with", "what it means", "means to me", "what you call",
    "you talk about",
)
# A task decoded as action hides among the first sentences of the action run; there it must
# show one of the strong families, or this many families at once.
TASK_IN_ACTIONS = 3
STRONG_TASK_FAMILIES = frozenset({"assignment", "ownership", "deadline"})
ACTION_TASK_FAMILIES = 2
# A link is claimed only among this many closing sentences.
CLOSING_SENTENCES = 2
# ...or more, while the closing pieces together stay within this many words.
CLOSING_WORDS = 40
# A decoded repeat is re-examined only this far into the answer; a frame promotes a sentence
# to repeat only within the opening (before the first action), at most this far in.
OPENING_SENTENCES = 3
# A fragment echo of the question is short; a longer sentence is telling the story already.
MAX_FRAGMENT_WORDS = 18
# A phrase this short with no person in it names a topic rather than telling a story.
SHORT_PHRASE_WORDS = 6
PERSONS = wordset("i i'm i've i'd me my we we're we've our us he she they it it's there "
                  "this that you")
# The question words a sentence must share (content stems) to count as echoing it.
MIN_QUESTION_ECHO = 1


def settle_presence(texts: list[str], labels: list[str], ctx: Context) -> list[str]:
    """The decode's labels, with the sentences that decide whether repeat, task, link (stories)
    or why and bridge (background answers) are present re-examined on their own evidence."""
    labels = list(labels)
    if ctx.kind == "story":
        _settle_repeat(texts, labels, ctx)
        _settle_task(texts, labels)
        _require(texts, labels, "link", lambda t: _has_link_evidence(t, ctx) or _ties_back(t),
                 instead=lambda t: "result" if count_phrases(_tokens(t), LESSON_CUES) else OTHER)
        _figures_are_results(texts, labels)
        _claim_link(texts, labels, ctx)
        _claim_result(texts, labels)
    else:
        _settle_why_bridge(texts, labels)
    return labels


def repeat_evidence(text: str, ctx: Context) -> bool:
    """Whether a sentence rephrases the question back: a frame, an echo of its words, or a
    noun-phrase fragment ("something I fixed...") that only makes sense as an echo."""
    toks = _tokens(text)
    if count_phrases(toks, REPEAT_FRAMES) or _opens_with_a_time(toks):
        return True
    if _is_aside(toks):
        return False
    echo = len(content_stems(text) & ctx.question_stems) >= MIN_QUESTION_ECHO
    return echo or _is_fragment(toks)


def _opens_with_a_time(toks: list[str]) -> bool:
    """"A time it really didn't go my way": an opening that names "a time" can only be the
    question said back, whatever words follow."""
    rest = toks[next((k for k, t in enumerate(toks) if t not in OPENERS), len(toks)):]
    return rest[:2] in (["a", "time"], ["the", "time"])


def _is_fragment(toks: list[str]) -> bool:
    """Whether the sentence opens as a noun phrase or a gerund ("a time...", "where the
    problem...", "pushing back on a request...") rather than a clause ("I was..."), or is a
    short phrase with no one doing anything in it ("Disagreement with a teammate.")."""
    subject = subject_word(toks)
    if subject in FRAGMENT_STARTS or subject.endswith("ing"):
        return True
    return len(toks) <= SHORT_PHRASE_WORDS and not PERSONS & set(toks)


def _settle_repeat(texts: list[str], labels: list[str], ctx: Context) -> None:
    """Unsupported repeats become asides; when none is left, a framed opening sentence, or a
    short first sentence that echoes the question as a fragment, becomes the repeat."""
    for i in range(min(OPENING_SENTENCES, len(texts))):
        if labels[i] == "repeat" and not repeat_evidence(texts[i], ctx):
            labels[i] = OTHER
    if "repeat" in labels:
        return
    first = 1 if labels[:1] == [OTHER] else 0
    for i in range(min(OPENING_SENTENCES, len(texts))):
        if labels[i] == "action":
            return
        toks = _tokens(texts[i])
        if labels[i] in (OTHER, "situation") and (
                count_phrases(toks, REPEAT_FRAMES) or _opens_with_a_time(toks)
                or (i in (0, first) and _echoing_fragment(texts[i], ctx))):
            labels[i] = "repeat"
            return


def _echoing_fragment(text: str, ctx: Context) -> bool:
    """A short noun-phrase opening that shares a word with the question ("So, a decision
    where I didn't have the full picture"): situations open with a clause ("I was...")."""
    toks = _tokens(text)
    echo = len(content_stems(text) & ctx.question_stems) >= MIN_QUESTION_ECHO
    return _is_fragment(toks) and echo and len(toks) <= MAX_FRAGMENT_WORDS and not _is_aside(toks)


def _settle_task(texts: list[str], labels: list[str]) -> None:
    """A decoded task must state a task; when none is left, the setup sentence with the most
    task evidence is the task.

    The task is often one sentence between a situation and an action that both sound like
    it, so its presence turns on that one sentence. The evidence is the broad families of
    `scoring.task_evidence` (obligation, assignment, ownership, goal, deadline), not the
    weights: phrase lists and fitted weights both learnt one batch's wordings and missed the
    next batch's."""
    where = [i for i, label in enumerate(labels) if label == "task"]
    if where and not any(states_task(texts[i]) for i in where):
        for i in where:
            labels[i] = "action" if "action" in labels[:i] else "situation"
    if "task" in labels:
        return
    stated = [i for i in _setup(labels) if states_task(texts[i])
              and (labels[i] == "situation" or _task_among_actions(task_families(texts[i])))]
    if stated:
        best = max(stated, key=lambda i: (len(task_families(texts[i])), i))
        labels[best] = "task"


def _task_among_actions(families: set[str]) -> bool:
    """Actions give motives in passing ("because I wanted to...", "we needed to..."), so
    among them a task must be the candidate's by assignment, ownership or clock, or show
    several families at once."""
    return bool(families & STRONG_TASK_FAMILIES) or len(families) >= ACTION_TASK_FAMILIES


def _setup(labels: list[str]) -> list[int]:
    """Where a task may hide: the situation sentences while another one stays, and the first
    few sentences of the action run that follows them while another action stays."""
    first = next((i for i, label in enumerate(labels) if label in ("action", "result", "link")),
                 len(labels))
    found = [i for i in range(first)
             if labels[i] == "situation" and labels.count("situation") > 1]
    if labels[first:first + 1] == ["action"] and "situation" in labels[:first] and \
            labels.count("action") > 1:
        run = first
        while run < len(labels) and labels[run] == "action" and run < first + TASK_IN_ACTIONS:
            run += 1
        found += range(first, run)
    return found


def _figures_are_results(texts: list[str], labels: list[str]) -> None:
    """A link sentence with a figure and no tie-back wording of its own is the result's
    closing ("...and revenue grew 4%, which the customers loved"): company vocabulary is
    broad enough ("customers", "team") to reach into results, figures rarely reach links."""
    where = [i for i, label in enumerate(labels) if label == "link"]
    for i in where:
        toks = _tokens(texts[i])
        own = (count_phrases(toks, LINK_CUES) or count_phrases(toks, LINK_EXTRA)
               or count_phrases(toks, LINK_FRAMES) or ties_to_work_style(texts[i]))
        if not own and find_quantities(texts[i]) and "result" in labels[:i + 1]:
            labels[i] = "result"


def _claim_link(texts: list[str], labels: list[str], ctx: Context) -> None:
    """With no link decoded, the latest closing sentence that ties the story to a value in a
    tie-back frame ("I think that's what ... means"), or that states a habit the story left
    ("since then I always..."), is the link, with the short fragments
    after it that carry no figure (unpunctuated speech splits a tie-back into pieces: "i
    think that's context not control | i gave them the context | and they made the call"),
    as long as the result it would take from keeps another sentence. A sentence with a
    figure is the result's ("...six percent, and that's what went in the deck")."""
    if "link" in labels:
        return
    for i in _closing(texts):
        framed = count_phrases(_tokens(texts[i]), LINK_FRAMES) > 0
        tied = (framed and _has_link_evidence(texts[i], ctx)) or states_habit(texts[i])
        if tied and not find_quantities(texts[i]) and (
                labels[i] != "result" or labels.count("result") > 1):
            labels[i] = "link"
            for k in range(i + 1, len(texts)):
                if labels[k] != OTHER and not find_quantities(texts[k]) and (
                        labels[k] != "result" or labels.count("result") > 1):
                    labels[k] = "link"
            return


def _closing(texts: list[str]) -> list[int]:
    """The closing sentences, last first: at least CLOSING_SENTENCES, and more while they
    are short pieces within the last CLOSING_WORDS words."""
    found, words = [], 0
    for i in range(len(texts) - 1, -1, -1):
        words += len(texts[i].split())
        if len(found) >= CLOSING_SENTENCES and words > CLOSING_WORDS:
            break
        found.append(i)
    return found


def _claim_result(texts: list[str], labels: list[str]) -> None:
    """With no result decoded, the story's last action, if it speaks of an outcome (a result
    cue or a figure) in the second half of the answer, is the result: a result told in the
    same breath as the action ("...and the meeting ended in twenty minutes") sounds like one.
    The first action is never taken, so the action stays."""
    if "result" in labels:
        return
    doing = [i for i, label in enumerate(labels) if label == "action"]
    if len(doing) < 2 or doing[-1] < len(labels) / 2:
        return
    last = doing[-1]
    if count_phrases(_tokens(texts[last]), cues.STORY_CUES["result"]) or find_quantities(
            texts[last]):
        labels[last] = "result"


def _settle_why_bridge(texts: list[str], labels: list[str]) -> None:
    """Why and bridge need their own evidence; a sentence without it goes to the other part
    when it has that part's evidence, else it is an aside. Then a part still missing takes
    back the border sentence of a two-sentence run of its neighbour, if that sentence carries
    only its evidence (the "I like..., so I'd fit" sentence opens a bridge run too often)."""
    evidence = {part: [_background_evidence(t, part) for t in texts] for part in ("why", "bridge")}
    for part, other_part in (("why", "bridge"), ("bridge", "why")):
        where = [i for i, label in enumerate(labels) if label == part]
        if where and not any(evidence[part][i] for i in where):
            for i in where:
                labels[i] = other_part if evidence[other_part][i] else _history_part(texts[i])
    for part, neighbour, edge in (("why", "bridge", 0), ("bridge", "why", -1)):
        run = [i for i, label in enumerate(labels) if label == neighbour]
        if part in labels or len(run) < 2:
            continue
        border = run[edge]
        if evidence[part][border] and (part == "why" or not evidence[neighbour][border]):
            labels[border] = part
    if "why" not in labels:
        _why_from_history(labels, evidence["why"])


def _history_part(text: str) -> str:
    """Where a sentence with neither why nor bridge evidence belongs: the current role when
    it says so ("Now I'm an analyst at..."), the earlier path when it speaks of it, else an
    aside."""
    toks = _tokens(text)
    for part in ("now", "then"):
        if count_phrases(toks, cues.BACKGROUND_CUES[part]):
            return part
    return OTHER


def _why_from_history(labels: list[str], why: list[bool]) -> None:
    """A motivation told in the second half as if it were history ("I'm applying here because
    I want...") is the why, as long as the history keeps another sentence: reasons rarely
    open an answer, so the first half is left alone."""
    for i in range(len(labels) // 2, len(labels)):
        part = labels[i]
        if part in ("now", "then") and why[i] and labels.count(part) > 1:
            labels[i] = "why"
            return


def _background_evidence(text: str, part: str) -> bool:
    """A cue of the part; for a bridge also the conditional ("I'd start by..."), for a why
    the plainer ways of saying what attracts ("I like that...", "is exciting to me")."""
    toks = _tokens(text)
    if count_phrases(toks, cues.BACKGROUND_CUES[part]):
        return True
    if part == "bridge":
        return any(t in cues.MODAL_WORDS for t in toks)
    return bool(count_phrases(toks, WHY_EXTRA))


def _has_link_evidence(text: str, ctx: Context) -> bool:
    """A link cue, the company's vocabulary, a habit, or a word about how the candidate
    works; a lesson stated as an insight ("what I learned is that...") is the outcome's."""
    toks = _tokens(text)
    work_style = ties_to_work_style(text) and not count_phrases(toks, LESSON_CUES)
    return bool(count_phrases(toks, LINK_CUES) or count_phrases(toks, LINK_EXTRA)
                or states_habit(text) or content_stems(text) & ctx.value_stems or work_style)


def _ties_back(text: str) -> bool:
    """An explicit tie-back ("...is exactly that", "that's what ... means"), not small talk:
    enough to keep a decoded link to a company the bank does not know."""
    toks = _tokens(text)
    return bool(count_phrases(toks, EXPLICIT_TIES)) and not count_phrases(toks, cues.SMALL_TALK)


def _require(texts: list[str], labels: list[str], part: str, evidence, instead) -> None:
    """A part present only through sentences without any of its evidence is not there: each
    of its sentences becomes what `instead` makes of it (an aside, or a lesson's result)."""
    where = [i for i, label in enumerate(labels) if label == part]
    if where and not any(evidence(texts[i]) for i in where):
        for i in where:
            labels[i] = instead(texts[i])


def _tokens(text: str) -> list[str]:
    return spoken_tokens(text)


def _is_aside(toks: list[str]) -> bool:
    rest = toks[next((k for k, t in enumerate(toks) if t not in OPENERS), len(toks)):]
    return ASIDE_STARTS.starts_at(rest, 0)
