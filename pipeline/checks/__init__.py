"""Checks: each a small registered function returning issues; none raises, none drops a record.

Importing this package registers every check module below. `run_checks` runs them all and
collects the issues lazily; severities may be overridden by the campaign.
"""

from pipeline.checks import documents, fields, prose, rules, units  # noqa: F401  (registration)
from pipeline.checks.base import BATCH_CHECKS, NOMINEE_CHECKS, Context, run_checks

__all__ = ["BATCH_CHECKS", "NOMINEE_CHECKS", "Context", "run_checks"]
