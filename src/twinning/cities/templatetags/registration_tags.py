from django import template

from twinning.cities.models import Registration

register = template.Library()


@register.simple_tag
def registrations_of(user):
    """The registrations of the cities a person represents, newest cohort first."""
    if not user.is_authenticated:
        return []
    return list(
        Registration.objects.filter(city__memberships__user=user)
        .select_related("city", "cohort")
        .order_by("-cohort__number", "city__name")
    )
