"""The HTTP API fuzzed from its own OpenAPI schema (schemathesis): never a 500, never FastAPI's own 422, every answer
as documented."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from service.main import create_app
from service.settings import Settings
from tests.service.api.conftest import AUTH, INDEXED, TOKEN

# Bounded so that the file takes well under a minute on two cores (FUZZ_EXAMPLES=300 for a deeper run by hand);
# derandomized so that CI sends the same cases every run. Schemathesis adds its coverage cases (boundary values,
# missing and malformed parameters, other methods) to these on every operation.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    derandomize=True,
    database=None,
    deadline=None,
    # The strategies built from the schema are large: a busy CI machine must not fail on how fast they draw.
    suppress_health_check=[HealthCheck.too_slow],
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Every error status the API answers with; FastAPI's own 422 must have been turned into 400, and the one 422 left is
# a refused correction, which ``_check_error_contract`` holds to the catalogue's code.
ERROR_STATUSES = {400, 401, 404, 413, 415, 422, 429}


# The schema as the app serves it (built without starting the app); the requests go to the fixtures' apps.
SCHEMA = schemathesis.openapi.from_dict(
    create_app(Settings(data_dir=Path("unused"), api_token=TOKEN), start_workers=False).openapi()
)


def _app(tmp_path_factory: pytest.TempPathFactory, indexed_data: Path, **values: object) -> FastAPI:
    """The app over a copy of the indexed data, since the fuzz uploads, reindexes and deletes; no workers."""
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(indexed_data, data)
    return create_app(Settings(data_dir=data, api_token=TOKEN, workers=0, **values), start_workers=False)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, indexed_data: Path) -> FastAPI:
    return _app(tmp_path_factory, indexed_data)


@pytest.fixture(scope="module")
def locked_app(tmp_path_factory: pytest.TempPathFactory, indexed_data: Path) -> FastAPI:
    """Reads need the token too (``PATTI_READ_TOKEN_REQUIRED``)."""
    return _app(tmp_path_factory, indexed_data, read_token_required=True)


@pytest.fixture
def fresh_app(tmp_path_factory: pytest.TempPathFactory, indexed_data: Path) -> FastAPI:
    """All eight documents still there, whatever the fuzz deleted."""
    return _app(tmp_path_factory, indexed_data)


def _check_error_contract(case: schemathesis.Case, response: schemathesis.Response) -> None:
    """Errors are the catalogue's JSON with a status from the API's list."""
    if response.status_code < 400:
        return
    if case.method.upper() != case.operation.method.upper():
        # Schemathesis also tries methods the path does not have: 405 is the right answer there, with Allow.
        assert response.status_code == 405 and "allow" in {name.lower() for name in response.headers}
    else:
        assert response.status_code in ERROR_STATUSES, f"{response.status_code}: {response.text[:300]}"
    body = response.json()
    assert list(body) == ["error"] and set(body["error"]) == {"code", "message"}, body
    assert (response.status_code == 422) == (body["error"]["code"] == "invalid_correction"), body


def test_the_fuzzed_schema_is_the_served_one(app: FastAPI) -> None:
    """The fuzz reads the schema without starting an app; it must be what ``/openapi.json`` serves."""
    with TestClient(app) as client:
        assert client.get("/openapi.json").json() == SCHEMA.raw_schema


@SCHEMA.parametrize()
@FUZZ
def test_every_operation_answers_as_documented(app: FastAPI, case: schemathesis.Case) -> None:
    """With the write token, so uploads, reindexing and deletions get past the token check."""
    response = case.call(app=app, headers=AUTH)
    case.validate_response(response, checks=CHECKS)
    _check_error_contract(case, response)


@SCHEMA.parametrize()
# A sample: generated cases only, without the schema's examples and the coverage cases (all refused alike).
@settings(FUZZ, max_examples=10, phases=[Phase.generate])
def test_without_the_token_only_health_answers(locked_app: FastAPI, case: schemathesis.Case) -> None:
    """A server with read tokens required, asked without one (or with a generated wrong one)."""
    response = case.call(app=locked_app)
    case.validate_response(response, checks=CHECKS)
    _check_error_contract(case, response)
    if case.method.upper() != case.operation.method.upper():
        return  # a method the path does not have: 405 from the router, checked above
    if case.path == "/health":
        assert response.status_code == 200
    else:
        # A body the framework refuses while reading it (400, 413) is answered before the token is checked.
        assert response.status_code in (401, 400, 413), response.text
        if not case.meta or not case.meta.generation.mode.is_negative:
            assert response.status_code == 401, response.text


def test_each_indexed_document_and_its_jobs_answer_as_documented(fresh_app: FastAPI) -> None:
    """The ids the fuzz rarely guesses: every document, its original, a reindex and the job it queues."""
    for document_id in range(1, len(INDEXED) + 1):
        ids = {"document_id": document_id}
        for path in ("/documents/{document_id}", "/documents/{document_id}/file"):
            case = SCHEMA[path]["GET"].Case(path_parameters=ids)
            response = case.call(app=fresh_app)
            case.validate_response(response, checks=CHECKS)
            assert response.status_code == 200, response.text
        case = SCHEMA["/documents/{document_id}/reindex"]["POST"].Case(path_parameters=ids)
        response = case.call(app=fresh_app, headers=AUTH)
        case.validate_response(response, checks=CHECKS)
        assert response.status_code == 202, response.text
        case = SCHEMA["/jobs/{job_id}"]["GET"].Case(path_parameters={"job_id": response.json()["id"]})
        response = case.call(app=fresh_app)
        case.validate_response(response, checks=CHECKS)
        assert response.status_code == 200, response.text


def test_the_feed_answers_304_as_documented(fresh_app: FastAPI) -> None:
    """The fuzz sends no If-None-Match, so the feed's 304 is asked for here."""
    operation = SCHEMA["/deadlines.ics"]["GET"]
    first = operation.Case().call(app=fresh_app)
    assert first.status_code == 200
    case = operation.Case(headers={"If-None-Match": first.headers["etag"][0]})
    again = case.call(app=fresh_app)
    assert again.status_code == 304
    case.validate_response(again, checks=CHECKS)  # documented without content: nothing to conform to but the status
