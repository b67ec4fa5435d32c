"""Markdown written by cities, rendered to HTML that is safe to show."""

import markdown
import nh3
from django.utils.safestring import mark_safe

# Images are left out: they would load from other sites, which the CSP refuses anyway.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}  # fmt: skip


def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"])
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes={"a": {"href", "title"}, "abbr": {"title"}},
            url_schemes={"http", "https", "mailto"},
            link_rel="nofollow noopener noreferrer",
        )
    )
