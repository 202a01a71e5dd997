"""Results and item analysis selectors: figures from the stored answers, scoped per role."""

import statistics

import pytest
from django.http import Http404

from peduliham.accounts.models import User
from peduliham.assessment.analysis import ItemFlag
from peduliham.assessment.selectors.results import (
    event_results,
    item_analysis,
    my_results,
    results_event_for,
)
from peduliham.regions.models import OrgUnit, Region
from tests.assessment.factories_results import Scenario, scenario


@pytest.fixture
def story(
    admin_pusat: User, kota_jambi: Region, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> Scenario:
    return scenario(admin_pusat, kota_jambi, dinkes_jambi, disdik_jambi)


def test_results_per_person_pair_the_two_scores_and_give_the_gain(
    story: Scenario, admin_pemkot_jambi: User
) -> None:
    results = event_results(admin_pemkot_jambi, story.event)

    rows = {p.name: (p.pre, p.post, p.gain, p.passed) for p in results.people}
    assert rows["Ani"][:2] == (25.0, 75.0)
    assert rows["Ani"][2] == pytest.approx(2 / 3)
    assert rows["Ani"][3] is False
    assert rows["Badu"] == (50.0, 100.0, 1.0, True)
    assert rows["Citra"] == (100.0, 75.0, None, False)
    assert rows["Dedi"] == (0.0, None, None, None)


def test_the_event_summary_uses_only_the_paired_participants(
    story: Scenario, admin_pemkot_jambi: User
) -> None:
    summary = event_results(admin_pemkot_jambi, story.event).summary

    assert (summary.participants, summary.paired) == (4, 3)
    assert summary.mean_pre == pytest.approx(175 / 3)
    assert summary.mean_post == pytest.approx(250 / 3)
    assert summary.class_gain == pytest.approx((250 / 3 - 175 / 3) / (100 - 175 / 3))
    assert summary.mean_gain == pytest.approx((2 / 3 + 1) / 2)
    assert (summary.passed, summary.post_takers) == (1, 3)


def test_results_per_opd(story: Scenario, admin_pemkot_jambi: User) -> None:
    opds = {o.name: o.summary for o in event_results(admin_pemkot_jambi, story.event).opds}

    assert opds["Dinas Kesehatan"].class_gain == pytest.approx((87.5 - 37.5) / (100 - 37.5))
    assert opds["Dinas Kesehatan"].pass_share == 0.5
    assert opds["Dinas Pendidikan"].participants == 2
    assert opds["Dinas Pendidikan"].class_gain is None  # its only pair started at 100


def test_an_opd_admin_sees_only_their_opd(story: Scenario, admin_dinkes_jambi: User) -> None:
    results = event_results(admin_dinkes_jambi, story.event)

    assert sorted(p.name for p in results.people) == ["Ani", "Badu"]
    assert [o.name for o in results.opds] == ["Dinas Kesehatan"]


@pytest.mark.parametrize("persona", ["operator_kanwil_riau", "admin_pemkot_pekanbaru"])
def test_staff_of_another_region_do_not_find_the_event(
    story: Scenario, persona: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(Http404):
        results_event_for(request.getfixturevalue(persona), story.event.pk)


def test_a_participant_cannot_open_the_staff_results(story: Scenario, peserta_budi: User) -> None:
    story.a.asn.user = peserta_budi
    story.a.asn.save()

    with pytest.raises(Http404):
        results_event_for(peserta_budi, story.event.pk)


def test_item_analysis_matches_an_independent_computation_on_the_answers(
    story: Scenario, admin_pemkot_jambi: User
) -> None:
    pre, post = item_analysis(admin_pemkot_jambi, story.event)

    # Pre-test marks per person (rows A, B, C, D; columns = questions 1-4).
    marks = [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0]]
    for index, item in enumerate(pre.items):
        vector = [row[index] for row in marks]
        rest = [sum(row) - row[index] for row in marks]
        assert item.stats.difficulty == sum(vector) / 4
        assert item.stats.discrimination == pytest.approx(statistics.correlation(vector, rest))
    assert pre.attempts == 4
    assert post.attempts == 3


def test_item_analysis_counts_options_and_says_why_an_item_is_weak(
    story: Scenario, admin_pemkot_jambi: User
) -> None:
    post = item_analysis(admin_pemkot_jambi, story.event)[1]

    first = post.items[0]  # everyone right, nobody chose B, C or D
    assert [(o.letter, o.count, o.is_correct) for o in first.options] == [
        ("A", 3, True),
        ("B", 0, False),
        ("C", 0, False),
        ("D", 0, False),
    ]
    assert first.stats.flags == (
        ItemFlag.TOO_EASY,
        ItemFlag.LOW_DISCRIMINATION,
        ItemFlag.UNUSED_OPTION,
    )
    assert first.reasons == (
        "Terlalu mudah: 100% peserta menjawab benar (batas 90%).",
        "Daya beda tidak dapat dihitung: jawaban atau skor peserta seragam.",
        "Pilihan yang tidak dipilih siapa pun: B, C, D.",
    )
    assert first in post.weak


def test_a_participant_sees_their_own_scores_only(story: Scenario, peserta_budi: User) -> None:
    story.b.asn.user = peserta_budi
    story.b.asn.save()

    (mine,) = my_results(peserta_budi)

    assert (mine.pre, mine.post, mine.gain, mine.passed, mine.pass_mark) == (
        50.0,
        100.0,
        1.0,
        True,
        80,
    )
    assert mine.survey_open  # the event is finished and no survey yet
