import pytest
from django.utils.text import slugify

from tests.factories.plans import PlanActionFactory, plan_of, planning_twinning
from twinning.plans.documents import file_name, plan_html, plan_pdf, print_document
from twinning.plans.domain import save_section
from twinning.plans.enums import SectionKind

pytestmark = pytest.mark.django_db


def _written_plan():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    context = plan.sections.get(kind=SectionKind.CONTEXT)
    save_section(context, "Solar roofs in **the old town**.\n\n<script>x()</script>",
                 base_version=0, by=marta)  # fmt: skip
    funding = plan.sections.get(kind=SectionKind.FUNDING)
    save_section(funding, "EIB loan.", base_version=0, by=marta,
                 links="https://example.org/investment-plan")  # fmt: skip
    PlanActionFactory(plan=plan, title="Solar roofs on schools")
    return plan


def test_plan_html_has_a_title_page_the_sections_and_safe_markdown():
    plan = _written_plan()

    html = plan_html(plan)

    assert "<h1>Replication Plan</h1>" in html
    assert "<strong>the old town</strong>" in html
    assert "<script>" not in html
    assert "<td>Solar roofs on schools</td>" in html
    assert "<li>https://example.org/investment-plan</li>" in html
    assert html.count('<section class="plan-section"') == 6


def test_plan_pdf_has_a_title_page_contents_and_one_page_per_section():
    plan = _written_plan()

    document = print_document(plan)
    pdf = plan_pdf(plan)

    assert len(document.pages) == 8
    assert pdf[:5] == b"%PDF-"
    assert pdf.rstrip().endswith(b"%%EOF")


def test_file_name_names_the_plan_and_its_cities():
    plan = _written_plan()
    cities = [slugify(m.city.name) for m in plan.twinning.members.all()]

    assert file_name(plan, "pdf") == f"replication-plan-{'-'.join(cities)}.pdf"
