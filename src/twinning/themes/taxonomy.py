"""The theme vocabulary of the Climate City Contract: fields of action and systemic levers.

The programme's focus themes (financing, governance, citizen engagement,
data-driven planning) are levers.
"""

from django.utils.translation import gettext_lazy as _

from twinning.themes.enums import ThemeKind

# (code, kind, name, is a focus theme of the programme)
THEMES = [
    ("energy-systems", ThemeKind.FIELD_OF_ACTION, _("Energy systems"), False),
    ("mobility-transport", ThemeKind.FIELD_OF_ACTION, _("Mobility and transport"), False),
    ("built-environment", ThemeKind.FIELD_OF_ACTION, _("Built environment"), False),
    ("waste-circular-economy", ThemeKind.FIELD_OF_ACTION, _("Waste and circular economy"), False),
    (
        "green-infrastructure-nbs",
        ThemeKind.FIELD_OF_ACTION,
        _("Green infrastructure and nature-based solutions"),
        False,
    ),
    ("industry", ThemeKind.FIELD_OF_ACTION, _("Industry"), False),
    (
        "agriculture-land-use",
        ThemeKind.FIELD_OF_ACTION,
        _("Agriculture, forestry and other land use"),
        False,
    ),
    ("technology-infrastructure", ThemeKind.LEVER, _("Technology and infrastructure"), False),
    ("governance-policy", ThemeKind.LEVER, _("Governance and policy"), True),
    ("social-innovation", ThemeKind.LEVER, _("Social innovation"), False),
    ("democracy-participation", ThemeKind.LEVER, _("Democracy and citizen participation"), True),
    ("learning-capabilities", ThemeKind.LEVER, _("Learning and capabilities"), False),
    ("monitoring-data", ThemeKind.LEVER, _("Monitoring and data-driven planning"), True),
    ("finance-funding", ThemeKind.LEVER, _("Finance and funding"), True),
]
