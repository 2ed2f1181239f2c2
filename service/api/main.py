"""The API router: every resource's router under one roof."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.routes import (
    commitments,
    corrections,
    deadlines,
    documents,
    health,
    jobs,
    organisations,
    registries,
    search,
)

api_router = APIRouter()
for module in (documents, corrections, jobs, search, commitments, deadlines, registries, organisations, health):
    api_router.include_router(module.router)
