"""The presence step: optional parts need their own evidence at the answer's edges."""

from __future__ import annotations

from question_bank.model import Company, Question, Value
from scoring import Transcript, analyze
from scoring.features import Context
from scoring.habits import states_habit
from scoring.presence import repeat_evidence, settle_presence

QUESTION = Question(id="custom", text="Tell me about a time you pushed back on a risky launch.",
                    kind="story")
STORY_CTX = Context.build("story", QUESTION, None)
COMPANY = Company("acme", "Acme", "test", (
    Value("We own it", "We take ownership of outcomes", ("ownership", "owner")),
))
BACKGROUND_CTX = Context.build(
    "background", Question(id="bg", text="Walk me through your background.", kind="background"),
    None)


def test_repeat_evidence_is_an_echo_a_frame_or_a_fragment():
    assert repeat_evidence("So a launch I had to push back on.", STORY_CTX)
    assert repeat_evidence("You're asking about standing up to my boss.", STORY_CTX)
    assert repeat_evidence("Something I stopped even though everyone wanted it.", STORY_CTX)
    assert not repeat_evidence("Um yeah so this one is kind of recent.", STORY_CTX)
    assert not repeat_evidence("I was a data scientist at a bank.", STORY_CTX)


def test_an_opening_aside_decoded_as_repeat_becomes_other():
    texts = ["Okay, um, this one's a bit awkward to tell.", "I was an analyst at a bank.",
             "I rebuilt the model."]
    labels = settle_presence(texts, ["repeat", "situation", "action"], STORY_CTX)
    assert labels == ["other", "situation", "action"]


