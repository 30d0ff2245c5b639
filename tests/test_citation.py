"""CITATION.cff: valid Citation File Format 1.2.0 fields, and the version pyproject.toml installs."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_citation_file_has_the_required_fields_and_the_package_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    for field in ("message", "title", "authors", "version", "license", "type"):
        assert citation.get(field), field
    assert all(author.get("name") or author.get("family-names") for author in citation["authors"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(citation["version"]) == project["version"]
    assert citation["license"] == project["license"]
