"""A story answer whose result and tie-back the recognizer misheard, shared by the fix tests."""

from __future__ import annotations

STORY = (
    "Sure, the piece of work I am proudest of is the billing checker I built last year. "
    "Our company sent a lot of invoices and many of them had errors, so "
    "customers were angry and the support team spent whole days on refunds. "
    "My task was to find the cause of the errors and fix it before the quarter closed, "
    "because finance could not close the books with so many disputed invoices. "
    "I started by pulling all the recent disputed invoices and grouping them by the kind of "
    "mistake, and I found that most of them came from contracts that had changed after the "
    "invoice was drafted. "
    "I wrote a validation job that compared every invoice against the latest contract before "
    "it was sent, and I added a report that showed the finance team each mismatch with the "
    "reason. "
    "I ran it in shadow mode for a while, tuned the rules with the finance lead, and then "
    "I rolled it out to every region. "
    "I also wrote a short guide so the support team could read the report and answer "
    "customers the same day. "
)
HEARD_RESULT = "In the end we cut the arrow by dirty percent and the customers were happier."
FIXED_RESULT = "In the end we cut the error by thirty percent and the customers were happier."
# The tie-back to Amazon's "Customer Obsession", as heard and as said.
HEARD_LINK = " That is what costumer abs session means to me."
FIXED_LINK = " That is what customer obsession means to me."
HEARD = STORY + HEARD_RESULT + HEARD_LINK
FIXED = STORY + FIXED_RESULT + FIXED_LINK
