from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.common.files import MAX_ATTACHMENT_SIZE
from twinning.conversations.domain import MAX_TEXT_LENGTH


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text; web addresses become links."),
    )
    attachment = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        help_text=_("PDF or image (PNG, JPEG, WebP, GIF), up to %(size)d MB.")
        % {"size": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
    )


class HideMessageForm(forms.Form):
    reason = forms.CharField(label=_("Why is it hidden?"), max_length=500, required=False)
