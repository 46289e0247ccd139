"""The demo's volunteering data (setting 6, four municipalities) through the analysis, as the
demo researcher sees it."""

from __future__ import annotations

import pytest

from helhet.demo.collaboration import actor_of
from helhet.demo.services import demo_load
from helhet.observatory import selectors
from helhet.observatory.selectors import Scope

pytestmark = pytest.mark.django_db


def test_the_demo_survey_analyses_like_the_paper():
    demo_load()
    researcher = actor_of("researcher")
    everywhere = selectors.coordination_survey_from_volunteering(actor=researcher, scope=Scope.ALL)
    here = selectors.coordination_survey_from_volunteering(actor=researcher)
    assert everywhere.units > here.units > 0
    assert everywhere.left_out > 0  # the demo has "unsure" and "varies" answers
    result = selectors.coordination_analysis(
        actor=researcher, survey=everywhere, replications=2000, seed=1
    )
    day_centre = result.statistic("share:day_centre:municipality")
    # Seed 004: day centres are coordinated by the care units (95 %); social activities
    # mostly by the voluntary organisations.
    assert day_centre.estimate is not None and day_centre.estimate > 0.8
    assert result.statistic("diff:social").estimate < 0  # type: ignore[operator]
    assert result.statistic("stat_vs_non:municipality").significant is True
