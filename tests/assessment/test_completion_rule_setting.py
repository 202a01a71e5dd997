"""The event's post-test rule: chosen on the event form, stored by create/update_event."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import Region
from peduliham.training.forms_events import EventForm
from peduliham.training.models import Event, PostTestRule, Program
from peduliham.training.services.events import create_event, update_event
from tests.training.factories_events import two_days
from tests.training.helpers import make_program


def create(actor: User, program: Program, region: Region, **extra: str) -> Event:
    return create_event(
        actor,
        program=program,
        title="Angkatan 1",
        host_region=region,
        venue="Aula",
        capacity=40,
        days=two_days(),
        **extra,  # type: ignore[arg-type]
    )


def test_a_new_event_asks_nothing_of_the_post_test_unless_told(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)

    plain = create(admin_pemkot_jambi, program, kota_jambi)
    strict = create(admin_pemkot_jambi, program, kota_jambi, post_test_rule=PostTestRule.PASSED)

    assert plain.post_test_rule == PostTestRule.NONE
    assert strict.post_test_rule == PostTestRule.PASSED
    entry = AuditEntry.objects.get(
        action="peduliham.training.event.created", object_id=str(strict.pk)
    )
    assert entry.changes["post_test_rule"] == "passed"


def test_an_unknown_rule_is_refused(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    with pytest.raises(DomainError) as caught:
        create(admin_pemkot_jambi, make_program(admin_pusat), kota_jambi, post_test_rule="maybe")

    assert caught.value.code == "post_test_rule_invalid"
    assert not Event.objects.exists()


def test_update_changes_the_rule_and_keeps_it_when_not_given(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    event = create(admin_pemkot_jambi, make_program(admin_pusat), kota_jambi)

    def update(**rule: str) -> None:
        update_event(
            admin_pemkot_jambi,
            event=event,
            title="Angkatan 1",
            host_region=kota_jambi,
            venue="Aula",
            capacity=40,
            days=two_days(),
            **rule,  # type: ignore[arg-type]
        )

    update(post_test_rule="taken")
    event.refresh_from_db()
    assert event.post_test_rule == PostTestRule.TAKEN

    update()
    event.refresh_from_db()
    assert event.post_test_rule == PostTestRule.TAKEN


def form(data: dict[str, object]) -> EventForm:
    return EventForm(
        data,
        programs=Program.objects.all(),
        regions=Region.objects.filter(code="15.71"),
        co_hosts=Region.objects.none(),  # type: ignore[arg-type]
        editing=True,
    )


@pytest.mark.parametrize(("posted", "expected"), [("passed", "passed"), ("", "none")])
def test_the_event_form_passes_the_rule_on_and_reads_blank_as_none(
    kota_jambi: Region, posted: str, expected: str
) -> None:
    data = {
        "title": "Angkatan 1",
        "host_region": kota_jambi.pk,
        "venue": "Aula",
        "capacity": 40,
        "post_test_rule": posted,
    }

    bound = form(data)

    assert bound.is_valid(), bound.errors
    assert bound.service_arguments()["post_test_rule"] == expected


def test_the_event_form_refuses_an_unknown_rule(kota_jambi: Region) -> None:
    bound = form(
        {
            "title": "A",
            "host_region": kota_jambi.pk,
            "venue": "B",
            "capacity": 1,
            "post_test_rule": "maybe",
        }
    )

    assert not bound.is_valid()
    assert "post_test_rule" in bound.errors
