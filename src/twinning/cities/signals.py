"""Signals of the cities app, for apps above it that act on a registration's steps."""

from django.dispatch import Signal

# Sent inside the transaction that submits a registration, with `registration`
# and `by` (the person submitting): the practices app submits the city's
# practices with it.
registration_submitted = Signal()
