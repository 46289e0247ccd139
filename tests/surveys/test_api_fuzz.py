"""Schemathesis over the survey operations as a researcher who owns the data, so generated
requests get past the observatory check (the project-wide fuzz runs as a caseworker, who is
refused with a 403 before any input is read). No input may cause a 500."""

from __future__ import annotations

from collections import Counter
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.result import Err

from helhet.surveys import services
from helhet.tenancy.services import api_token_create
from tests.api.test_schemathesis import _cases_with, _fuzz, _in_process_requests, _summary


def test_survey_operations_never_fail_with_a_500(
    team, small_instrument, make_round, answered, settings
):
    from helhet.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost"]
    _token, key = api_token_create(actor=team.researcher, name="fuzz")
    round = make_round(small_instrument, mode="named")
    answered(round, [{"GOV1": 4, "TRU1": 2}, {"GOV1": 2}, {"GOV1": 5, "GOV2": 1}])
    invitation = round.invitations.first()
    editable = services.instrument_create_default(actor=team.researcher)
    known: dict[str, Any] = {
        "instrument_id": st.sampled_from([small_instrument.pk, editable.pk]),
        "item_id": st.sampled_from(list(editable.items.values_list("pk", flat=True)[:3])),
        "round_id": st.just(round.pk),
        "network_id": st.sampled_from([team.network.pk, team.other.pk]),
        "invitation_id": st.just(invitation.pk),
    }
    headers = {"Authorization": f"Bearer {key}"}
    cases: dict[str, Counter[int]] = {}
    failures: dict[str, tuple[str, str]] = {}
    with _in_process_requests() as tracebacks:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        operations = []
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                raise AssertionError(result.err())
            operation = result.ok()
            if operation.path.startswith("/api/surveys"):
                operations.append(operation)
        # Deleting statements last, so the other operations keep their pinned rows.
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
                # With real path parameters, only a query or a body is left to make invalid.
                if pins and (has_payload or not negative):
                    pinned = st.fixed_dictionaries({name: known[name] for name in pins})
                    strategy = st.one_of(
                        strategy, pinned.flatmap(_cases_with(operation, mode, headers))
                    )
                _fuzz(strategy, label, headers, cases, failures, tracebacks)
    for label, statuses in cases.items():
        print(f"  {label}: {dict(sorted(statuses.items()))}")
    assert len(operations) >= 18, [op.label for op in operations]
    # The token and the pinned rows worked: not everything bounced off 403 and 404.
    assert cases["GET /api/surveys/rounds/{round_id}/results"][200]
    assert cases["GET /api/surveys/instruments/{instrument_id}"][200]
    assert not failures, "\n\n".join(
        f"== {label}\n{report}\n-- server traceback (last lines):\n{_summary(tb)}"
        for label, (report, tb) in failures.items()
    )
