from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.simple_tag
def audit_history_url(obj) -> str:
    """The organisers' page with every audit entry about `obj`."""
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("orga:audit_object", args=[content_type.pk, obj.pk])
