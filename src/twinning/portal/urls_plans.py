"""The joint plan of a twinning, for its cities, its facilitator and the programme team."""

from django.urls import path

from twinning.portal import plans

urlpatterns = [
    path("twinnings/<int:pk>/plan/", plans.plan_detail, name="plan"),
    path("twinnings/<int:pk>/plan/submit/", plans.plan_submit, name="plan_submit"),
    path("twinnings/<int:pk>/plan.<str:fmt>", plans.plan_download, name="plan_download"),
    path("twinnings/<int:pk>/plan/practices/", plans.practices_choose, name="plan_practices"),
    path("twinnings/<int:pk>/plan/actions/new/", plans.action_form, name="plan_action_add"),
    path(
        "twinnings/<int:pk>/plan/actions/<int:action_pk>/",
        plans.action_form,
        name="plan_action_edit",
    ),
    path(
        "twinnings/<int:pk>/plan/actions/<int:action_pk>/delete/",
        plans.action_delete,
        name="plan_action_delete",
    ),
    path("twinnings/<int:pk>/plan/<slug:kind>/edit/", plans.section_edit, name="plan_section_edit"),
    path(
        "twinnings/<int:pk>/plan/<slug:kind>/versions/",
        plans.section_history,
        name="plan_history",
    ),
    path(
        "twinnings/<int:pk>/plan/<slug:kind>/versions/<int:number>/restore/",
        plans.version_restore,
        name="plan_restore",
    ),
    path("twinnings/<int:pk>/plan/<slug:kind>/comments/", plans.comment_add, name="plan_comment"),
    path(
        "twinnings/<int:pk>/plan/<slug:kind>/comments/<int:comment_pk>/resolve/",
        plans.comment_resolve,
        name="plan_comment_resolve",
    ),
]
