"""A details view for one map feature (or a selection), fed plain data: sections of key/value
rows, named stars lit or not, notes, links and action buttons.

``python -m widgets.details`` shows it with a sample restaurant.
"""

from widgets.details.data import Action, Details, Note, Row, Section, StarRow
from widgets.details.view import DetailsView, StarStrip

__all__ = ["Action", "Details", "DetailsView", "Note", "Row", "Section", "StarRow", "StarStrip"]
