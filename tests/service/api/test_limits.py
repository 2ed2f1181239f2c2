"""Request limits: body size on the bytes as they arrive (chunked too), form parts, and the queue's 429."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.store.db import connect, transaction
from service.store.jobs import queued_count, seconds_until_room
from tests.service.api.conftest import AUTH, make_client

SMALL = {"max_upload_bytes": 1000, "max_upload_files": 2}  # body limit: 2 × (1000 B + 16 KiB)


@pytest.fixture
def small(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path, **SMALL) as c:
        yield c


def _error(response) -> str:  # type: ignore[no-untyped-def]
    return str(response.json()["error"]["code"])


def test_a_declared_length_over_the_limit_is_refused_before_reading(small: TestClient) -> None:
    body = b"x" * 40_000
    response = small.post(
        "/documents", content=body, headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413 and _error(response) == "too_large"


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(small: TestClient) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(1000):  # 64 MB if it were all read
            sent += 65536
            yield b"a" * 65536

    response = small.post(
        "/documents", content=chunks(), headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413 and _error(response) == "too_large"
    assert queued_count(connect(small.app.state.settings.db_path)) == 0  # type: ignore[attr-defined]


def test_too_many_form_fields_is_a_client_error(small: TestClient) -> None:
    fields = {f"f{i}": "x" for i in range(60)}
    response = small.post("/documents", data=fields, files=[("files", ("a.txt", b"un testo"))], headers=AUTH)
    assert response.status_code == 400 and _error(response) == "invalid_parameter"


def test_a_huge_text_field_is_a_client_error(small: TestClient) -> None:
    response = small.post("/accesso", data={"token": "x" * 70_000})
    assert response.status_code in (400, 413)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\n\r\n"),  # no boundary
        ("multipart/form-data; boundary=zz", b"--zz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--zz--\r\n"),
        ("multipart/form-data; boundary=zz", b"--zz\r\n" + b"X-Long: " + b"h" * 20_000 + b"\r\n\r\nx\r\n--zz--\r\n"),
        ("multipart/form-data; boundary=zz", b"\x00\xff garbage without parts"),
        ("application/json", b'{"files": ["a.txt"]}'),
        ("text/plain", b"just text"),
    ],
)
def test_malformed_multipart_is_a_400_not_a_500(small: TestClient, content_type: str, body: bytes) -> None:
    response = small.post("/documents", content=body, headers={**AUTH, "Content-Type": content_type})
    assert 400 <= response.status_code < 500, response.text
    assert _error(response) in ("invalid_parameter", "too_large")


def test_a_full_queue_answers_429_with_retry_after_and_queues_nothing(tmp_path: Path) -> None:
    with make_client(tmp_path, max_queued_jobs=2) as full:
        files = [("files", (f"{i}.txt", f"testo numero {i}".encode())) for i in range(3)]
        refused = full.post("/documents", files=files, headers=AUTH)
        assert refused.status_code == 429 and _error(refused) == "queue_full"
        assert 5 <= int(refused.headers["retry-after"]) <= 3600
        db = connect(tmp_path / "patti.db")
        assert queued_count(db) == 0 and db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0

        accepted = full.post("/documents", files=files[:2], headers=AUTH)
        assert accepted.status_code == 202
        document_id = accepted.json()["data"][0]["document_id"]
        assert full.post("/documents", files=files[2:], headers=AUTH).status_code == 429
        assert full.post(f"/documents/{document_id}/reindex", headers=AUTH).status_code == 429
        assert queued_count(db) == 2


def test_retry_after_follows_the_recent_job_time(tmp_path: Path) -> None:
    with make_client(tmp_path):
        pass  # creates the database
    db = connect(tmp_path / "patti.db")
    assert seconds_until_room(db, 3, workers=1) == 15, "no history: five seconds a job"
    with transaction(db) as conn:
        conn.execute("INSERT INTO documents (id, sha256, file_name, size, status) VALUES (1, 'a', 'x', 1, 'indexed')")
        conn.executemany(
            "INSERT INTO jobs (document_id, kind, status, started_at, finished_at) VALUES (1, 'extract', 'done', ?, ?)",
            [("2026-01-01T10:00:00.000Z", f"2026-01-01T10:00:{seconds}.000Z") for seconds in (30, 50)],
        )
    assert seconds_until_room(db, 3, workers=2) == 60  # 3 jobs × a mean of 40 s ÷ 2 workers
    assert seconds_until_room(db, 10_000, workers=1) == 3600, "never more than an hour"
    assert seconds_until_room(db, 0, workers=8) == 5, "never less than five seconds"
