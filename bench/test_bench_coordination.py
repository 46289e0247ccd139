"""How long the coordination analysis takes on a survey the size of seed 004.

244 care units (128 nursing homes, 94 home care, 11 integrated, 11 other), each answering for
the activities it runs; 36 statistics, 10,000 bootstrap replications, BCa. Run with
`make bench`. Prints the figures; asserts the whole analysis stays under one second.
"""

from __future__ import annotations

import statistics
import time

from tests.observatory.synthetic import seed004_csv

from helhet.observatory.coordination import analyse
from helhet.observatory.survey_file import parse_survey_csv

RUNS = 7


def test_coordination_analysis_of_a_seed_004_survey_under_one_second():
    data = seed004_csv(all_answer=True).encode()
    parse_survey_csv(data)  # warm up imports and caches once
    totals, parses = [], []
    for seed in range(RUNS):
        start = time.perf_counter()
        survey = parse_survey_csv(data)
        parsed = time.perf_counter()
        result = analyse(survey, replications=10_000, seed=seed)
        done = time.perf_counter()
        parses.append(parsed - start)
        totals.append(done - start)
    assert survey.units == 244 and len(result.statistics) == 36
    print(
        f"\ncoordination analysis, {survey.units} units, {survey.answers} answers, "
        f"10,000 replications, 36 statistics, BCa: median {statistics.median(totals) * 1000:.0f} "
        f"ms, slowest {max(totals) * 1000:.0f} ms of {RUNS} (reading the file "
        f"{statistics.median(parses) * 1000:.1f} ms)"
    )
    assert max(totals) < 1.0
