"""Vehicle services: trips and stops from positions, zone and hours rules, certificate warnings."""
