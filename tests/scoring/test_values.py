"""Link back to company values: which words tie a value, and where they must stand to count."""

from __future__ import annotations

from question_bank import load_bank
from question_bank.model import Company, Question, Value
from scoring import Transcript, analyze
from scoring.values import link_values, ties_to_work_style

COMPANY = Company("acme", "Acme", "test", (
    Value("We are leaders", "Act like an owner of the outcome and see it through.",
          ("ownership", "owner", "made the call")),
    Value("We are students", "Stay curious and keep learning from mistakes.", ("learn",)),
    Value("Customer first", "Start from what customers need.", ()),
    Value("We are one team", "Win together: share credit and put the team's goal ahead of your "
          "own.", ("one team", "team", "together", "shared credit")),
))


def values_of(sentences: list[str], labels: list[str]) -> dict[str, tuple[int, ...]]:
    return {v.value: v.sentences for v in link_values(sentences, labels, COMPANY)}


def test_keyword_stems_match_other_forms_in_what_i_did():
    found = values_of(["We shipped it.", "I owned the rollout end to end."],
                      ["action", "action"])
    assert found == {"We are leaders": (1,)}


def test_multiword_keyword_and_synonyms_in_the_link():
    assert "We are leaders" in values_of(["In the end I made the call myself."], ["action"])
    # A synonym is weak evidence: it ties inside a tie-back, not merely by standing last.
    framed = ["That's what I care about, our users got answers twice as fast."]
    assert "Customer first" in values_of(framed, ["link"])
    assert "Customer first" not in values_of(["Our users got answers twice as fast."], ["link"])


def test_an_everyday_word_that_names_a_value_is_no_link_even_in_the_close():
    amazon = load_bank().company("amazon")
    closes = ["We got all the deliveries out before the holiday rush.",
              "I pulled the data from the warehouse for the weekly review.",
              "I built a small dashboard for the ops team."]
    for text in closes:
        assert link_values([text], ["link"], amazon) == [], text
    shown = link_values(["For me that's invent and simplify, I cut five steps to one."],
                        ["link"], amazon)
    assert [v.value for v in shown] == ["Invent and Simplify"]
    assert "invent and simplify" in shown[0].words  # the words that made the link


def test_description_words_tie_by_meaning_in_the_link():
    found = values_of(["I stayed curious about every mistake we made."], ["link"])
    assert "We are students" in found


def test_no_company_no_values_and_unrelated_text_ties_nothing():
    assert link_values(["I owned it."], ["action"], None) == []
    assert values_of(["The weather was nice."], ["link"]) == {}


def test_a_generic_word_in_the_setup_is_not_a_tie():
    sentences = ["I was the only data scientist on the pricing team.",
                 "I rebuilt the fee model and tested it.",
                 "That sense of ownership is exactly what Acme means by we are leaders."]
    found = values_of(sentences, ["situation", "action", "link"])
    assert found == {"We are leaders": (2,)}


def test_a_description_word_does_not_widen_a_value_to_its_synonyms():
    # "ahead of your own" in One team's description must not make "ownership" a team word.
    found = values_of(["That ownership is what I bring."], ["link"])
    assert "We are one team" not in found and "We are leaders" in found


def test_a_generic_word_ties_in_the_link_or_inside_a_tie_back_frame():
    assert "We are one team" in values_of(["For me, the team came first."], ["link"])
    framed = values_of(["That's what working as one team looks like to me."], ["result"])
    assert "We are one team" in framed
    plain = values_of(["I told the team about the results."], ["result"])
    assert "We are one team" not in plain


def test_a_specific_phrase_about_how_i_acted_ties_without_a_frame():
    found = values_of(["I shared credit with the analysts in the launch email."], ["action"])
    assert "We are one team" in found
    # The same words in someone else's doing, or in the setup, do not.
    story = ["They shared credit in the email.", "I rebuilt the model.", "It went live in May."]
    assert values_of(story, ["action", "action", "result"]) == {}
    story[0] = "My manager said I showed ownership."
    assert values_of(story, ["situation", "action", "result"]) == {}


def test_a_closing_sentence_ties_by_a_specific_word_not_a_generic_one():
    closes = ["I rebuilt the model.", "Revenue grew and the team was happy."]
    assert values_of(closes, ["action", "result"]) == {}
    closes = ["I rebuilt the model.", "It was an ownership call I would make again."]
    assert values_of(closes, ["action", "result"]) == {"We are leaders": (1,)}


def test_the_way_each_sentence_ties_is_kept_as_evidence():
    sentences = ["I took ownership of the backlog.", "That's what one team means to me."]
    links = link_values(sentences, ["action", "link"], COMPANY)
    assert [(v.value, v.sentences, v.ways) for v in links] == [
        ("We are leaders", (0,), ("action",)), ("We are one team", (1,), ("link",))]


def test_a_close_about_how_i_work():
    assert ties_to_work_style("That's why I always check the data first.")
    assert not ties_to_work_style("The project ended in March.")


def test_generic_words_of_a_value_name_tie_nothing():
    open_company = Company("x", "X", "test", (
        Value("Open company, no bullshit", "Share information openly and be honest.", ()),
    ))
    assert link_values(["At my last company I built the pipeline."], ["link"],
                       open_company) == []
    found = link_values(["I was honest with them about the delay."], ["link"], open_company)
    assert [v.value for v in found] == ["Open company, no bullshit"]


def test_analyze_reports_only_the_tied_value_with_where_and_how():
    question = Question(id="c", text="Tell me about a time you took ownership.", kind="story")
    answer = (
        "Just to be clear, you're asking about a time you took ownership beyond your role. "
        "At my last company I was the only data scientist on the pricing team. "
        "My goal was to cut the fee error before the holiday season. "
        "I rebuilt the features, I ran an A/B test, and I wrote the monitoring myself. "
        "The error dropped by 30% and conversion rose 2%. "
        "That sense of ownership is exactly what I understand Acme means by we are leaders.")
    a = analyze(Transcript.from_text(answer), question, COMPANY)
    assert a.content.values_linked == ("We are leaders",)
    last = len(a.sentences) - 1
    assert a.extra["value_links"] == [{"value": "We are leaders", "sentences": [last],
                                       "ways": ["link"],
                                       "words": ["leaders", "ownership", "we're leaders"]}]


def test_the_company_name_inside_a_value_name_is_not_that_value():
    company = Company("ms", "Microsoft", "test", (
        Value("One Microsoft", "Work across teams.", ("one microsoft", "across teams")),
    ))
    close = ["I think it connects to how seriously Microsoft talks about privacy."]
    assert link_values(close, ["link"], company) == []
    named = link_values(["That's One Microsoft for me."], ["link"], company)
    assert [v.value for v in named] == ["One Microsoft"]


def test_a_tie_back_frame_without_apostrophes_still_ties():
    sentences = ["I rebuilt it.", "thats what working as a team looks like to me",
                 "we shipped", "revenue grew"]
    assert "We are one team" in values_of(sentences, ["action", "result", "result", "result"])
