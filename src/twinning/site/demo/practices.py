"""Demo practices and Mission-city ambitions, about the demo cities' real EU projects.

Texts are short, modest descriptions of the kind of solution each city tested
in its project; they are demo data, not the projects' official results. The
few figures are marked as illustrative. Most are written in English, a few in
their city's own language, as cities do.
"""

from __future__ import annotations

from django.utils.text import slugify

from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Ambition, City, PartnerProject, Registration
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.practices.enums import PracticeStage, PracticeState
from twinning.practices.models import Practice, PracticeResult
from twinning.themes.models import Theme

ILLUSTRATIVE = "Illustrative figure for the demo, not an official project result."

# (cohort, city, project, title, summary, description, fields, levers, stage, needs, results)
PRACTICES = [
    (5, "Évora", "POCITYF", "Positive energy blocks in a World Heritage centre",
     "Solar panels, storage and smart charging fitted to municipal buildings inside the "
     "walled historic centre, within the rules that protect its heritage.",
     "Évora's centre is a UNESCO World Heritage site, so every roof and façade counts. "
     "In **POCITYF** the city tested how far renewable energy can go without harming the "
     "heritage value:\n\n- photovoltaic panels placed where they cannot be seen from the "
     "streets,\n- batteries in municipal buildings,\n- charging points that follow the solar "
     "production.\n\nThe heritage office took part from the start, which made the permits "
     "possible.",
     ["energy-systems", "built-environment"], ["technology-infrastructure", "governance-policy"],
     PracticeStage.DEMONSTRATED,
     "A heritage office willing to co-design; an energy manager for municipal buildings; a "
     "grid operator open to local storage.",
     [("energy", 350, "MWh/year", ILLUSTRATIVE)]),
    (5, "Alkmaar", "POCITYF", "Shared batteries and vehicle-to-grid in a new neighbourhood",
     "A neighbourhood battery and bidirectional charging of shared electric cars balance the "
     "solar power of new homes.",
     "Alkmaar tested how a residential area can use more of its own solar power. Residents "
     "share electric cars that can give energy back to the grid, and a neighbourhood battery "
     "absorbs the midday peak.\n\nThe city learned that the contracts between residents, the "
     "car-sharing operator and the grid operator take longer than the technology.",
     ["energy-systems", "mobility-transport"], ["technology-infrastructure", "social-innovation"],
     PracticeStage.PILOTED,
     "Partners for car sharing and charging; an agreement with the grid operator on storage.",
     []),
    (5, "Bilbao", "ATELIER", "A positive energy district on Zorrotzaurre island",
     "A former industrial island is redeveloped as a district that produces more energy than "
     "it uses, with a local energy management system.",
     "In **ATELIER**, Bilbao plans and builds a positive energy district on the island of "
     "Zorrotzaurre: efficient buildings, local renewable production, a district heating "
     "network and an energy management system that trades energy between buildings.\n\n"
     "An *innovation board* brings residents, companies and the city together to decide "
     "on the next steps.",
     ["energy-systems", "built-environment"], ["technology-infrastructure", "monitoring-data"],
     PracticeStage.DEMONSTRATED,
     "A large redevelopment area; a public developer; data sharing between building owners.",
     []),
    (5, "Matosinhos", "ATELIER", "Citizen energy labs in a fellow city",
     "Workshops where residents, schools and local firms map their energy use and design "
     "small projects for their neighbourhood.",
     "As a fellow city of ATELIER, Matosinhos prepared its own positive energy district by "
     "first asking residents. Citizen energy labs met in schools and parish halls; their "
     "ideas fed the city's replication plan.\n\nThe labs also trained municipal staff in "
     "participatory methods.",
     ["energy-systems"], ["democracy-participation", "learning-capabilities"],
     PracticeStage.PILOTED,
     "Facilitators; venues in each neighbourhood; a commitment to act on the results.",
     []),
    (5, "Kladno", "SPARCS", "An energy community around the municipal heating plant",
     "Public buildings, a school and nearby homes share locally produced heat and power "
     "through a community run with the municipal utility.",
     "Kladno, a former steel town, used **SPARCS** to test a local energy community. The "
     "municipal utility manages the community; members share solar power and heat.\n\nThe "
     "main lesson: start with public buildings, whose consumption the city controls, and "
     "open the community to households later.",
     ["energy-systems"], ["governance-policy", "finance-funding"],
     PracticeStage.PILOTED,
     "A municipal utility or a trusted operator; national rules that allow energy sharing.",
     []),
    (5, "Kifissia", "SPARCS", "Energy retrofit of municipal buildings with live monitoring",
     "Insulation, heat pumps and sensors in municipal buildings, with a dashboard that shows "
     "the savings to staff and visitors.",
     "Kifissia retrofitted several municipal buildings and installed meters and sensors. A "
     "public dashboard shows consumption before and after the works.\n\nThe dashboard turned "
     "out to be a strong argument in the council for the next round of retrofits.",
     ["built-environment"], ["monitoring-data", "technology-infrastructure"],
     PracticeStage.DEMONSTRATED,
     "Baseline data for each building; a maintenance contract that includes the sensors.",
     []),
    (5, "Maia", "SPARCS", "Smart energy management of schools and sports halls",
     "An energy management platform switches heating, lighting and ventilation of public "
     "buildings to their actual use.",
     "Maia connected schools and sports halls to one energy management platform. Schedules "
     "follow the timetables; alarms tell the caretakers about waste.",
     ["built-environment", "energy-systems"], ["monitoring-data"],
     PracticeStage.SCALED,
     "Building automation that can be connected; caretakers trained to use the alarms.",
     []),
    (5, "Brașov", "RESPONSE", "A replication plan for positive energy blocks",
     "A step-by-step plan, with the lighthouse cities' advice, to turn blocks of flats and "
     "public buildings into positive energy blocks.",
     "As a fellow city of **RESPONSE**, Brașov studied the solutions of the lighthouse cities "
     "and wrote a replication plan: which blocks first, which technologies, which funding.\n\n"
     "The plan is now a reference for the city's applications to EU funds.",
     ["energy-systems", "built-environment"], ["governance-policy", "learning-capabilities"],
     PracticeStage.PILOTED,
     "A team that can spend time with the lighthouse cities; data on the building stock.",
     []),
    (5, "Oulu", "MAKING-CITY",
     "Kaukovainio: renovating 1970s housing into a positive energy district",
     "Deep renovation of apartment blocks, local solar and heat recovery in a district built "
     "in the 1970s.",
     "Oulu's Kaukovainio district was built in the 1970s. In **MAKING-CITY** the city and "
     "housing companies renovated blocks, added solar panels and recovered heat from "
     "ventilation.\n\nResidents were involved through housing-company meetings and a local "
     "information point.",
     ["built-environment", "energy-systems"], ["technology-infrastructure", "finance-funding"],
     PracticeStage.DEMONSTRATED,
     "Housing companies ready to invest; a district heating operator open to heat recovery.",
     [("emissions", 1200, "t CO2e/year", ILLUSTRATIVE)]),
    (5, "Limerick", "CityxChange", "Citizen innovation labs for a positive energy city",
     "Open labs where residents and businesses co-create energy projects for the city centre.",
     "Limerick ran citizen innovation labs in **+CityxChange**: open meetings, a "
     "*citizen observatory* and small grants for community projects.\n\nThe labs built trust "
     "before the technical works in the Georgian quarter started.",
     ["energy-systems"], ["democracy-participation", "social-innovation"],
     PracticeStage.SCALED,
     "A venue in the centre; facilitators; a small budget for community projects.",
     [("people", 2000, "people", ILLUSTRATIVE)]),
    (5, "Písek", "CityxChange", "An energy data platform for municipal buildings",
     "Consumption data from all municipal buildings in one place, used to plan retrofits.",
     "Písek collected the energy data of its buildings on one platform and used it to rank "
     "buildings for renovation.",
     ["built-environment"], ["monitoring-data"],
     PracticeStage.SCALED,
     "Smart meters or regular readings; someone in the city who owns the data.",
     []),
    (5, "Smolyan", "CityxChange", "Smart street lighting with an energy performance contract",
     "LED street lights with dimming, paid back by the savings through a performance contract.",
     "Smolyan replaced street lights with dimmable LEDs. The works were financed by an "
     "energy performance contract: the contractor is paid from the savings.",
     ["energy-systems"], ["finance-funding", "technology-infrastructure"],
     PracticeStage.MAINSTREAMED,
     "A legal framework for performance contracts; a survey of the existing lights.",
     []),
    (5, "Võru", "CityxChange", "Renovating Soviet-era blocks with residents' associations",
     "The city helps apartment associations prepare, fund and carry out deep renovations.",
     "Võru supports apartment associations through the renovation process: a one-stop shop "
     "answers questions, helps with national grants and brings associations together.",
     ["built-environment"], ["social-innovation", "finance-funding"],
     PracticeStage.SCALED,
     "A national renovation grant; a municipal advisor trusted by the associations.",
     []),
    (5, "Oostende", "MAtchUP", "Mobiliteitshubs aan zee",
     "Hubs die deelfietsen, elektrische deelauto's en het openbaar vervoer samenbrengen.",
     "Oostende opende mobiliteitshubs bij de stations en aan de zeedijk. Elke hub biedt "
     "deelfietsen en deelauto's naast de bus- en tramhaltes, met één app voor alles.",
     ["mobility-transport"], ["technology-infrastructure"],
     PracticeStage.DEMONSTRATED,
     "Deelaanbieders; openbare ruimte bij de haltes; een akkoord met de vervoermaatschappij.",
     []),
    (5, "Kerava", "MAtchUP", "Circular construction at the Kivisilta housing fair",
     "A new residential area built with reused materials and circular design principles.",
     "Kerava's Kivisilta area, shown at a national housing fair, tested circular "
     "construction: reused bricks and timber, buildings designed to be taken apart, and a "
     "material bank run with local firms.",
     ["waste-circular-economy", "built-environment"], ["learning-capabilities"],
     PracticeStage.DEMONSTRATED,
     "A material bank or a partner who stores reused materials; builders willing to test.",
     []),
    (5, "Antalya", "MAtchUP", "Smart traffic management and electric buses",
     "A traffic control centre and the first electric buses on the city's main lines.",
     "Antalya connected traffic lights to a control centre and introduced electric buses. "
     "Data from the centre is used to plan new bus priority lanes.",
     ["mobility-transport"], ["technology-infrastructure", "monitoring-data"],
     PracticeStage.SCALED,
     "A control centre; depots with charging; drivers trained for electric buses.",
     []),
    (5, "Pamplona", "STARDUST", "Retrofitting the Txantrea district with district heating",
     "Energy renovation of a 1950s-1970s neighbourhood and a district heating network fed by "
     "renewable heat.",
     "In **STARDUST**, Pamplona renovated blocks in the Txantrea neighbourhood and built a "
     "district heating network. A public company coordinated owners, designers and funding.",
     ["built-environment", "energy-systems"], ["finance-funding", "governance-policy"],
     PracticeStage.DEMONSTRATED,
     "A public company or agency that coordinates owners; a source of renewable heat.",
     []),
    (5, "Trento", "STARDUST", "Deep retrofit of the Madonna Bianca social housing towers",
     "Social housing towers renovated with new façades, heat pumps and solar panels, with "
     "tenants staying in their homes.",
     "Trento and the provincial housing company renovated towers in Madonna Bianca. New "
     "insulated façades were mounted from outside so that tenants could stay at home during "
     "the works.",
     ["built-environment"], ["finance-funding", "social-innovation"],
     PracticeStage.DEMONSTRATED,
     "A social housing owner; prefabricated façade elements; a plan to inform tenants.",
     []),
    (4, "Évora", "POCITYF",
     "Balcão de aconselhamento energético para os moradores do centro histórico",
     "Um balcão municipal que explica aos proprietários o que podem instalar em edifícios "
     "classificados.",
     "Antes das obras maiores, Évora abriu um balcão de aconselhamento que explica as regras "
     "do património para as melhorias energéticas e ajuda os proprietários a pedir as "
     "licenças.",
     ["built-environment"], ["governance-policy", "learning-capabilities"],
     PracticeStage.MAINSTREAMED,
     "Técnicos que conheçam tanto as regras do património como as tecnologias.",
     []),
    (4, "Trento", "STARDUST", "Una piattaforma urbana di dati per l'energia e la mobilità",
     "Dati aperti sui consumi energetici e sul traffico, condivisi con ricercatori e imprese.",
     "Trento ha raccolto i dati sull'energia e sulla mobilità in un'unica piattaforma urbana "
     "e li ha aperti alla ricerca e ai servizi.",
     ["mobility-transport", "energy-systems"], ["monitoring-data"],
     PracticeStage.SCALED,
     "Una politica di gestione dei dati; un'università partner.",
     []),
]  # fmt: skip

