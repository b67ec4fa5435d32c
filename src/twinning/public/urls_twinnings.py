from django.urls import path

from twinning.public import twinnings

urlpatterns = [
    path("twinnings/", twinnings.twinning_list, name="twinnings"),
]
