"""Eval suites as data: YAML files of cases (see evals/suites/README.md), loaded and validated here."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from service.errors import ReceptaError

SUITES_DIR = Path(__file__).parent / "suites"

ExpectedAction = Literal["answer", "refuse", "escalate", "handoff_offer", "any"]


class SuiteError(ReceptaError):
    """A suite file is missing or malformed (the message names the file and the field)."""


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: str | None = None
    action: ExpectedAction | None = None
    team: str | None = None
    priority: str | None = None
    facts: list[str] = Field(default_factory=list)
    any_facts: list[str] = Field(default_factory=list)
    must_not: list[str] = Field(default_factory=list)
    # The document (file name or URL) the answer must cite; a list means any of them.
    citation: str | list[str] | None = None
    no_phi: bool = True
    reply_language: str | None = None

    @property
    def citations(self) -> list[str]:
        if self.citation is None:
            return []
        return [self.citation] if isinstance(self.citation, str) else list(self.citation)

    @field_validator("facts", "any_facts", "must_not", mode="before")
    @classmethod
    def _strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [str(v) for v in value]
        return value


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    language: str = "es"
    tags: list[str] = Field(default_factory=list)
    turns: list[str]
    expect: Expect = Field(default_factory=Expect)
    description: str | None = None

    @field_validator("turns", mode="before")
    @classmethod
    def _turns(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Suite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suite: str
    description: str = ""
    defaults: dict[str, object] = Field(default_factory=dict)
    cases: list[Case]
    path: str = ""


def load_suite(path: Path) -> Suite:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SuiteError(f"cannot read suite {path.name}: {type(exc).__name__}") from exc
    if not isinstance(raw, dict) or "cases" not in raw:
        raise SuiteError(f"suite {path.name} must be a mapping with 'suite' and 'cases'")
    defaults = raw.get("defaults") or {}
    cases = []
    for item in raw.get("cases") or []:
        merged = {"language": defaults.get("language", "es"), **item}
        cases.append(merged)
    raw["cases"] = cases
    raw.setdefault("suite", path.stem)
    try:
        suite = Suite.model_validate({**raw, "path": str(path)})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SuiteError(f"suite {path.name}: {where}: {first['msg']}") from exc
    ids = [c.id for c in suite.cases]
    if len(set(ids)) != len(ids):
        raise SuiteError(f"suite {path.name} has duplicate case ids")
    return suite


def discover(names: list[str] | None = None, directory: Path = SUITES_DIR) -> list[Suite]:
    """Suites by name (file stem) or path; all suites in ``directory`` when no names are given."""
    if not names:
        return [load_suite(p) for p in sorted(directory.glob("*.yaml"))]
    suites = []
    for name in names:
        path = Path(name)
        if not path.exists():
            path = directory / f"{name}.yaml"
        if not path.exists():
            raise SuiteError(f"no suite named {name} in {directory}")
        suites.append(load_suite(path))
    return suites
