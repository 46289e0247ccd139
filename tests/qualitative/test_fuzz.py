"""Schemathesis over the qualitative API as a researcher who edits the project, so generated
requests get past the 403s (the repository-wide fuzz test acts as a caseworker): no input,
valid or not, gets a 500, and documented responses match their schema."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.result import Err

from helhet.qualitative import coding, services
from helhet.tenancy.services import api_token_create
from tests.api.test_schemathesis import _cases_with, _fuzz, _in_process_requests, _summary

from .conftest import construct_code


def test_no_generated_qualitative_request_gets_a_500(project, researcher, settings):
    from helhet.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost"]
    _token, key = api_token_create(actor=researcher, name="fuzz")
    site = services.site_create(actor=researcher, project_id=project.pk, name="Norge")
    source = services.source_create(
        actor=researcher,
        project_id=project.pk,
        kind="interview",
        title="I",
        text="Tillit tar tid. Blåbær på øya, tillit igjen.",
        site_id=site.pk,
    )
    trust = construct_code(project, "trust")
    segment = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk], quote="Tillit tar tid"
    )
    memo = services.memo_create(actor=researcher, project_id=project.pk, text="Notat")
    known: dict[str, Any] = {
        "project_id": st.just(project.pk),
        "site_id": st.just(site.pk),
        "source_id": st.just(source.pk),
        "code_id": st.sampled_from(list(project.codes.values_list("pk", flat=True))),
        "segment_id": st.just(segment.pk),
        "memo_id": st.just(memo.pk),
        "user_id": st.just(researcher.user.pk),
    }
    headers = {"Authorization": f"Bearer {key}"}
    cases: dict[str, Counter[int]] = {}
    failures: dict[str, tuple[str, str]] = {}
    with _in_process_requests() as tracebacks:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        operations = []
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                pytest.fail(f"Schemathesis cannot read an operation: {result.err()}")
            operation = result.ok()
            if operation.path.startswith("/api/qualitative/"):
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
                    continue
                strategy = operation.as_strategy(generation_mode=mode, headers=headers)
                pins = [name for name in path_names if name in known]
                if pins and (has_payload or not negative):
                    pinned = st.fixed_dictionaries({name: known[name] for name in pins})
                    strategy = st.one_of(
                        strategy, pinned.flatmap(_cases_with(operation, mode, headers))
                    )
                _fuzz(strategy, label, headers, cases, failures, tracebacks)
    for label, statuses in cases.items():
        print(f"  {label}: {dict(sorted(statuses.items()))}")
    assert len(operations) >= 25, [op.label for op in operations]
    # Generation got through to the handlers, not only to 401, 403 and 404.
    assert cases["GET /api/qualitative/projects/{project_id}"][200]
    assert cases["GET /api/qualitative/sources/{source_id}"][200]
    assert not failures, "\n\n".join(
        f"== {label}\n{report}\n-- server traceback (last lines):\n{_summary(tb)}"
        for label, (report, tb) in failures.items()
    )
