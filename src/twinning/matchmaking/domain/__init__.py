"""Matchmaking Days: the writes. Reads are in `queries`."""
