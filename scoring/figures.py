"""The figures the feedback is built on (PRODUCT.md), in one place.

They are starting points from published interview guidance, not laws: keeping them named and
together means a coach can retune the app without hunting through the code.
"""

from __future__ import annotations

# Target length of an answer, seconds: (min, max).
BACKGROUND_BAND_S = (60, 90)
STORY_BAND_S = (90, 120)

# Speaking rate: words over the answer's time, first word to last (thinking time before and
# silence after excluded), words per minute. The articulation rate (over speech time only)
# runs 10-20% higher and is never held against these.
WPM_COMFORT = (120.0, 170.0)
WPM_TIP_BELOW = 100.0
WPM_TIP_ABOVE = 180.0

# Fillers per minute: up to FINE is fine, up to WATCH worth watching, above hurts.
FILLERS_FINE_PER_MIN = 5.0
FILLERS_WATCH_PER_MIN = 12.0
# A cluster: this many fillers within this many seconds (clusters matter more than a count).
FILLER_CLUSTER_COUNT = 3
FILLER_CLUSTER_WINDOW_S = 10.0

# Pauses: a silence of PAUSE_S is a pause, LONG_PAUSE_S inside an answer is a long pause.
PAUSE_S = 0.25
LONG_PAUSE_S = 2.5

# Setup (situation + task) taking more than this share of the answer is too much setup.
SETUP_MAX_SHARE = 0.40
# In a background answer, the history (Then) taking more than this share crowds out Why/Bridge.
THEN_MAX_SHARE = 0.50

# Sentence segmentation of unpunctuated speech: a gap this long between words ends a
# sentence, and no sentence runs longer than MAX_SENTENCE_WORDS.
SENTENCE_PAUSE_S = 0.7
MIN_SENTENCE_WORDS = 4
MAX_SENTENCE_WORDS = 35
# A long sentence is not cut when its end is at most this many words away.
MIN_TAIL_WORDS = 8
# Text with fewer sentence stops than one per this many words counts as unpunctuated, and then
# discourse markers ("so", "after that") split it too.
PUNCTUATED_WORDS_PER_STOP = 40

# Repeat: share of the question's words found in order in the opening that makes it verbatim.
VERBATIM_SHARE = 0.8

# I versus we: an action part with fewer than this share of "I" among I/we is "we"-heavy.
MIN_I_SHARE_IN_ACTION = 0.5
