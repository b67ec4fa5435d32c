"""The platform's date and time formats, per language (FORMAT_MODULE_PATH).

Django's own formats decide, except where they do not suit a European
programme: English reads dates day first, on a 24-hour clock. Each language
also names the project's few extra formats (`twinning.common.dates`), such as
an event's weekday, date and time; what a language leaves out falls back to
Django's formats for it.
"""
