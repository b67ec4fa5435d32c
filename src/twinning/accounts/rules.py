import rules


@rules.predicate
def is_organiser(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_organiser or user.is_superuser))


@rules.predicate
def is_facilitator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_facilitator)


is_programme_staff = is_organiser | is_facilitator

rules.add_perm("accounts.view_orga_area", is_programme_staff)

# A person's data: organisers download or delete it for someone who asks by e-mail.
rules.add_perm("accounts.manage_personal_data", is_organiser)
# The audit trail: who did what, when.
rules.add_perm("accounts.view_audit_trail", is_organiser)
