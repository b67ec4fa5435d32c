from django.core.paginator import Paginator
from django.shortcuts import render

from twinning.common.permissions import requires
from twinning.conversations.domain.queries import all_conversations


@requires("conversations.moderate")
def conversation_list(request):
    """Every conversation between cities, for moderation: opening one is recorded."""
    page = Paginator(all_conversations(), 50).get_page(request.GET.get("page"))
    return render(request, "orga/conversations.html", {"page": page})
