"""All settings of the service in one place, read from ``PATTI_*`` environment variables.

The CLI overrides some of them from its options (``--data-dir``, ``--host``, ``--port``); everything else
(API token, worker limits) comes from the environment, so a test or an operator can start an isolated
instance with nothing but environment variables.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractor.read import MAX_BYTES
from service.feed.deadlines import parse_feed_alarms

DB_NAME = "patti.db"
TOKEN_FILE = "api-token"
_PART_OVERHEAD = 16 * 1024  # a multipart part's boundary and headers, generously


class Settings(BaseSettings):
    """The service's configuration; each field is the environment variable ``PATTI_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="PATTI_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="where the database and the original files live")
    host: str = Field(default="127.0.0.1", description="address `patti serve` listens on")
    port: int = Field(default=8000, ge=0, le=65535, description="port `patti serve` listens on (0: any free port)")
    api_token: SecretStr | None = Field(
        default=None, description="token that write requests send as `Authorization: Bearer TOKEN`"
    )
    read_token_required: bool = Field(default=False, description="reads need the token too")
    workers: int = Field(default=1, ge=0, le=64, description="extraction worker processes started by `patti serve`")
    job_timeout: float = Field(default=300.0, gt=0, description="seconds a worker may spend on one document")
    job_memory_mb: int = Field(default=2048, ge=32, description="memory (MiB) a worker may add for one document")
    job_lease: float = Field(default=30.0, gt=0, description="seconds after which a silent worker's job is taken over")
    max_upload_bytes: int = Field(default=MAX_BYTES, ge=1, description="largest accepted file, counted as received")
    max_upload_files: int = Field(default=20, ge=1, le=1000, description="most files in one upload")
    max_queued_jobs: int = Field(
        default=1000, ge=1, description="most documents waiting for extraction; uploads beyond get 429"
    )
    feed_alarms: str = Field(
        default="scadenza=7d,1d;evento=1h",
        description="calendar reminders by kind of date: `kind=7d,1d;kind=1h` (units w, d, h, m)",
    )
    public_url: str | None = Field(
        default=None, description="the address users reach the service at, for links in the feed"
    )

    @field_validator("feed_alarms")
    @classmethod
    def _alarms_parse(cls, value: str) -> str:
        parse_feed_alarms(value)
        return value

    def alarms(self) -> dict[str, tuple[timedelta, ...]]:
        """The reminders of each kind of dated item."""
        return parse_feed_alarms(self.feed_alarms)

    @property
    def max_body_bytes(self) -> int:
        """The largest request body: a full upload of the largest files, plus room for multipart headers."""
        return self.max_upload_files * (self.max_upload_bytes + _PART_OVERHEAD)

    @property
    def db_path(self) -> Path:
        """The SQLite database file."""
        return self.data_dir / DB_NAME

    def ensure_api_token(self) -> str:
        """The configured token, else the one kept in ``<data_dir>/api-token`` (created on first use, mode 0600)."""
        if self.api_token is not None:
            return self.api_token.get_secret_value()
        path = self.data_dir / TOKEN_FILE
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(32) + "\n")
        token = path.read_text(encoding="utf-8").strip()
        self.api_token = SecretStr(token)
        return token
