"""One module per ``shian`` command group; each exposes ``register(subparsers)``."""


def add_db_option(p) -> None:
    p.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite path (default: SHIAN_DB, else the embedded database)")
