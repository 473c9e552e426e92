"""A search field with suggestions as you type (debounced, newest answer wins, Enter takes the
first). ``python -m widgets.search_box`` shows it searching a sample list."""

from widgets.search_box.box import SearchBox, Suggestion

__all__ = ["SearchBox", "Suggestion"]
