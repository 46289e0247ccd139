"""The demo loader (one test: the demo takes a while to load): after ``demo_load()``, the default instrument, a named round for the
Quebec-style network and two anonymous rounds for the OSK team, shaped after seed 000."""

from __future__ import annotations

import pytest

from helhet.demo.collaboration import actor_of
from helhet.demo.services import demo_load
from helhet.surveys import default_instrument, results
from helhet.surveys.models import AnonymousSubmission, Instrument, Invitation, Round, Submission
from helhet.surveys.scoring import Band


@pytest.fixture
def surveys(db):
    # demo_load runs load_survey_rounds among the other loaders.
    messages: list[str] = []
    demo_load(messages.append)
    return messages


def _bands(found: results.RoundResults) -> dict[str, Band | None]:
    return {c.construct: c.band for c in found.constructs}


def test_demo_rounds_show_the_profiles_of_seed_000(surveys):
    researcher = actor_of("researcher")
    instrument = Instrument.objects.get()
    assert (instrument.name, instrument.frozen) == (default_instrument.NAME, True)
    assert instrument.items.count() == 23
    rounds = {r.title: r for r in Round.objects.select_related("network")}
    spring = rounds["OSK-teamet, våren 2026"]
    autumn = rounds["OSK-teamet, høsten 2026"]
    young = rounds["Nettverk for unge familier, mai 2026"]
    assert (spring.mode, autumn.mode, young.mode) == ("anonymous", "anonymous", "named")
    assert spring.network == autumn.network and spring.network.name == "OSK-teamet Demovik"
    assert young.network.name == "Nettverk for unge familier"
    found = {
        title: results.round_results(actor=researcher, round_id=r.pk) for title, r in rounds.items()
    }
    assert all(f.withheld is None and f.state == "closed" for f in found.values())
    assert [found[t].respondents for t in (spring.title, autumn.title, young.title)] == [10, 11, 10]
    for osk in (spring.title, autumn.title):
        bands = _bands(found[osk])
        assert bands["trust"] == Band.BORDERLINE and bands["resources"] == Band.CONCERN, osk
    network_bands = _bands(found[young.title])
    assert network_bands["governance"] == Band.STRENGTH
    assert network_bands["leadership"] == Band.STRENGTH
    governance = {t: f.construct("governance").mean for t, f in found.items()}
    assert governance[young.title] > max(governance[spring.title], governance[autumn.title])
    # Each construct score has its interval around it.
    for f in found.values():
        for c in f.constructs:
            assert c.interval is not None and c.interval.low <= c.mean <= c.interval.high
    # The named round's owner sees who answered; demo staff and invited extra staff did.
    who = {r.who for r in found[young.title].named}
    assert len(who) == 10 and any("@demovik.example" in w for w in who)
    assert any("@" not in w for w in who)
    assert "  OSK-teamet, høsten 2026: 11 of 12 answered" in surveys

    # Over time the OSK team improves; between networks the latest rounds are compared.
    trend = results.network_trend(actor=researcher, network_id=spring.network_id)
    assert [r.round.title for r in trend.rounds] == [
        "OSK-teamet, våren 2026",
        "OSK-teamet, høsten 2026",
    ]
    (step,) = trend.steps
    change = {c.construct: c for c in step.changes}
    assert change["trust"].difference > 0.2 and change["leadership"].difference > 0.2
    assert all(c.interval is not None for c in step.changes)
    comparison = results.rounds_comparison(
        actor=researcher,
        round_ids=results.default_comparison_ids(results.comparable_rounds(actor=researcher)),
    )
    assert comparison.same_instrument
    assert {r.round.title for r in comparison.rounds} == {
        "OSK-teamet, høsten 2026",
        "Nettverk for unge familier, mai 2026",
    }

    # Anonymous rounds: as many untraceable submissions as invitations marked answered.
    for round in Round.objects.filter(mode="anonymous"):
        answered = Invitation.objects.filter(round=round, answered=True).count()
        assert AnonymousSubmission.objects.filter(round=round).count() == answered
        assert not Submission.objects.filter(round=round).exists()
    assert Submission.objects.filter(round__mode="named").count() == 10
