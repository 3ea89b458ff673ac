"""MicDrop package."""
