"""Inert rules: actors and institutions that take no decision at all (a null world for the replay).

Pattern-oriented modelling (Grimm et al. 2005): a fact the model passes
tests its mechanisms only if a world without them fails it. In a world of
inert actors the powers, neighbours and institutions ignore Kazakhstan —
no money follows its choices, no coercion answers its drift, no alliance
drills with it; only the calendar's events happen. ``experiments``' replay
validation runs it beside the model (docs/validation.md).
"""

from __future__ import annotations

from world.decisions import Policy
from world.registry import POLICIES

SOURCE = "Grimm et al. 2005 · pattern-oriented modelling (null model)"


@POLICIES.register
class Inert(Policy):
    """Take no decision: an actor that ignores Kazakhstan (and everyone else)."""

    name = "inert"


@POLICIES.register
class InertInstitution(Policy):
    """Take no decision: an institution that neither rewards nor asks anything of its members."""

    name = "inert_institution"
    serves = "institution"
