"""Pure Python engines: the twinning selection and the meeting scheduler.

Nothing in this package imports Django: the web app calls the engines through
its domain layer, and the `twinning select` / `twinning schedule` commands call
them directly.
"""
