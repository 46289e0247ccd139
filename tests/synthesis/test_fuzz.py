"""Schemathesis over the synthesis API as one of the project's researchers, with the path
parameters pinned to real rows, so generated input reaches the services (the API-wide run
acts as a caseworker, who is stopped at the door). No input may get a 500."""

from __future__ import annotations

from collections import Counter
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.result import Err

from helhet.tenancy.services import api_token_create
from tests.api.test_schemathesis import _cases_with, _fuzz, _in_process_requests, _summary


def test_no_generated_synthesis_request_gets_a_500(syn, settings):
    from helhet.synthesis.services.matrix import cell_segments_link
    from helhet.synthesis.services.notes import note_add
    from helhet.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost"]
    s, c = syn, syn.c
    note = note_add(actor=s.researcher, synthesis_id=s.sid, kind="reciprocal", text="x")
    cell_segments_link(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.norway.pk,
        construct="trust",
        segment_ids=[c.no_trust.pk],
    )
    _token, key = api_token_create(actor=s.researcher, name="fuzz")
    headers = {"Authorization": f"Bearer {key}"}
    known: dict[str, Any] = {
        "synthesis_id": st.just(s.sid),
        "study_id": st.sampled_from([s.norway.pk, s.quebec.pk]),
        "segment_id": st.sampled_from([c.no_trust.pk, c.qc_trust.pk]),
        "note_id": st.just(note.pk),
    }
    cases: dict[str, Counter[int]] = {}
    failures: dict[str, tuple[str, str]] = {}
    with _in_process_requests() as tracebacks:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        operations = []
        for result in schema.get_all_operations():
            assert not isinstance(result, Err), result
            operation = result.ok()
            if operation.path.startswith("/api/synthesis"):
                operations.append(operation)
        operations.sort(key=lambda op: op.method.upper() == "DELETE")
        for operation in operations:
            label = operation.label
            cases[label] = Counter()
            path_names = {p.name for p in operation.path_parameters}
            has_payload = len(operation.query) > 0 or len(operation.body) > 0
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                negative = mode == GenerationMode.NEGATIVE
                if negative and not (has_payload or path_names):
                    continue  # nothing to make invalid
                strategy = operation.as_strategy(generation_mode=mode, headers=headers)
                pins = [name for name in path_names if name in known]
                # With real path parameters, only a body is left to make invalid.
                if pins and (has_payload or not negative):
                    pinned = st.fixed_dictionaries({name: known[name] for name in pins})
                    strategy = st.one_of(
                        strategy, pinned.flatmap(_cases_with(operation, mode, headers))
                    )
                _fuzz(strategy, label, headers, cases, failures, tracebacks)
    for label, statuses in cases.items():
        print(f"  {label}: {dict(sorted(statuses.items()))}")
    assert len(operations) >= 18, [op.label for op in operations]
    # The token and the pins worked: the reads answered 200 at least once.
    for label in (
        "GET /api/synthesis/projects/{synthesis_id}",
        "GET /api/synthesis/projects/{synthesis_id}/matrix/{study_id}/{construct_key}",
        "GET /api/synthesis/projects/{synthesis_id}/report.pdf",
    ):
        assert cases[label][200], (label, cases[label])
    assert not failures, "\n\n".join(
        f"== {label}\n{report}\n-- server traceback (last lines):\n{_summary(tb)}"
        for label, (report, tb) in failures.items()
    )
