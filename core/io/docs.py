"""The documented columns of every import kind, as Markdown (docs/import-formats.md is this text)."""

from __future__ import annotations

from core.io.kinds import KINDS
from core.io.spec import COMMON_ALIASES


def import_formats_markdown() -> str:
    lines = [
        "# Import formats",
        "",
        "`shian import KIND FILE [--crs wgs84|gcj02|bd09]` reads CSV (UTF-8 or GB18030), XLSX, GeoJSON or",
        "GPKG. Headers are matched case-insensitively; the other names listed are accepted too.",
        "Coordinates are WGS-84 unless `--crs` says otherwise (they are converted to WGS-84 before",
        "they are stored). Times without a zone are Beijing time. The whole file is checked first:",
        "every bad row is reported with its row number (the header is row 1) and nothing is written",
        "unless every row is good. Rows update existing records by the natural key, so importing the",
        "same file twice changes nothing. `shian export KIND OUT` writes the same columns.",
        "",
        "This file is generated from the code (`core/io/docs.py`); a test keeps it current.",
    ]
    for kind in KINDS.values():
        lines += ["", f"## {kind.name}", "", kind.doc, "", f"Natural key: `{kind.key}`.", "",
                  "| column | required | meaning | also accepted |", "|---|---|---|---|"]
        for c in kind.columns:
            others = ", ".join(f"`{a}`" for a in (*c.aliases, *COMMON_ALIASES.get(c.name, ())))
            meaning = c.doc.replace("|", "\\|")
            lines.append(f"| `{c.name}` | {'yes' if c.required else ''} | {meaning} | {others} |")
    lines += ["", "## positions", "",
              "GPS tracks: `shian import positions FILE --vehicle PLATE` reads GeoLife `.plt` files",
              "(WGS-84, GMT times) into the vehicle's position history.", ""]
    return "\n".join(lines)
