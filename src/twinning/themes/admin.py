from django.contrib import admin

from twinning.common.admin_site import OrganiserModelAdmin
from twinning.themes.models import Theme


@admin.register(Theme)
class ThemeAdmin(OrganiserModelAdmin):
    list_display = ["name", "kind", "is_focus", "position"]
    list_filter = ["kind", "is_focus"]
    search_fields = ["name", "code"]
