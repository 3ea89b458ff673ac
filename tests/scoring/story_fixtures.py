"""A realistic vault of four stories and answers that tell them, shared by the story tests."""

from __future__ import annotations

from scoring.stories import Story

CHURN = Story(
    1, "Churn model that shipped with a leaky feature", "failure",
    situation="Subscription analytics team at a streaming company; churn model to target "
              "retention offers.",
    task="I owned the churn model end to end and had to ship before the Q3 retention campaign.",
    action="I skipped a proper time-based split to hit the date. A feature built from "
           "cancellation tickets leaked the label. When offline AUC of 0.93 collapsed in "
           "production I rolled the model back, wrote the postmortem and added a leakage "
           "check to our feature pipeline.",
    result="Campaign delayed two weeks; retrained model reached AUC 0.78 and cut churn 4% in "
           "the treated group. Leakage check now runs on every feature, caught 3 leaks since.",
    competencies=("failure", "ownership", "learning"),
    values=("We are students",),
)
PRICING = Story(
    2, "Dynamic delivery fee experiment", "success",
    situation="Marketplace pricing: flat delivery fees lost money on long suburban trips.",
    task="Design and prove a distance-based fee without hurting order volume.",
    action="I built a demand elasticity model from historical orders, designed a geo-split "
           "A/B test across 12 cities, and set guardrail metrics on conversion and "
           "cancellations. I took ownership of the rollout plan.",
    result="Gross margin per order up 6.5%, order volume flat within 0.3%, rolled out to all "
           "cities, about $4M a year.",
    competencies=("ownership", "customer_impact", "data_quality"),
    values=("We are leaders", "We are makers"),
)
MIGRATION = Story(
    3, "Warehouse migration with the finance team", "teamwork_leadership",
    situation="Legacy on-prem warehouse; finance and marketing reports disagreed every month.",
    task="Lead the migration of 140 dashboards to the new warehouse with two analysts.",
    action="I mentored the two junior analysts. I partnered with finance in weekly syncs, "
           "and resolved the disagreement over revenue definitions by writing one shared "
           "metric layer we agreed on together.",
    result="All 140 dashboards migrated in 10 weeks, month-end close 3 days faster, one "
           "revenue number.",
    competencies=("leadership", "teamwork", "conflict"),
    values=("We are one team",),
)
FRAUD = Story(
    4, "Fraud rules triage under a deadline", "other",
    situation="Payments risk; chargebacks spiked before Black Friday.",
    task="Cut false declines before the holiday peak.",
    action="I profiled declined transactions, found two rules blocking gift card buyers, and "
           "proposed thresholds to the risk lead.",
    result="False declines down 18%, chargebacks unchanged.",
    competencies=("deadline", "prioritization"),
)
VAULT = (CHURN, PRICING, MIGRATION, FRAUD)

# How a candidate tells the churn story out loud: different words from the notes, filler.
CHURN_ANSWER = (
    "So you're asking about a time I failed. Um, at my last job I was on the subscription "
    "analytics team and I owned a churn model we used to decide who gets a retention offer. "
    "We had a hard date, the Q3 campaign, and honestly I cut a corner: I didn't do a time based "
    "split. One of the features came from cancellation tickets, so it basically leaked the "
    "answer. Offline it looked amazing, like point nine three AUC, and then in production it "
    "just collapsed. I rolled it back, I wrote the postmortem myself, and I added an automatic "
    "leakage check to the feature pipeline. We retrained, got to about point seven eight, "
    "churn went down four percent for the treated group, and that check has caught three "
    "leaks since. What I learned is to never trade validation for a date."
)
PRICING_ANSWER = (
    "The one I'm proudest of is our delivery fee work. Flat fees were losing money on long "
    "trips out to the suburbs, so I built an elasticity model on past orders and we ran a geo "
    "split experiment in twelve cities with guardrails on conversion. Margin per order went "
    "up six and a half percent and volume stayed flat, so we rolled it out everywhere."
)
UNRELATED_ANSWER = (
    "Sure, I grew up in Lisbon and studied physics, then I moved into software because I "
    "loved building tools for musicians. I play the cello in an amateur orchestra on weekends "
    "and I think rehearsing music taught me patience and how to practise deliberately."
)
# Another failure, in the same ML words as the churn story but not in the vault.
OTHER_FAILURE_ANSWER = (
    "so a time i failed was when i shipped a recommendation model for the home feed and i did "
    "not check the logging, the click data was duplicated so the model looked better offline "
    "than it was, we rolled it back after a week and i added data validation, i learned to "
    "check the pipeline first"
)
# The churn story told at full length, with a repeat, a reflection and a link back.
LONG_CHURN_ANSWER = (
    "Just to be clear, you are asking about a time when something I owned went wrong and what "
    "I took from it. " + CHURN_ANSWER + " Looking back, I would also have talked to the "
    "customer success folks earlier, because they knew which customers were about to cancel "
    "and that context would have made the problem obvious. For DoorDash, I think that is what "
    "being a student means to me: I owned the mistake, I learned from it in public, and the "
    "whole analytics group now benefits from the automated check."
)
