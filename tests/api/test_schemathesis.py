"""Schemathesis over the whole REST API: no input, valid or not, gets a 500.

One test builds a small dataset, loads the OpenAPI schema from the WSGI application and, for
every operation, sends generated requests (positive and negative data) with a bearer token.
Each response must not be a server error and, when its status is documented, must match the
documented response schema. Failures are collected across all operations and reported
together, each with a curl command that reproduces it and the server's traceback.
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.core.result import Err
from schemathesis.errors import FailureGroup

from helhet.people.services import family_create
from helhet.tenancy.models import Role
from helhet.tenancy.services import api_token_create

# Per operation and generation mode; raise HELHET_FUZZ_EXAMPLES for a deeper run.
MAX_EXAMPLES = int(os.environ.get("HELHET_FUZZ_EXAMPLES", "20"))
CHECKS = [not_a_server_error, response_schema_conformance]


@contextlib.contextmanager
def _in_process_requests() -> Iterator[list[str]]:
    """Serve requests in-process the way ``django.test.Client`` does.

    The WSGI handler closes "old" connections when a request starts and finishes; inside the
    test's transaction that would drop the connection and the data with it. Server exceptions
    are recorded (as formatted tracebacks) so a 500 can be reported with its cause.
    """
    tracebacks: list[str] = []

    def record(sender: object, **kwargs: Any) -> None:
        tracebacks.append(traceback.format_exc())

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.got_request_exception.connect(record)
    try:
        yield tracebacks
    finally:
        signals.got_request_exception.disconnect(record)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _summary(tb: str, lines: int = 6) -> str:
    return "\n".join(tb.strip().splitlines()[-lines:])


def _cases_with(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> Any:
    """Cases of the operation with the given path parameters, the rest generated."""

    def strategy(path_parameters: dict[str, Any]) -> Any:
        return operation.as_strategy(
            generation_mode=mode, headers=headers, path_parameters=path_parameters
        )

    return strategy


def _fuzz(
    strategy: Any,
    label: str,
    headers: dict[str, str],
    cases: dict[str, Counter[int]],
    failures: dict[str, tuple[str, str]],
    tracebacks: list[str],
) -> None:
    """Send the strategy's cases, keeping the shortest failure report for the operation."""

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        tracebacks.clear()
        response = case.call(headers=headers)
        cases[label][response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            report = str(group).strip()
            previous = failures.get(label)
            if previous is None or len(report) < len(previous[0]):
                failures[label] = (report, tracebacks[-1] if tracebacks else "")

    run()


def test_no_generated_request_gets_a_500(
    make_actor, make_person, involve, consent, guardian_of, orgs, settings
):
    from helhet.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost"]  # the Host header schemathesis' WSGI client sends

    # A NAV caseworker with a token, persons NAV and child welfare work with, and a consent
    # given by a guardian.
    actor = make_actor("nav", Role.CASEWORKER)
    _token, key = api_token_create(actor=actor, name="schemathesis")
    adult = make_person("Kari", "Nordmann", birth=date(1985, 3, 14))
    child = make_person("Ola", "Nordmann", birth=date(2014, 8, 2))
    hidden = make_person("Skjult", "Person", birth=date(1990, 1, 1))
    nav_adult = involve("nav", adult)
    involve("nav", child)
    involve("cws", child)
    involve("cws", hidden)
    guardian_of(child, adult)
    given_consent = consent(child, ["nav", "cws"], ["child_welfare", "economy"], given_by=adult)
    family = family_create(actor=actor, name="Familien Nordmann", members=[(adult.pk, "parent")])

    # Path parameters pinned to real rows, so generated requests also get past the 404s.
    known: dict[str, Any] = {
        "person_id": st.sampled_from([adult.pk, child.pk, hidden.pk]),
        "organisation_id": st.sampled_from([orgs["nav"].pk, orgs["cws"].pk]),
        "family_id": st.just(family.pk),
        "consent_id": st.just(given_consent.pk),
        "involvement_id": st.just(nav_adult.pk),
        "category": st.sampled_from(["child_welfare", "economy", "health"]),
    }
    headers = {"Authorization": f"Bearer {key}"}

    cases: dict[str, Counter[int]] = {}  # operation -> response statuses
    failures: dict[str, tuple[str, str]] = {}  # operation -> (curl and checks, traceback)
    started = time.monotonic()
    with _in_process_requests() as tracebacks:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        operations = []
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                pytest.fail(f"Schemathesis cannot read an operation: {result.err()}")
            operations.append(result.ok())
        # Deleting a token may delete ours: run it last so it cannot lock the other operations out.
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
    elapsed = time.monotonic() - started

    total = sum(sum(statuses.values()) for statuses in cases.values())
    print(f"\nschemathesis: {len(operations)} operations, {total} cases in {elapsed:.1f}s")
    for label, statuses in cases.items():
        print(f"  {label}: {dict(sorted(statuses.items()))}")
    assert len(operations) >= 20, [op.label for op in operations]
    assert all(cases.values()), [label for label, count in cases.items() if not count]
    # The token and the pinned rows worked: generation did not just bounce off 401s and 404s.
    for label in ("GET /api/me", "GET /api/persons/{person_id}", "GET /api/families/{family_id}"):
        assert cases[label][200], (label, cases[label])
    assert not failures, "\n\n".join(
        f"== {label}\n{report}\n-- server traceback (last lines):\n{_summary(tb)}"
        for label, (report, tb) in failures.items()
    )
