"""Who may do what with a city and its registrations."""

import rules

from twinning.accounts.rules import is_organiser
from twinning.cities.enums import MembershipRole, RegistrationState


def _city(obj):
    return getattr(obj, "city", obj)


@rules.predicate
def is_city_member(user, obj) -> bool:
    """The person represents the city (or the registration's city)."""
    if obj is None or not user.is_authenticated:
        return False
    return _city(obj).memberships.filter(user=user).exists()


@rules.predicate
def is_city_coordinator(user, obj) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    return _city(obj).memberships.filter(user=user, role=MembershipRole.COORDINATOR).exists()


@rules.predicate
def is_editable_registration(user, registration) -> bool:
    return registration is not None and registration.state in (
        RegistrationState.DRAFT,
        RegistrationState.RETURNED,
    )


@rules.predicate
def is_withdrawable_registration(user, registration) -> bool:
    return registration is not None and registration.state not in (
        RegistrationState.REJECTED,
        RegistrationState.WITHDRAWN,
    )


@rules.predicate
def is_accepted_registration(user, registration) -> bool:
    return registration is not None and registration.state == RegistrationState.ACCEPTED


can_view_registration = is_city_member | is_organiser
# An accepted city may still present more practices, which are reviewed one by one.
can_add_practice = is_city_member & (is_editable_registration | is_accepted_registration)
can_edit_registration = is_city_member & is_editable_registration
can_withdraw_registration = is_city_coordinator & is_withdrawable_registration
can_review_registration = is_organiser

rules.add_perm("cities.view_registration", can_view_registration)
rules.add_perm("cities.edit_registration", can_edit_registration)
# The domain says why a submission is refused (e.g. already submitted: a double click).
rules.add_perm("cities.submit_registration", is_city_member)
rules.add_perm("cities.withdraw_registration", can_withdraw_registration)
rules.add_perm("cities.review_registration", can_review_registration)
rules.add_perm("cities.add_practice", can_add_practice)
rules.add_perm("cities.invite", is_organiser)
