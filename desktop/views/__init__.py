"""Whole screens of the window (history, comparison, progress), each in its own module."""
