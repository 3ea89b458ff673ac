"""Cue-phrase families for each part of an answer.

Cue words alone are known to fail (a good answer without the expected signal words scored
zero), so these are only one feature among several in `scoring.parts`; they are kept broad
and grouped by the job the words do in a story rather than as exact scripts.
"""

from __future__ import annotations

from scoring.text import phrases, wordset

# Small talk and wrap-up around an answer ("so yeah, that's pretty much it").
SMALL_TALK = phrases(
    "so yeah", "yeah so", "that's pretty much", "that's the story", "that's it", "anyway",
    "that's the short version", "the short version", "long story short", "i guess",
    "to be honest", "knock on wood", "not a fun", "where do i start", "happy to",
    "good question", "great question", "let me think", "let me give you", "this one's",
    "this one is", "that was fun", "i think that's", "yeah, that's", "so that's",
)

STORY_CUES = {
    "repeat": phrases(
        "just to be clear", "you're asking", "you are asking", "you want to know",
        "the question is", "if i understand", "a time when", "a time where", "a time i",
        "great question", "you'd like to hear", "an example of", "to make sure",
        "asking about", "you want me", "talk about a time", "you'd like", "let me think",
        "so you're", "if i got", "you asked", "a situation where", "an example where",
    ),
    "situation": phrases(
        "at my previous", "at my last", "when i was", "i was working", "i was a", "i worked as",
        "we were", "our team", "the company", "last year", "years ago", "back in",
        "at the time", "context", "background", "we had", "there was", "there were",
        "the situation", "we noticed", "the problem was", "struggling", "startup", "in 20",
        "the project", "our product", "our customers", "working as", "a few months",
        "was losing", "were losing", "had been", "was using", "were using", "was built",
        "the issue was", "kept", "complained", "a client", "one of our",
    ),
    "task": phrases(
        "my goal", "my task", "my job", "my role", "i was asked", "i was tasked",
        "responsible for", "i needed to", "i had to", "we needed to", "the goal", "the task",
        "deadline", "by the end of", "success", "the challenge", "my responsibility", "was to",
        "asked me to", "it was on me", "target", "within", "objective", "constraint",
        "i owned", "i was in charge", "needed to", "had to", "we had to", "before the",
        "i wanted to", "the aim", "our goal", "criteria", "weeks to", "days to", "months to",
        "i had until", "i was supposed to", "my part was", "i gave myself", "fell to me",
        "on me", "up to me", "i was given", "i volunteered", "i needed a way", "i set myself",
        "i set out to", "nobody had asked me", "my call", "my name on", "i didn't own",
        "it wasn't my job", "i wasn't a manager", "i was the one", "i'd been asked",
        "i was leading", "make the case", "to make sure", "sign off", "i was about to",
        "i had about", "i had five", "i had three", "i had two", "i had a", "the bar",
        "i didn't want", "i was the only", "the shared goal", "was mine", "i owned the",
        "without breaking", "without losing", "without access", "no extra", "in time for",
    ),
    "action": phrases(
        "i decided", "i built", "i wrote", "i proposed", "i started", "i analyzed",
        "i analysed", "i talked", "i met", "i set up", "i designed", "i created",
        "i implemented", "i ran", "i reached out", "i organized", "i spent", "first i",
        "then i", "next i", "i worked", "i used", "i chose", "i convinced", "i scheduled",
        "i suggested", "i pushed", "i prototyped", "i trained", "i added", "i broke", "i split",
        "i led", "i asked", "i looked", "i dug", "i sat down", "i presented", "i made",
        "instead of", "trade off", "trade-off", "rather than", "so that", "i rewrote",
        "i tested", "i set", "i mapped", "i interviewed", "i replaced", "i drafted",
        "i focused", "i pulled", "i paired", "i called", "i cut", "i automated", "i migrated",
        "i validated", "i compared", "i negotiated", "i escalated", "i documented",
        "i went", "after that", "first", "then", "we built", "we decided", "i also",
    ),
    "result": phrases(
        "as a result", "in the end", "the result", "the results", "the outcome", "ended up",
        "reduced", "increased", "improved", "saved", "cut", "dropped", "grew", "went from",
        "launched", "shipped", "delivered", "on time", "adopted", "percent", "impact",
        "led to", "resulted", "achieved", "exceeded", "still in use", "promoted", "praised",
        "the feedback", "went down", "went up", "fell", "rose", "doubled", "halved",
        "we hit", "we met", "we beat", "by the end", "lift", "revenue", "eventually",
        "finally", "ultimately", "it worked", "which meant", "thanks to", "the team now",
        "missed", "failed", "didn't work", "lost",
        "were live", "went live", "we hit", "hit the", "down from", "up from", "was down",
        "was up", "months later", "weeks later", "the next morning", "within a month",
        "got used", "used by", "adopted by", "processed", "in my review", "stopped", "zero",
        "no longer", "to this day", "still running", "still use", "became the",
        "worked out", "went well", "were happy", "was happy", "was a success", "it went",
    ),
    "link": phrases(
        "that's why", "this is why", "which is why", "taught me", "i learned", "lesson",
        "looking back", "next time", "since then i", "ever since", "now i always", "i always",
        "i believe",
        "that's what", "this is exactly", "what i'd bring", "bring to", "here at", "your team",
        "your company", "this role", "value", "values", "owner", "ownership", "i care",
        "how i work", "i love", "for me", "i'd do", "i would do", "i now", "i try to",
        "that's the kind", "this is the kind", "the way i", "matters to me", "that experience",
        "this experience", "this story", "that story", "it showed me", "it reminded me",
    ),
    "other": SMALL_TALK,
}

