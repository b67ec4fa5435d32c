"""Demo answers to the interest survey and messages to the programme team."""

from twinning.outreach.models import ContactMessage, InterestExpression
from twinning.themes.models import Theme

INTEREST = [
    ("Heraklion", "GR", "mission_minded", "Eleni Papadaki", ["finance-funding", "energy-systems"]),
    ("Tartu", "EE", "mission", "Kadri Tamm", ["monitoring-data", "mobility-transport"]),
    ("Gdynia", "PL", "mission_minded", "Piotr Nowak", ["democracy-participation"]),
]

MESSAGES = [
    ("Jana Horváthová", "Visits with three representatives?", "Can our city send three people "
     "on the study visit if we pay for the third one ourselves?"),
]  # fmt: skip


def load_demo_outreach() -> None:
    """Create the demo survey answers and contact messages, once."""
    for city, country, kind, contact, themes in INTEREST:
        slug = contact.split()[0].lower()
        answer, created = InterestExpression.objects.get_or_create(
            city_name=city,
            country=country,
            defaults={
                "kind": kind,
                "contact_name": contact,
                "email": f"{slug}@example.org",
                "consent": True,
                "message": "We would like to learn how the programme works.",
            },
        )
        if created:
            answer.themes.set(Theme.objects.filter(code__in=themes))
    for name, subject, message in MESSAGES:
        ContactMessage.objects.get_or_create(
            subject=subject,
            defaults={
                "name": name,
                "email": "jana@example.org",
                "message": message,
                "sender_key": "demo",
            },
        )
