"""FastAPI dependencies, as Annotated aliases used by every router."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from service.auth import require_staff
from service.composition import Services


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_session(services: ServicesDep) -> Iterator[Session]:
    with services.sessions() as session, session.begin():
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
StaffDep = Annotated[str, Depends(require_staff)]