# (city, theme code, ambition, Climate City Contract action)
# The practices written in their city's own language; the others are in English.
WRITTEN_IN = {
    "Mobiliteitshubs aan zee": "nl",
    "Balcão de aconselhamento energético para os moradores do centro histórico": "pt",
    "Una piattaforma urbana di dati per l'energia e la mobilità": "it",
}

AMBITIONS = [
    ("Torino", "built-environment",
     "Renovate the city's public housing stock faster, with tenants on board.", "CCC action B.2"),
    ("Torino", "finance-funding",
     "Combine EU funds and private investment for district heating extensions.", ""),
    ("Košice", "energy-systems",
     "Move the district heating network away from fossil fuels.", "CCC action E.1"),
    ("Košice", "democracy-participation",
     "Involve residents' associations in energy planning.", ""),
    ("Pécs", "energy-systems", "Turn public buildings into small positive energy blocks.", ""),
    ("Pécs", "monitoring-data", "Measure the energy use of all municipal buildings.", ""),
    ("Sønderborg", "mobility-transport",
     "Make shared electric mobility normal in the suburbs.", ""),
    ("Kraków", "built-environment", "Help owners of old tenement houses insulate them.", ""),
    ("Den Haag", "governance-policy",
     "Organise neighbourhood approaches to leaving natural gas.", "CCC action 3.4"),
]  # fmt: skip