BACKGROUND_CUES = {
    "now": phrases(
        "currently", "right now", "i'm a", "i am a", "i work", "at the moment", "today i",
        "these days", "my current", "in my current", "i lead", "i'm working", "recently",
        "this year", "i'm responsible", "i am responsible", "i'm currently", "i run",
        "my team", "i manage", "i own", "at present", "in my role", "most recently",
        "i've been", "i have been", "since graduating", "for the past", "for the last",
        "since then i", "i've spent", "i'm now", "i now", "we serve", "we use", "these days",
        "i'm on", "i'm at", "at the moment", "i currently", "my current role", "i'm an",
        "now i'm", "my current job",
    ),
    "then": phrases(
        "before that", "previously", "prior to", "i started", "i studied", "my degree",
        "graduated", "university", "phd", "masters", "master's", "bachelor", "earlier",
        "my first job", "began my career", "started my career", "spent", "years at",
        "used to", "back then", "originally", "before", "i was a", "i worked as", "i moved",
        "my background", "i did my", "i joined", "college", "school", "internship",
        "i started out", "i spent the first", "that meant", "that job", "along the way",
        "i drifted", "thesis", "interned", "intern", "ta'd", "that pushed me", "certificate",
        "bootcamp", "my first", "early in my career", "at the time", "for years", "years in",
        "my phd", "my master's", "undergrad", "grad school", "i switched", "i transitioned",
    ),
    "why": phrases(
        "why", "excited", "motivated", "motivates", "drawn", "passion", "passionate",
        "i love", "i enjoy", "interested", "what draws", "appeals", "the reason", "that's why",
        "i want", "i'm looking", "mission", "looking for", "the chance to", "opportunity",
        "what excites", "inspires", "i care", "attracted", "that's what", "energizes",
    ),
    "bridge": phrases(
        "i would", "i'd", "i could", "i can", "i will", "from day one", "contribute",
        "bring", "your team", "this role", "help you", "help your", "i'm confident",
        "fit", "hit the ground", "add value", "first few months", "excited to",
        "looking forward", "day one", "here", "you need", "you're building",
        "the role", "your company", "right away", "immediately",
    ),
    "other": SMALL_TALK,
}

# Irregular past-tense verbs common in stories; regular ones are caught by their "-ed".
IRREGULAR_PAST = wordset(
    """was were had did made built wrote ran began began took gave got went came found
    knew thought told said led left met sent spent brought bought caught chose felt kept
    lost meant paid put read saw set sat stood understood won became grew drew fell rose
    shut split cut hit broke spoke taught sold held heard""")
PRESENT_WORDS = wordset(
    """am is are i'm we're it's currently now today always usually believe think love enjoy
    care want work lead run manage value values matters""")
MODAL_WORDS = wordset("would will could can i'd i'll shall going")
I_WORDS = wordset("i me my mine myself i'm i've i'd i'll")
WE_WORDS = wordset("we us our ours ourselves we're we've we'd we'll")
