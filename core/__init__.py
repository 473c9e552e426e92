"""Qt-free domain of the command center: database, services, feeds, vision, demo data."""