CITY_PROFILES = {
    "Évora": "A historic city in the Alentejo whose walled centre is a UNESCO World Heritage "
    "site, and a lighthouse city of POCITYF.",
    "Trento": "An Alpine city between mountains and the Adige valley, a lighthouse city of "
    "STARDUST.",
}


def load_demo_practices(cohort=None) -> int:
    """Create or update the demo practices and ambitions; returns how many practices.

    Given a cohort, its Mission-minded cities present their practices again in it, as a
    city registering for a new cohort does (each copy has the cohort's slug at the end).
    """
    themes = {theme.code: theme for theme in Theme.objects.all()}
    projects = {project.acronym: project for project in PartnerProject.objects.all()}
    cohorts = {c.number: c for c in Cohort.objects.all()}
    count = 0
    for row in PRACTICES:
        number, city_name, acronym, title, summary, description, fields, levers = row[:8]
        if cohort is not None and number != 5:
            continue
        number = cohort.number if cohort is not None else number
        suffix = f"-{cohort.slug}" if cohort is not None else ""
        stage, needs, results = row[8:]
        registration = (
            Registration.objects.filter(
                cohort=cohorts.get(number), city__name=city_name, kind=CityKind.MISSION_MINDED
            )
            .select_related("city")
            .first()
        )
        if registration is None:
            continue
        if city_name in CITY_PROFILES and not registration.city.summary:
            City.objects.filter(pk=registration.city_id).update(summary=CITY_PROFILES[city_name])
        practice, _created = Practice.objects.update_or_create(
            slug=slugify(title)[: 200 - len(suffix)] + suffix,
            defaults={
                "registration": registration,
                "title": title,
                "summary": summary,
                "description": description,
                "language": WRITTEN_IN.get(title, "en"),
                "partner_project": projects.get(acronym),
                "stage": stage,
                "replication_needs": needs,
                "links": "",
                "state": PracticeState.PUBLISHED,
                "published_at": registration.submitted_at or clock.now(),
            },
        )
        practice.fields_of_action.set([themes[code] for code in fields])
        practice.levers.set([themes[code] for code in levers])
        practice.results.all().delete()
        PracticeResult.objects.bulk_create(
            PracticeResult(practice=practice, kind=kind, value=value, unit=unit, note=note)
            for kind, value, unit, note in results
        )
        count += 1
    _load_ambitions(themes, cohort or cohorts.get(5))
    return count


def _load_ambitions(themes, cohort) -> None:
    if cohort is None:
        return
    for city_name, code, text, action in AMBITIONS:
        registration = Registration.objects.filter(
            cohort=cohort,
            city__name=city_name,
            kind=CityKind.MISSION,
            state=RegistrationState.ACCEPTED,
        ).first()
        if registration is None:
            continue
        Ambition.objects.update_or_create(
            registration=registration,
            theme=themes[code],
            defaults={"text": text, "contract_action": action},
        )
