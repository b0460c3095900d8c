"""Read street networks for walking: which ways count, and their vertices in RD New metres.

Used by :mod:`paraat.geo.network`; plain module without Django. See that module for the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from paraat.geo.crs import RD_NEW, guess_crs, to_rd
from paraat.geo.text import MessageError, gettext_noop

# Motorways, trunk roads and their slip roads are deliberately absent (no walking allowed there),
# as are highway=construction, proposed, platform and the like.
WALKABLE_HIGHWAYS = frozenset(
    {
        "footway",
        "path",
        "pedestrian",
        "steps",
        "residential",
        "service",
        "living_street",
        "track",
        "cycleway",
        "bridleway",
        "corridor",
        "unclassified",
        "road",
        "tertiary",
        "tertiary_link",
        "secondary",
        "secondary_link",
        "primary",
        "primary_link",
    }
)
FOOT_ALLOWED = frozenset({"yes", "designated", "permissive"})
NO_ACCESS = frozenset({"no", "private"})


class NetworkError(MessageError):
    """A network file that cannot be used; the message names the file."""


class Tags(Protocol):
    """OSM tags or a row of attributes: anything with ``get``."""

    def get(self, key: str, default: Any = None, /) -> Any: ...


def is_walkable(tags: Tags | Mapping[str, Any]) -> bool:
    """Whether an OSM way (its tags, or a line layer's attributes) can be walked by the public."""
    highway = str(tags.get("highway") or "").strip().lower()
    if highway not in WALKABLE_HIGHWAYS:
        return False
    foot = str(tags.get("foot") or "").strip().lower()
    if foot == "no":
        return False
    access = str(tags.get("access") or "").strip().lower()
    return not (access in NO_ACCESS and foot not in FOOT_ALLOWED)


Vertices = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""Node x, node y (RD metres), the node of every vertex, and the line of every vertex."""


def read_osm(path: str | Path) -> Vertices:
    """The vertices of the walkable ways of an OpenStreetMap .osm.pbf (or .osm) file."""
    path = Path(path)
    name = path.name
    if not path.is_file() or path.stat().st_size == 0:
        raise NetworkError(
            gettext_noop("%(name)s: the file is empty or does not exist"), {"name": name}
        )
    try:
        coords, line = _read_osm_ways(path)
    except Exception as exc:  # osmium raises RuntimeError and friends for broken files
        raise NetworkError(
            gettext_noop("%(name)s: the OpenStreetMap file cannot be read (%(error)s)"),
            {"name": name, "error": str(exc)},
        ) from None
    if len(coords) < 2:
        raise NetworkError(gettext_noop("%(name)s: no walkable roads found"), {"name": name})
    # A node is its position (OSM stores 7 decimals): ways sharing a node share its position.
    unique, inverse = np.unique(np.round(coords, 7), axis=0, return_inverse=True)
    x, y = to_rd(unique[:, 0], unique[:, 1])
    return x, y, inverse.ravel(), line


def read_lines(path: str | Path, layer: str | None = None) -> Vertices:
    """The vertices of the walkable lines of a GeoPackage, GeoJSON or Shapefile layer."""
    import shapely

    from paraat.geo.readers import ReadError, read_features

    path = Path(path)
    name = path.name
    try:
        table = read_features(path, layer=layer)
    except ReadError as exc:
        raise NetworkError("%(problems)s", {"problems": str(exc)}) from None
    highway_col = _column(table.columns, "highway")
    foot_col = _column(table.columns, "foot")
    access_col = _column(table.columns, "access")
    geoms = []
    for row, geom in zip(table.rows, table.geometries, strict=True):
        if geom is None or geom.is_empty or "LineString" not in geom.geom_type:
            continue
        if highway_col is not None:
            tags = {
                "highway": row.get(highway_col),
                "foot": row.get(foot_col) if foot_col else None,
                "access": row.get(access_col) if access_col else None,
            }
            if not is_walkable(tags):
                continue
        geoms.append(geom)
    if not geoms:
        raise NetworkError(
            gettext_noop("%(name)s: no walkable roads (lines) found"), {"name": name}
        )
    parts = shapely.get_parts(np.array(geoms, dtype=object))
    coords, line = shapely.get_coordinates(parts, return_index=True)
    crs = table.crs
    if crs is None:
        low, high = coords.min(axis=0), coords.max(axis=0)
        crs = guess_crs((float(low[0]), float(low[1]), float(high[0]), float(high[1])))
    if crs is None:
        raise NetworkError(
            gettext_noop(
                "%(name)s: the coordinate reference system is unknown and the lines do not lie in "
                "the Netherlands"
            ),
            {"name": name},
        )
    x, y = to_rd(coords[:, 0], coords[:, 1], source=crs) if crs != RD_NEW else coords.T
    # Vertices within a centimetre are the same node.
    keys = np.round(np.column_stack([x, y]), 2)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    return unique[:, 0], unique[:, 1], inverse.ravel(), line


def _column(columns: list[str], name: str) -> str | None:
    for column in columns:
        if column.lower() == name:
            return column
    return None


def _read_osm_ways(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat of every vertex of every walkable way, and the number of the line it belongs to.

    pyosmium builds each way's geometry in C++ (WKB), which is several times faster than visiting
    every node reference in Python. A way with nodes missing from the file (cut off at the edge of
    an extract) is split at the gaps, and pieces with fewer than two nodes are left out.
    """
    import osmium
    import shapely

    factory = osmium.geom.WKBFactory()
    pieces: list[str | bytes] = []
    processor = (
        osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.KeyFilter("highway"))
    )
    for obj in processor:
        if not isinstance(obj, osmium.osm.Way) or not is_walkable(obj.tags):
            continue
        try:
            pieces.append(factory.create_linestring(obj))
        except (osmium.InvalidLocationError, RuntimeError):
            pieces.extend(_valid_runs(obj))
    if not pieces:
        return np.empty((0, 2)), np.empty(0, dtype=np.int64)
    lines = shapely.from_wkb(pieces)
    coords, line = shapely.get_coordinates(lines, return_index=True)
    return coords, line


def _valid_runs(way: Any) -> list[bytes]:
    """The stretches of a way between nodes without a location, as WKB line strings."""
    import shapely

    runs: list[list[tuple[float, float]]] = [[]]
    for ref in way.nodes:
        location = ref.location
        if location.valid():
            point = (location.lon, location.lat)
            if not runs[-1] or runs[-1][-1] != point:
                runs[-1].append(point)
        elif runs[-1]:
            runs.append([])
    return [shapely.to_wkb(shapely.LineString(run)) for run in runs if len(run) >= 2]
