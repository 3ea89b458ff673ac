"""Link back to company values: which words tie a value, and where they must stand to count."""

from __future__ import annotations

import numpy as np
import pytest

from question_bank import load_bank
from question_bank.model import Company, Question, Value
from scoring import Transcript, analyze, value_meaning
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


# --- links by meaning (scoring.value_meaning), with a fake embedding --------------------------

class FakeEmbed:
    """A stand-in for the sentence model: a text's vector is the normalised sum of one fixed
    random direction per word, so texts sharing words are near. Counts the texts embedded."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self._words: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), 384))
        for i, text in enumerate(texts):
            for w in text.lower().replace(".", " ").replace(",", " ").split():
                if w not in self._words:
                    seed = sum(ord(c) * 31 ** k for k, c in enumerate(w)) % 2**32
                    self._words[w] = np.random.default_rng(seed).normal(size=384)
                out[i] += self._words[w]
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def always(threshold: float = 0.5, bias: float = 10.0) -> value_meaning.Model:
    """A model that gives every pair the same high probability."""
    n = len(value_meaning.SCALARS)
    return value_meaning.Model(np.zeros(n), np.ones(n), np.zeros(n), bias, threshold, False)


def meaning_links(sentences, labels, model, embed=None, monkeypatch=None, company=COMPANY):
    embed = embed or FakeEmbed()
    monkeypatch.setattr(value_meaning, "load_model", lambda: model)
    return link_values(sentences, labels, company, vectors=embed(sentences), embed=embed)


def test_without_vectors_the_word_rules_decide(monkeypatch):
    monkeypatch.setattr(value_meaning, "load_model", lambda: always())
    embed = FakeEmbed()
    assert link_values(["The weather was fine."], ["link"], COMPANY, vectors=None,
                       embed=embed) == []
    assert embed.calls == []


FRUGAL = Company("thrift", "Thrift", "test", (
    Value("Frugal", "Do more with less: use the spare budget.", ("frugality",)),
    Value("Bold", "Set an ambitious direction others follow.", ("bold",)),
    Value("Kind", "Care for colleagues and guests.", ("kindness",)),
))


def test_a_meaning_link_is_shown_with_words_of_the_sentence(monkeypatch):
    # No word of the value's name or keywords, one of its description: no rule ties it.
    sentence = "I reused the spare laptops instead of ordering new ones."
    assert link_values([sentence], ["action"], FRUGAL) == []
    found = meaning_links([sentence], ["action"], always(), monkeypatch=monkeypatch,
                          company=FRUGAL)
    # The top-2 gate: a model that says yes to everything still links at most two values.
    assert 1 <= len(found) <= value_meaning.TOP_VALUES
    frugal = next(v for v in found if v.value == "Frugal")
    assert frugal.ways == ("meaning",)
    assert frugal.words and all(w in sentence.lower() for w in frugal.words)
    assert {"reused", "spare"} & set(frugal.words)


def test_a_value_linked_from_many_sentences_shows_a_few_words_and_no_contractions(
        monkeypatch):
    sentences = ["I didn't buy new laptops, I reused the spare ones.",
                 "We'd mended the old printer instead of replacing it.",
                 "I shared one van between three crews to save the budget."]
    found = meaning_links(sentences, ["action"] * 3, always(), monkeypatch=monkeypatch,
                          company=FRUGAL)
    frugal = next(v for v in found if v.value == "Frugal")
    assert len(frugal.sentences) == 3 and frugal.ways == ("meaning",) * 3
    assert 1 <= len(frugal.words) <= value_meaning.EVIDENCE_WORDS
    assert not any("'" in w for w in frugal.words)


def test_the_setup_never_links_by_meaning(monkeypatch):
    found = meaning_links(["I kept learning from every mistake."], ["situation"], always(),
                          monkeypatch=monkeypatch)
    assert found == []


def test_below_the_threshold_nothing_links_even_where_the_rules_would(monkeypatch):
    never = always(threshold=0.99, bias=-10.0)
    sentences = ["That's what we are leaders means to me, I took ownership."]
    assert values_of(sentences, ["link"])  # the rules alone link it
    assert meaning_links(sentences, ["link"], never, monkeypatch=monkeypatch) == []


def test_a_rule_tie_the_model_confirms_keeps_its_way_and_words(monkeypatch):
    sentences = ["That's what we are leaders means to me, I owned the outcome."]
    found = meaning_links(sentences, ["link"], always(), monkeypatch=monkeypatch)
    leaders = next(v for v in found if v.value == "We are leaders")
    assert leaders.ways == ("link",) and "owned" in leaders.words


def test_value_texts_are_embedded_once_and_cached(monkeypatch):
    embed = FakeEmbed()
    sentence = ["I shared the credit with everyone."]
    meaning_links(sentence, ["result"], always(), embed, monkeypatch)
    first = len(embed.calls)
    meaning_links(sentence, ["result"], always(), embed, monkeypatch)
    # The second answer embeds only its own sentence: value texts and words are cached.
    assert embed.calls[first:] == [sentence]


def test_features_rank_the_nearest_value_first():
    embed = FakeEmbed()
    vv = value_meaning.value_vectors(COMPANY, embed)
    vector = embed(["Win together: share credit and put the team's goal ahead of your own."])[0]
    said = value_meaning.stance("I shared the credit.")
    rows = value_meaning.features(vector, vv, [False] * 4, said, use_vector=False)
    assert rows.shape == (4, len(value_meaning.SCALARS))
    top1 = rows[:, value_meaning.SCALARS.index("top1")]
    assert top1.tolist() == [0.0, 0.0, 0.0, 1.0]
    margin = rows[:, value_meaning.SCALARS.index("rank_margin")]
    assert margin[3] > 0 and (margin[:3] < 0).all()


def test_the_fitted_weights_load_and_fit_the_features():
    model = value_meaning.load_model()
    assert model is not None and 0 < model.threshold < 1
    width = len(value_meaning.SCALARS) + 384 * model.use_vector + 384 * model.use_product
    assert len(model.weights) == len(model.mean) == len(model.scale) == width


def test_every_bundled_company_value_has_prototypes():
    protos = value_meaning.prototypes()
    for company in load_bank().companies:
        for value in company.values:
            assert len(protos[company.id][value.name]) >= 3, value.name


def test_stance_tells_own_conduct_from_a_claim_another_person_and_a_negation():
    names = value_meaning.STANCE
    own = dict(zip(names, value_meaning.stance("I took ownership of the outage."), strict=True))
    other = dict(zip(names, value_meaning.stance("My manager took ownership of it."),
                     strict=True))
    claim = dict(zip(names, value_meaning.stance("I think I would be a very curious person."),
                     strict=True))
    negated = dict(zip(names, value_meaning.stance("i didnt take ownership"), strict=True))
    assert own["starts_i"] == 1 and own["past"] > 0 and own["negated"] == 0
    assert other["starts_i"] == 0 and other["about_i"] == 1  # "my" speaks of me, not as me
    assert claim["present"] > 0 and claim["modal"] > 0 and claim["past"] == 0
    assert negated["negated"] == 1


def test_exemplar_features_are_the_nearest_labelled_sentences_and_missing_when_none():
    a, b = np.eye(3)[:2]
    exemplars = ((np.stack([a]), np.stack([b])), (np.empty((0, 3)), np.empty((0, 3))))
    rows = value_meaning.exemplar_features(0.6 * a + 0.8 * b,
                                           value_meaning.stack_exemplars(exemplars))
    assert rows[0].tolist() == pytest.approx([0.6, 0.8, 0.6 - -1.0])
    assert np.isnan(rows[1]).all()  # nobody labelled the second value
    model = value_meaning.Model(np.zeros(2), np.ones(2), np.ones(2), 0.0, 0.5, False)
    assert model.probability(np.array([[np.nan, np.nan]]))[0] == pytest.approx(0.5)


def test_shipped_exemplars_cover_the_bundled_companies_and_any_embedding_reads_them():
    store = value_meaning.exemplar_store()
    assert store is not None and len(store.texts) == len(store.keys) == len(store.vectors)
    company = load_bank().company("amazon")
    embed = FakeEmbed()  # another space than the stored vectors: the texts are embedded
    exemplars = value_meaning.company_exemplars(company, embed)
    assert len(exemplars) == len(company.values)
    assert sum(len(pos) for pos, _ in exemplars) > 0 and sum(len(neg) for _, neg in exemplars)
    mine = [t for t, k in zip(store.texts, store.keys, strict=True) if k.startswith("amazon|")]
    assert set(mine) <= {t for call in embed.calls for t in call}
    own = value_meaning.company_exemplars(COMPANY, embed)  # a user's own company
    assert len(own) == len(COMPANY.values) and not any(len(p) + len(n) for p, n in own)
