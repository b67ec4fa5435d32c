"""Writes of the outreach app: webinar seats, interest answers, contact messages."""
