"""Messages between cities: a person's conversations, one conversation, writing to a city."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cities.domain.queries import cities_of, city_or_404
from twinning.common.files import file_response
from twinning.conversations.domain import (
    hide_message,
    mark_read,
    record_moderation_reading,
    start_conversation,
    start_twinning_conversation,
    write_message,
)
from twinning.conversations.domain.queries import (
    attachment_or_404,
    cities_meet,
    conversation_between,
    conversation_or_404,
    conversations_of,
    message_or_404,
    messages_page,
    other_cities,
    twinning_conversation,
)
from twinning.conversations.forms import HideMessageForm, MessageForm
from twinning.programme.domain.queries import workspace_twinning_or_404


@login_required
def conversations(request):
    return render(
        request,
        "portal/conversations/list.html",
        {"conversations": list(conversations_of(request.user))},
    )


def _viewable(request, pk):
    conversation = conversation_or_404(pk)
    if not request.user.has_perm("conversations.view", conversation):
        raise PermissionDenied
    return conversation


@login_required
def conversation(request, pk):
    conversation = _viewable(request, pk)
    takes_part = request.user.has_perm("conversations.write", conversation)
    form = MessageForm()
    if request.method == "POST":
        if not takes_part:
            raise PermissionDenied
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                write_message(
                    conversation,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    upload=form.cleaned_data["attachment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your message is sent."))
                return redirect("portal:conversation", conversation.pk)
    try:
        before = int(request.GET.get("before", ""))
    except ValueError:
        before = None
    page, older = messages_page(conversation, before=before)
    if takes_part:
        mark_read(conversation, request.user)
    else:
        record_moderation_reading(conversation, by=request.user)
    return render(
        request,
        "portal/conversations/conversation.html",
        {
            "conversation": conversation,
            "others": other_cities(conversation, request.user),
            "page": page,
            "older": page[0].pk if older and page else None,
            "form": form,
            "takes_part": takes_part,
            "moderates": request.user.has_perm("conversations.hide_message"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def conversation_new(request, city_pk, other_pk):
    """Write to a city in the name of one's own; the conversation if there is one already."""
    city, other = city_or_404(city_pk), city_or_404(other_pk)
    if not request.user.has_perm("conversations.start_for_city", city):
        raise PermissionDenied
    if city.pk == other.pk:
        raise Http404
    if not cities_meet(city, other):
        # Cities write to those they meet in the programme, not to any city on the list.
        raise PermissionDenied
    existing = conversation_between([city, other])
    if existing is not None:
        return redirect("portal:conversation", existing.pk)
    return _first_message(
        request,
        lambda text, upload: start_conversation(
            city, [other], by=request.user, text=text, upload=upload
        ),
        {"city": city, "others": [other]},
    )


@login_required
def twinning_conversation_page(request, twinning_pk):
    """The conversation of a twinning's cities and facilitator; its first message."""
    twinning = workspace_twinning_or_404(twinning_pk)
    existing = twinning_conversation(twinning)
    if existing is not None:
        if not request.user.has_perm("conversations.view", existing):
            raise PermissionDenied
        return redirect("portal:conversation", existing.pk)
    if not request.user.has_perm("conversations.start_in_twinning", twinning):
        raise PermissionDenied
    return _first_message(
        request,
        lambda text, upload: start_twinning_conversation(
            twinning, by=request.user, text=text, upload=upload
        ),
        {"twinning": twinning, "others": _others_in(twinning, request.user)},
    )


def _first_message(request, start, context):
    """The form of a conversation's first message: `start(text, upload)` sends it."""
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = start(form.cleaned_data["text"], form.cleaned_data["attachment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("portal:conversation", message.conversation_id)
    return render(
        request,
        "portal/conversations/new.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


def _others_in(twinning, user) -> list:
    """The twinning's cities the person does not represent (all of them, for its facilitator)."""
    cities = [m.city for m in twinning.members.all()]
    own = {c.pk for c in cities_of(user)}
    return [c for c in cities if c.pk not in own] or cities


@login_required
def attachment(request, pk):
    attachment = attachment_or_404(pk)
    conversation = attachment.message.conversation
    if not request.user.has_perm("conversations.view", conversation):
        raise PermissionDenied
    if attachment.message.hidden_at and not request.user.has_perm("conversations.hide_message"):
        raise Http404
    return file_response(attachment.file, attachment.content_type)


@login_required
@require_POST
def message_hide(request, pk):
    message = message_or_404(pk)
    if not request.user.has_perm("conversations.hide_message", message.conversation):
        raise PermissionDenied
    form = HideMessageForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        hide_message(message, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is hidden."))
    return redirect("portal:conversation", message.conversation_id)
