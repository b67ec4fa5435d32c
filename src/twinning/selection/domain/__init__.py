"""Writes of the selection app: preferences, interests, selection runs and their confirmation."""
