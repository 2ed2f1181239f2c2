"""What the indexed documents name: parties, comuni and ambiti, each with a document count."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from models.api import (
    AmbitiPublic,
    AmbitoCount,
    ComuneCount,
    ComuniPublic,
    PartiesPublic,
    PartyCount,
)
from service.api.deps import DbDep, PageDep, require_read_token
from service.store.listings import list_ambiti, list_comuni, list_parties

router = APIRouter(tags=["registries"], dependencies=[Depends(require_read_token)])
NameQuery = Annotated[str | None, Query(max_length=200, description="part of the name, any case")]


@router.get("/parties", response_model=PartiesPublic)
def read_parties(
    db: DbDep,
    page: PageDep,
    q: NameQuery = None,
    kind: Annotated[str | None, Query(max_length=50, description="party kind, e.g. comune, sindacato")] = None,
) -> PartiesPublic:
    """Parties by canonical organisation (the names ``party=`` filters take), most documents first."""
    rows, count = list_parties(db, q, kind, page.limit, page.offset)
    return PartiesPublic(data=[PartyCount(**row) for row in rows], count=count)


@router.get("/comuni", response_model=ComuniPublic)
def read_comuni(db: DbDep, page: PageDep, q: NameQuery = None) -> ComuniPublic:
    """Comuni named in the documents, with ISTAT code, province and region."""
    rows, count = list_comuni(db, q, page.limit, page.offset)
    return ComuniPublic(data=[ComuneCount(**row) for row in rows], count=count)


@router.get("/ambiti", response_model=AmbitiPublic)
def read_ambiti(db: DbDep, page: PageDep, q: NameQuery = None) -> AmbitiPublic:
    """Ambiti named in the documents (the names ``ambito=`` filters take)."""
    rows, count = list_ambiti(db, q, page.limit, page.offset)
    return AmbitiPublic(data=[AmbitoCount(**row) for row in rows], count=count)
