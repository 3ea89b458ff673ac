"""The content of MicDrop: interview questions and company value profiles.

Stdlib only, so every other layer can depend on it without pulling anything in.
"""

from question_bank.loader import load_bank
from question_bank.model import KINDS, Bank, BankError, Company, Kind, Question, Value
from question_bank.vocabulary import COMPETENCIES, MAX_FOLLOW_UPS, ROLES

__all__ = [
    "COMPETENCIES",
    "KINDS",
    "MAX_FOLLOW_UPS",
    "ROLES",
    "Bank",
    "BankError",
    "Company",
    "Kind",
    "Question",
    "Value",
    "load_bank",
]
