"""``shian coords convert --from CRS --to CRS LON LAT``."""

from __future__ import annotations

from core.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser("coords", help="coordinate conversion (WGS-84, GCJ-02, BD-09)")
    csub = p.add_subparsers(dest="coords_command", required=True, metavar="ACTION")
    c = csub.add_parser("convert", help="convert one point; prints 'LON LAT' with 7 decimals")
    c.add_argument("--from", dest="src", required=True, metavar="CRS", help="wgs84, gcj02, bd09 (or webmercator, bd09mc)")
    c.add_argument("--to", dest="dst", required=True, metavar="CRS")
    c.add_argument("lon", type=float)
    c.add_argument("lat", type=float)
    c.set_defaults(func=convert)


def convert(args) -> int:
    from gis import crs

    try:
        x, y = crs.convert(args.lon, args.lat, args.src, args.dst)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(f"{x:.7f} {y:.7f}")
    return 0
