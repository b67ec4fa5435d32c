"""Serializer fields of the API."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
class ZonedDateTimeField(serializers.Field):
    """A moment in ISO 8601 with the UTC offset of the object's own named time zone.

    `attribute` names the moment on the object, `zone` a callable giving the
    zone name for the object (default: its `time_zone`).
    """

    def __init__(self, attribute: str, *, zone=None, **kwargs):
        self.attribute = attribute
        self.zone_of = zone or (lambda obj: obj.time_zone)
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        value = obj
        for part in self.attribute.split("."):
            value = getattr(value, part, None) if value is not None else None
        if value is None:
            return None
        try:
            zone = zoneinfo.ZoneInfo(self.zone_of(obj) or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return timezone.localtime(value, zone).isoformat()
