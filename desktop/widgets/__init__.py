"""Widgets of the main window: each one shows one thing and knows nothing of devices."""
