from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from twinning.accounts.domain.retention import retention_days

register = template.Library()


@register.simple_tag
def audit_history_url(obj) -> str:
    """The organisers' page with every audit entry about `obj`."""
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("orga:audit_object", args=[content_type.pk, obj.pk])


@register.simple_tag
def retention_periods() -> dict:
    """The retention periods in days, as the settings set them."""

    withdrawn_city, webinar_registration = retention_days()
    return {"withdrawn_city": withdrawn_city, "webinar_registration": webinar_registration}
