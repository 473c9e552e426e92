"""Dynamic star ratings and risk grades of food businesses.

Rules propose, a supervisor decides: ``rules`` turns events into StarProposals, ``decisions``
applies or rejects them (and records every change), ``risk`` grades each business A–D with the
facts behind the grade.
"""

from core.ratings.decisions import apply_proposal, open_proposals, reject_proposal, set_star, star_history
from core.ratings.risk import RiskAssessment, RiskFact, assess, grade_for, recompute_risk
from core.ratings.rules import (
    propose_for_alert,
    propose_for_clean_quarter,
    propose_for_inspection,
    propose_for_offline_cameras,
    run_periodic_rules,
)

__all__ = [
    "RiskAssessment", "RiskFact", "apply_proposal", "assess", "grade_for", "open_proposals",
    "propose_for_alert", "propose_for_clean_quarter", "propose_for_inspection", "propose_for_offline_cameras",
    "recompute_risk", "reject_proposal", "run_periodic_rules", "set_star", "star_history",
]
