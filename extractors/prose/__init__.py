"""Reading the prose: narrative material (附件5), honours and skill levels of studio leaders.

- :func:`narrative_facts` / :func:`fact_values` — studio facts stated in the material
  (established, team_size, patents, economic_benefit_wan, trained_workers) for NARRATIVE_MISMATCH;
- :func:`split_sections` — the five 附件5 sections;
- :func:`parse_honours`, :func:`leader_qualifies`, :func:`highest_honour` — LEADER_NOT_QUALIFIED
  and the master list; :func:`parse_skills`, :func:`has_qualifying_skill` — LEADER_SKILL_MISSING;
  rules come from the campaign YAML (:func:`default_rules`);
- :func:`material_studio_name`, :func:`material_leader_name` — linking a material to its studio;
- :func:`build_nlp` / :func:`get_nlp` — the spaCy pipeline (jieba, sentences, regex entities).

``python -m extractors.prose.evaluate`` scores the readers on ``tests/prose_eval``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Imported on first use, so that ``from extractors.prose import parse_honours`` does not load spaCy.
_HOMES = {
    "FACT_FIELDS": "narrative",
    "Fact": "narrative",
    "Section": "narrative",
    "fact_values": "narrative",
    "narrative_facts": "narrative",
    "split_sections": "narrative",
    "Honour": "honours",
    "default_rules": "honours",
    "has_qualifying_skill": "honours",
    "highest_honour": "honours",
    "leader_qualifies": "honours",
    "parse_honours": "honours",
    "parse_skills": "honours",
    "material_leader_name": "link",
    "material_studio_name": "link",
    "Mention": "mentions",
    "find_mentions": "entities",
    "build_nlp": "nlp",
    "get_nlp": "nlp",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
