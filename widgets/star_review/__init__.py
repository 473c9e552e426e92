"""Star ratings under review: the proposal queue (keyboard-driven apply / reject), one business's
stars, risk reasons and history with hand edits, and businesses listed by risk grade.
Plain data in; no database."""

from widgets.star_review.card import GRADE_COLOURS, BusinessCard
from widgets.star_review.data import BusinessInfo, HistoryLine, ProposalLine, RiskLine
from widgets.star_review.proposals import ProposalTable
from widgets.star_review.risk import GRADES, RiskList

__all__ = ["GRADES", "GRADE_COLOURS", "BusinessCard", "BusinessInfo", "HistoryLine", "ProposalLine", "ProposalTable",
           "RiskLine", "RiskList"]
