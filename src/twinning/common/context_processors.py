from django.conf import settings


def programme(request):
    return {"PROGRAMME_CONTACT_EMAIL": settings.PROGRAMME_CONTACT_EMAIL}
