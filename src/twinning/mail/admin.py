from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from twinning.common.admin_site import OrganiserModelAdmin
from twinning.mail.domain import resend_mail
from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(OrganiserModelAdmin):
    list_display = ["created", "subject", "recipients", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["subject", "to", "body"]
    date_hierarchy = "created"
    actions = ["resend"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields] + ["about"]

    @admin.display(description=_("recipients"))
    def recipients(self, mail):
        return ", ".join(mail.to)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected e-mails again"))
    def resend(self, request, queryset):
        done = 0
        for mail in queryset.exclude(status__in=[MailStatus.QUEUED, MailStatus.SENDING]):
            resend_mail(mail, by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", done)
            % {"count": done},
            messages.SUCCESS,
        )
