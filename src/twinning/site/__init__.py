"""The site: settings, URLs, the WSGI entry point, the demo and the management commands.

It sits on top of every other package and nothing imports it.
"""
