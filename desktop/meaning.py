"""The sentence model the analysis reads meaning with, when it is installed.

Every path that analyzes an answer (the window, `micdrop analyze`, `micdrop rehearse`,
recovered takes, a fixed transcript) takes its embedder from here, so they all give the
same feedback for the same words. Loading costs a few tenths of a second once per process;
the window starts it in the background at launch so the first Stop does not pay for it.
Without the model (not installed, or not the pinned file) the analysis uses its word-only
weights and says nothing: the feedback is still whole, only less sure on unusual wording.
"""

from __future__ import annotations

import threading

from audio.sentence_model import load_sentence_model
from scoring.analyze import Embed


def sentence_embed() -> Embed | None:
    """The embedder for `scoring.analyze(embed=...)`, or None without the model."""
    try:
        model = load_sentence_model()
    except Exception:  # a broken runtime must never cost the user their feedback
        return None
    return model.embed if model is not None else None


def warm_up() -> threading.Thread:
    """Load the model off the GUI thread now, so the first analysis finds it ready."""
    thread = threading.Thread(target=sentence_embed, name="sentence-model", daemon=True)
    thread.start()
    return thread
