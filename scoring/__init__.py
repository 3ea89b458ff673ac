"""Pure analysis of a timed answer: transcript in, `Analysis` out. No devices, no windows."""

from scoring.analysis import Analysis
from scoring.analyze import analyze
from scoring.transcript import Transcript, Word

__all__ = ["Analysis", "Transcript", "Word", "analyze"]
