"""Pages added to this audience's address space."""

from django.urls import path

from twinning.portal import account

urlpatterns = [
    path("account/", account.account, name="account"),
    path("account/consents/", account.account_consent, name="account_consent"),
    path("account/notifications/", account.account_notifications, name="account_notifications"),
    path("account/data.json", account.account_export, name="account_export"),
    path("account/delete/", account.account_delete, name="account_delete"),
]
