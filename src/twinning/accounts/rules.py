import rules


@rules.predicate
def is_organiser(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_organiser or user.is_superuser))


@rules.predicate
def is_facilitator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_facilitator)


is_programme_staff = is_organiser | is_facilitator

rules.add_perm("accounts.view_orga_area", is_programme_staff)
