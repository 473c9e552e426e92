"""The application shell and the ``shian`` command line."""