def test_a_supported_repeat_is_kept():
    texts = ["A launch I pushed back on, sure.", "I was an analyst.", "I rebuilt it."]
    labels = ["repeat", "situation", "action"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_a_framed_opening_sentence_becomes_the_missing_repeat():
    texts = ["Last year our churn model was failing.",
             "This is a risky-launch story, which I think is what you're after.",
             "I asked for a two-week test."]
    labels = settle_presence(texts, ["situation", "situation", "action"], STORY_CTX)
    assert labels == ["situation", "repeat", "action"]


def test_no_repeat_is_promoted_after_the_action_has_begun():
    texts = ["I asked for a test.", "That's my story about a time when I pushed back."]
    labels = ["action", "other"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_a_link_without_any_link_evidence_is_an_aside():
    texts = ["I shipped the fix.", "And, yeah, she and I get along pretty well these days."]
    assert settle_presence(texts, ["action", "link"], STORY_CTX) == ["action", "other"]
    texts[1] = "Since then I test before I argue."
    assert settle_presence(texts, ["action", "link"], STORY_CTX) == ["action", "link"]
    texts[1] = "What I learned is that a test settles more than an argument."
    assert settle_presence(texts, ["action", "link"], STORY_CTX) == ["action", "result"]


def test_closing_chatter_is_not_a_bridge():
    texts = ["I lead the ranking team.", "I want to work on search because I love it.",
             "Um, yeah, that's the short version."]
    labels = settle_presence(texts, ["now", "why", "bridge"], BACKGROUND_CTX)
    assert labels == ["now", "why", "other"]


def test_a_why_with_only_bridge_evidence_is_a_bridge():
    texts = ["I studied economics.", "I'm comfortable in SQL, so I could start on reports."]
    assert settle_presence(texts, ["then", "why"], BACKGROUND_CTX) == ["then", "bridge"]


def test_the_first_of_two_bridges_with_why_evidence_is_the_missing_why():
    texts = ["I studied economics.", "I really like working with data, so this role fits.",
             "I'd help the team from day one."]
    labels = settle_presence(texts, ["then", "bridge", "bridge"], BACKGROUND_CTX)
    assert labels == ["then", "why", "bridge"]


def test_analyze_drops_an_opening_aside_from_the_parts():
    story = ("Okay, um, this one's a bit awkward to tell, but it's a good one. "
             "Last year at a health startup we were about to launch a symptom checker. "
             "My job was to sign off on the model before the launch date. "
             "I found it missed rare conditions, so I asked for one more week of testing. "
             "I built a test set of 300 rare cases and I fixed the threshold. "
             "In the end we launched a week late with zero safety incidents in three months.")
    analysis = analyze(Transcript.from_text(story), QUESTION, COMPANY)
    assert analysis.sentences[0].part == "other"
    assert "repeat" in analysis.missing_parts
    assert analysis.content.repeat == "absent"


def test_a_task_without_any_task_cue_goes_back_to_the_setup():
    texts = ["I was an analyst on the finance team.", "After three weeks she looked tired.",
             "I asked her to lunch."]
    labels = settle_presence(texts, ["situation", "task", "action"], STORY_CTX)
    assert labels == ["situation", "situation", "action"]


def test_a_plainly_stated_assignment_becomes_the_missing_task():
    texts = ["Our ranking model was three years old.",
             "We were asked to replace it by the end of the half.",
             "I set up an offline evaluation.", "I trained a new ranker."]
    labels = settle_presence(texts, ["situation", "situation", "action", "action"], STORY_CTX)
    assert labels == ["situation", "task", "action", "action"]


def test_no_task_is_taken_from_a_lone_action():
    texts = ["Our model was old.", "I was the one who rebuilt it."]
    labels = ["situation", "action"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_a_close_naming_the_company_value_is_a_link():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["We launched a week late.", "In the end it was about ownership of the outcome."]
    assert settle_presence(texts, ["result", "link"], ctx) == ["result", "link"]


def test_a_framed_close_with_value_words_becomes_the_missing_link():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["I asked for a week of tests.", "We launched with zero incidents.",
             "I think that's what ownership means, owning the risk as well as the launch."]
    labels = settle_presence(texts, ["action", "result", "result"], ctx)
    assert labels == ["action", "result", "link"]


def test_the_only_result_is_never_taken_for_a_link():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["I asked for a week of tests.",
             "I think that's what ownership means: we launched with zero incidents."]
    labels = ["action", "result"]
    assert settle_presence(texts, labels, ctx) == labels


def test_a_short_fragment_echoing_the_question_opens_as_the_repeat():
    texts = ["So, a risky launch I stopped.", "I was an analyst at a bank.", "I ran a test."]
    labels = settle_presence(texts, ["situation", "situation", "action"], STORY_CTX)
    assert labels == ["repeat", "situation", "action"]


def test_a_long_opening_that_starts_with_an_article_stays_the_situation():
    texts = ["A new analyst joined our team for the launch, fresh out of university, and she "
             "was assigned the monthly revenue forecast on her first day.", "I ran a test."]
    labels = ["situation", "action"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_a_link_with_a_figure_and_no_tie_back_wording_is_the_result():
    customers = Company("shop", "Shop", "test", (
        Value("Customers first", "We obsess over customers", ("customers",)),
    ))
    ctx = Context.build("story", QUESTION, customers)
    texts = ["I rebuilt the onboarding flow.", "We launched it in May.",
             "Customer complaints fell by 40% within a month."]
    labels = settle_presence(texts, ["action", "result", "link"], ctx)
    assert labels == ["action", "result", "result"]


def test_frames_match_without_apostrophes():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["i asked for a week of tests", "we launched with zero incidents",
             "i think thats what ownership means owning the risk too"]
    labels = settle_presence(texts, ["action", "result", "result"], ctx)
    assert labels[-1] == "link"
    opening = ["so youre asking about a launch i stopped", "i ran a test"]
    assert settle_presence(opening, ["other", "action"], STORY_CTX)[0] == "repeat"


def test_the_gold_like_labelling_of_a_full_story_is_left_alone():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["So you're asking about a launch I stopped.", "I was an analyst at a bank.",
             "My job was to sign off on the model.", "I ran a week of tests.",
             "We launched with zero incidents.", "That's what ownership means to me."]
    labels = ["repeat", "situation", "task", "action", "result", "link"]
    assert settle_presence(texts, labels, ctx) == labels


def test_a_late_motivation_told_as_history_is_the_missing_why():
    texts = ["I lead the ranking team at a bank.", "Before that I studied statistics.",
             "I spent three years in consulting.", "I'm applying here because I want scale.",
             "I'd help on ranking from day one."]
    labels = settle_presence(texts, ["now", "then", "then", "then", "bridge"], BACKGROUND_CTX)
    assert labels == ["now", "then", "then", "why", "bridge"]


def test_an_early_motivation_stays_in_the_history():
    texts = ["I'm an analyst and I love messy data.", "Before that I studied statistics.",
             "I did two internships.", "I'd help on reporting from day one."]
    labels = ["now", "then", "then", "bridge"]
    assert settle_presence(texts, labels, BACKGROUND_CTX) == labels


def test_an_implicit_task_in_the_setup_becomes_the_missing_task():
    texts = ["I was at a hospital network building a readmission model.",
             "The nurses were drowning in alerts.",
             "The ask was basically, explain in one meeting why this model is different.",
             "I pulled ten real patients.", "I walked the directors through them."]
    labels = ["situation", "situation", "situation", "action", "action"]
    assert settle_presence(texts, labels, STORY_CTX)[2] == "task"


def test_a_task_told_as_the_first_action_needs_strong_evidence():
    texts = ["Our forecast jumped 38% overnight.",
             "Orders locked at 5 pm, so I had maybe four hours to figure out if it was real.",
             "I compared the input tables.", "I reran the forecast."]
    labels = ["situation", "action", "action", "action"]
    assert settle_presence(texts, labels, STORY_CTX)[1] == "task"
    # A motive in passing ("we wanted") among the actions is no task.
    texts[1] = "That showed a third were the questions people assumed we wanted."
    assert "task" not in settle_presence(texts, labels, STORY_CTX)


def test_a_no_task_story_stays_without_one():
    texts = ["I was an operations coordinator at a warehouse.",
             "Returns belonged to another supervisor, and it wasn't my problem on paper.",
             "I watched how returns were processed.", "I wrote up the process on one page."]
    labels = ["situation", "situation", "action", "action"]
    assert "task" not in settle_presence(texts, labels, STORY_CTX)


def test_the_only_situation_is_not_taken_for_the_task():
    texts = ["I was on the recommendations team and we had to personalize the home page.",
             "I built an offline test.", "I showed ten real home pages."]
    labels = ["situation", "action", "action"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_a_gerund_fragment_echo_keeps_its_repeat():
    texts = ["Okay, pushing back on a request, yeah, that happens a lot.",
             "I was the data scientist in a podcast squad.", "I asked what decision it drove."]
    labels = ["repeat", "situation", "action"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_a_closing_habit_after_the_actions_is_the_missing_link():
    texts = ["I rebuilt the join.", "I told my manager first.",
             "The meeting ended in twenty minutes.",
             "What I took from it is that a wrong number shared confidently is worse than a "
             "late one, and I still run those join checks every single time."]
    labels = settle_presence(texts, ["action", "action", "result", "other"], STORY_CTX)
    assert labels[-1] == "link"


def test_a_lesson_stated_only_as_an_insight_is_not_a_link():
    texts = ["I rebuilt the join.", "I told my manager first.",
             "The meeting ended in twenty minutes.",
             "What I took from it is that a wrong number shared confidently is worse than a "
             "late one."]
    labels = settle_presence(texts, ["action", "action", "result", "result"], STORY_CTX)
    assert "link" not in labels


def test_a_habit_is_said_by_the_candidate_and_carries_no_figure():
    assert states_habit("Since then, whenever I'm dropped into something new, I start small.")
    assert states_habit("and honestly that is how i deal with vague asks now")
    assert not states_habit("The alert has caught two more issues since then.")
    assert not states_habit("And, yeah, she and I get along pretty well these days.")


def test_a_closing_aside_is_still_not_a_link():
    texts = ["I asked for a test.", "She agreed and we ran it.",
             "And, yeah, she and I still work together pretty well."]
    labels = settle_presence(texts, ["action", "result", "other"], STORY_CTX)
    assert labels[-1] == "other"


def test_an_explicit_tie_back_keeps_a_link_to_an_unknown_company():
    texts = ["I split the drop by step.", "They kept the new flow.",
             "I think their users-first idea is exactly that, the data settled it."]
    labels = ["action", "result", "link"]
    assert settle_presence(texts, labels, STORY_CTX) == labels


def test_an_outcome_told_as_the_last_action_is_the_result():
    texts = ["I found the bad join.", "I told my manager before the meeting.",
             "I opened by saying the report was wrong, and the meeting ended in twenty "
             "minutes."]
    labels = settle_presence(texts, ["action", "action", "action"], STORY_CTX)
    assert labels == ["action", "action", "result"]


def test_a_tie_back_split_into_pieces_is_one_link():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["i ran a test for a week", "we launched with zero incidents",
             "i think thats what ownership means here", "you own the risk",
             "and the launch too"]
    labels = settle_presence(texts, ["action", "result", "action", "action", "result"], ctx)
    assert labels == ["action", "result", "link", "link", "link"]


def test_a_closing_figure_with_a_frame_stays_the_result():
    ctx = Context.build("story", QUESTION, COMPANY)
    texts = ["I ran a test.", "We launched.",
             "The estimate came out around six percent, and that's what went in the deck.",
             "She later asked me to design the next holdout."]
    labels = ["action", "result", "result", "result"]
    assert settle_presence(texts, labels, ctx) == labels
