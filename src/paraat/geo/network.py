"""Walking distances over a street network: read, store, snap to and search it.

Plain module without Django. Everything is in RD New metres (EPSG:28992).

The network is an undirected graph (walkers ignore one-way streets) held as the three arrays of a
``scipy.sparse.csr_matrix`` plus node coordinates, so it saves to and loads from a ``.npz`` file in
milliseconds, and ``scipy.sparse.csgraph.dijkstra`` searches it in compiled code.

Reading:

* :meth:`WalkingNetwork.from_osm` reads an OpenStreetMap ``.osm.pbf`` file with pyosmium; ways
  are connected where they share a node, recognised by its position (OSM stores 7 decimals,
  about 1 cm; pyosmium builds each way's line in C++, much faster than visiting every node
  reference in Python). :func:`is_walkable` decides which ways count:
  footways, paths, pedestrian streets, steps, residential and service streets, living streets,
  tracks, cycleways and ordinary roads; never motorways, trunk roads or their slip roads; never
  ways tagged ``foot=no`` or ``access=no/private`` (unless ``foot=yes/designated/permissive``).
* :meth:`WalkingNetwork.from_lines` reads a GeoPackage/GeoJSON/Shapefile line layer with pyogrio;
  lines are connected where they share a vertex (to the centimetre), never where they merely
  cross (bridges and tunnels stay apart). When the layer has a ``highway`` column (an OSM export)
  the same walkability rules apply; ``foot`` and ``access`` columns are honoured too.

Snapping (a choice, documented here): every point goes to the nearest network *node*, and its
straight-line distance to that node is added to its walking distance (the walk from the front
door to the street). To keep that close to the distance to the nearest street, long edges are
split on reading into pieces of at most ``max_edge`` metres (25 m by default), so a node is never
more than 12.5 m along the street from the foot of the perpendicular. That is simpler and faster
than snapping to edges (no partial-edge arithmetic, and the demand of a whole region maps onto
the node array), at the price of more nodes (a quarter more on the Helsinki OSM extract, whose
ways already have many vertices; 5.6 times on the benchmark's 100 m street grid). Points only
snap to nodes of
components with at least :data:`MIN_COMPONENT_NODES` nodes (or the largest component when all
are smaller), so a demand point is not stuck on an isolated stretch of footpath.

Walking distance from demand point d to site s = snap(d) + shortest path(node(d), node(s)) +
snap(s). :meth:`WalkingNetwork.within` runs one Dijkstra per site, cut off at the threshold minus
the site's own snap distance, on the part of the network that a walk of that length can reach
(the sites' tile widened by the threshold: no edge is shorter than the straight line between its
ends, so a walk never leaves that box); the nodes it reaches are mapped back to demand points
through a node-to-demand index. So the work grows with the streets near the sites, not with the
whole network: 344 sites on 300,000 nodes take about 0.2 s, on 1.7 million nodes about 0.7 s
(``benchmarks/planning/bench_coverage.py``). The nearest site for every point is one
multi-source Dijkstra over the whole network (:meth:`WalkingNetwork.nearest`).

A network object caches its snapping tree and search index (built on first use); queries keep
their scratch space to themselves, so one loaded network can serve several threads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from paraat.geo.distance import ZERO_DISTANCE, as_xy, check_limit, pairs_to_csr
from paraat.geo.network_read import (
    WALKABLE_HIGHWAYS,
    NetworkError,
    is_walkable,
    read_lines,
    read_osm,
)
from paraat.geo.text import gettext_noop

__all__ = ["WALKABLE_HIGHWAYS", "NetworkError", "WalkingNetwork", "is_walkable"]

FORMAT_VERSION = 1
DEFAULT_MAX_EDGE = 25.0
MIN_COMPONENT_NODES = 50
# Per Dijkstra pass, at most this many distances (8 bytes each) are held at once.
_BLOCK_CELLS = 8_000_000


class WalkingNetwork:
    """An undirected street graph in RD New metres: node coordinates plus CSR arrays of lengths."""

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        indptr: np.ndarray,
        indices: np.ndarray,
        lengths: np.ndarray,
        source: str = "",
    ) -> None:
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self.source = source
        n = len(self.x)
        self.graph = csr_matrix(
            (np.asarray(lengths, dtype=float), np.asarray(indices), np.asarray(indptr)),
            shape=(n, n),
        )
        self._tree: cKDTree | None = None
        self._snappable: np.ndarray | None = None
        self._x_order: tuple[np.ndarray, np.ndarray] | None = None

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_segments(
        cls,
        x: ArrayLike,
        y: ArrayLike,
        start: ArrayLike,
        end: ArrayLike,
        *,
        max_edge: float = DEFAULT_MAX_EDGE,
        source: str = "",
    ) -> WalkingNetwork:
        """Build from node coordinates and segments (node index pairs); splits long segments."""
        nx = np.asarray(x, dtype=float)
        ny = np.asarray(y, dtype=float)
        a = np.asarray(start, dtype=np.int64)
        b = np.asarray(end, dtype=np.int64)
        length = np.hypot(nx[b] - nx[a], ny[b] - ny[a])
        keep = (a != b) & (length > 0)
        a, b, length = a[keep], b[keep], length[keep]
        # The same stretch drawn twice (two ways over the same nodes) is one edge.
        key = np.sort(np.minimum(a, b) * len(nx) + np.maximum(a, b))
        key = key[np.concatenate([[True], key[1:] != key[:-1]])]
        a, b = key // len(nx), key % len(nx)
        length = np.hypot(nx[b] - nx[a], ny[b] - ny[a])
        if len(a) == 0:
            raise NetworkError(
                gettext_noop("%(name)s: no walkable roads found"), {"name": source or "network"}
            )
        pieces = np.maximum(1, np.ceil(length / max_edge).astype(np.int64)) if max_edge else None
        if pieces is not None and (pieces > 1).any():
            nx, ny, a, b, length = _split(nx, ny, a, b, length, pieces)
        n = len(nx)
        rows = np.concatenate([a, b])
        cols = np.concatenate([b, a])
        lengths = np.maximum(np.concatenate([length, length]), ZERO_DISTANCE)
        # Parallel edges: keep the shortest (a csr build would add them up).
        order = np.lexsort((lengths, cols, rows))
        rows, cols, lengths = rows[order], cols[order], lengths[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        rows, cols, lengths = rows[first], cols[first], lengths[first]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
        return cls(nx, ny, indptr, cols, lengths, source=source)

    @classmethod
    def from_osm(cls, path: str | Path, *, max_edge: float = DEFAULT_MAX_EDGE) -> WalkingNetwork:
        """Read the walkable ways of an OpenStreetMap .osm.pbf (or .osm) file."""
        x, y, vertex, line = read_osm(path)
        return cls._from_vertices(x, y, vertex, line, max_edge=max_edge, source=Path(path).name)

    @classmethod
    def _from_vertices(
        cls,
        x: np.ndarray,
        y: np.ndarray,
        vertex: np.ndarray,
        line: np.ndarray,
        *,
        max_edge: float,
        source: str,
    ) -> WalkingNetwork:
        """Nodes (x, y) and the node of every vertex of every line, in line order."""
        same_line = line[1:] == line[:-1]
        return cls.from_segments(
            x,
            y,
            vertex[:-1][same_line],
            vertex[1:][same_line],
            max_edge=max_edge,
            source=source,
        )

    @classmethod
    def from_lines(
        cls, path: str | Path, layer: str | None = None, *, max_edge: float = DEFAULT_MAX_EDGE
    ) -> WalkingNetwork:
        """Read a line layer (GeoPackage, GeoJSON, Shapefile) as a walking network."""
        x, y, vertex, line = read_lines(path, layer)
        return cls._from_vertices(x, y, vertex, line, max_edge=max_edge, source=Path(path).name)

    # -- storage ------------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Store as an uncompressed .npz (loads in milliseconds)."""
        with open(path, "wb") as handle:
            np.savez(
                handle,
                format_version=np.array(FORMAT_VERSION),
                x=self.x,
                y=self.y,
                indptr=self.graph.indptr,
                indices=self.graph.indices,
                lengths=self.graph.data,
                source=np.array(self.source),
            )

    @classmethod
    def load(cls, path: str | Path) -> WalkingNetwork:
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                version = int(data["format_version"])
                if version != FORMAT_VERSION:
                    raise NetworkError(
                        gettext_noop("%(name)s: unknown version %(version)s of the network"),
                        {"name": path.name, "version": version},
                    )
                return cls(
                    data["x"],
                    data["y"],
                    data["indptr"],
                    data["indices"],
                    data["lengths"],
                    source=str(data["source"]),
                )
        except NetworkError:
            raise
        except (OSError, KeyError, ValueError) as exc:
            raise NetworkError(
                gettext_noop("%(name)s: not a saved walking network (%(error)s)"),
                {"name": path.name, "error": str(exc)},
            ) from None

    # -- queries ------------------------------------------------------------------------------

    @property
    def n_nodes(self) -> int:
        return int(self.graph.shape[0])

    @property
    def n_edges(self) -> int:
        """Undirected edges (each is stored twice in the CSR arrays)."""
        return int(self.graph.nnz // 2)

    def snappable_nodes(self) -> np.ndarray:
        """Indices of the nodes points may snap to (see MIN_COMPONENT_NODES)."""
        if self._snappable is None:
            _count, labels = connected_components(self.graph, directed=False)
            sizes = np.bincount(labels)
            threshold = min(MIN_COMPONENT_NODES, int(sizes.max()))
            self._snappable = np.flatnonzero(sizes[labels] >= threshold)
        return self._snappable

    def snap(self, xy: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Nearest usable node of each point and the straight-line metres to it."""
        points = as_xy(xy)
        if len(points) == 0:
            return np.empty(0, dtype=np.int64), np.empty(0)
        nodes = self.snappable_nodes()
        if self._tree is None:
            self._tree = cKDTree(
                np.column_stack([self.x[nodes], self.y[nodes]]),
                balanced_tree=False,
                compact_nodes=False,
            )
        distance, index = self._tree.query(points, k=1, workers=-1)
        return nodes[index].astype(np.int64), np.asarray(distance, dtype=float)

    def within(self, demand_xy: ArrayLike, sites_xy: ArrayLike, limit: float) -> csr_matrix:
        """(demand, site) pairs within ``limit`` walking metres, as in paraat.geo.distance.

        Stored entries are exactly the pairs in reach; values are walking metres, a pair at 0 m
        is stored as ZERO_DISTANCE.

        A walk of at most ``limit`` metres never leaves the circle of that radius around its
        start (no edge is shorter than the straight line between its ends), so the sites are
        grouped by tiles of 2 x limit and each group searches only the streets inside its tile
        widened by the limit: the work grows with the streets near the sites, not with the
        size of the whole network.
        """
        radius = check_limit(limit)
        demand = as_xy(demand_xy, "demand points")
        sites = as_xy(sites_xy, "sites")
        n, m = len(demand), len(sites)
        if n == 0 or m == 0:
            return csr_matrix((n, m), dtype=float)
        demand_node, demand_snap = self.snap(demand)
        site_node, site_snap = self.snap(sites)
        # Node -> demand points index: the demand points sorted by node, with offsets per node.
        order = np.argsort(demand_node, kind="stable")
        per_node = np.bincount(demand_node, minlength=self.n_nodes)
        offset = np.concatenate([[0], np.cumsum(per_node)])
        budget = radius - site_snap
        active = np.flatnonzero(budget >= 0)
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        dists: list[np.ndarray] = []
        scratch = np.full(self.n_nodes, -1, dtype=np.int64)
        for group in self._tile_groups(site_node[active], 2 * radius):
            chunk = active[group]
            nodes, graph = self._local_graph(
                self.x[site_node[chunk]], self.y[site_node[chunk]], radius, scratch
            )
            local_site = np.searchsorted(nodes, site_node[chunk])
            block = max(1, _BLOCK_CELLS // max(1, len(nodes)))
            for start in range(0, len(chunk), block):
                part = chunk[start : start + block]
                found = np.atleast_2d(
                    dijkstra(
                        graph,
                        directed=True,
                        indices=local_site[start : start + block],
                        limit=float(budget[part].max()),
                    )
                )
                which, local = np.nonzero(found <= budget[part][:, None])
                node = nodes[local]
                count = per_node[node]
                reach = np.repeat(found[which, local], count)
                which, node = np.repeat(which, count), np.repeat(node, count)
                # Position of each repeated entry inside its node's run of demand points.
                first = np.repeat(np.cumsum(count) - count, count)
                point = order[offset[node] + np.arange(len(node)) - first]
                total = reach + demand_snap[point] + site_snap[part][which]
                keep = total <= radius
                rows.append(point[keep])
                cols.append(part[which[keep]])
                dists.append(total[keep])
        if not rows:
            return csr_matrix((n, m), dtype=float)
        return pairs_to_csr(
            np.concatenate(rows), np.concatenate(cols), np.concatenate(dists), (n, m)
        )

    def _tile_groups(self, nodes: np.ndarray, tile: float) -> list[np.ndarray]:
        """Positions in ``nodes`` grouped by the square tile of side ``tile`` they lie in."""
        tx = np.floor(self.x[nodes] / tile).astype(np.int64)
        ty = np.floor(self.y[nodes] / tile).astype(np.int64)
        _keys, inverse = np.unique(np.column_stack([tx, ty]), axis=0, return_inverse=True)
        inverse = inverse.ravel()
        by_tile = np.argsort(inverse, kind="stable")
        bounds = np.cumsum(np.bincount(inverse))[:-1]
        return np.split(by_tile, bounds)

    def _local_graph(
        self, xs: np.ndarray, ys: np.ndarray, margin: float, local: np.ndarray
    ) -> tuple[np.ndarray, csr_matrix]:
        """The nodes (sorted) in the points' bounding box widened by ``margin``, and their subgraph.

        ``local`` is a scratch array of -1 per node; it is returned to all -1.
        """
        if self._x_order is None:
            by_x = np.argsort(self.x, kind="stable")
            self._x_order = (by_x, self.x[by_x])
        by_x, sorted_x = self._x_order
        lo = np.searchsorted(sorted_x, xs.min() - margin, side="left")
        hi = np.searchsorted(sorted_x, xs.max() + margin, side="right")
        strip = by_x[lo:hi]
        y = self.y[strip]
        nodes = np.sort(strip[(y >= ys.min() - margin) & (y <= ys.max() + margin)])
        local[nodes] = np.arange(len(nodes))
        rows = self.graph[nodes]
        row_of = np.repeat(np.arange(len(nodes)), np.diff(rows.indptr))
        column = local[rows.indices]
        inside = column >= 0
        local[nodes] = -1
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of[inside], minlength=len(nodes)))])
        graph = csr_matrix(
            (rows.data[inside], column[inside], indptr), shape=(len(nodes), len(nodes))
        )
        return nodes, graph

    def nearest(
        self, demand_xy: ArrayLike, sites_xy: ArrayLike, limit: float | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Walking metres to, and index of, the nearest site; ``inf`` and -1 when out of reach.

        One multi-source Dijkstra: every site becomes a virtual node joined to its snap node by an
        edge as long as its snap distance, so sites off the network start at their own handicap.
        """
        demand = as_xy(demand_xy, "demand points")
        sites = as_xy(sites_xy, "sites")
        n, m = len(demand), len(sites)
        far = np.full(n, np.inf)
        none = np.full(n, -1, dtype=np.int64)
        if n == 0 or m == 0:
            return far, none
        radius = np.inf if limit is None else check_limit(limit)
        demand_node, demand_snap = self.snap(demand)
        site_node, site_snap = self.snap(sites)
        k = self.n_nodes
        graph = self.graph
        indptr = np.concatenate([graph.indptr, graph.indptr[-1] + np.arange(1, m + 1)])
        indices = np.concatenate([graph.indices, site_node])
        lengths = np.concatenate([graph.data, np.maximum(site_snap, ZERO_DISTANCE)])
        augmented = csr_matrix((lengths, indices, indptr), shape=(k + m, k + m))
        found, _pred, source = dijkstra(
            augmented,
            directed=True,
            indices=np.arange(k, k + m),
            limit=radius,
            min_only=True,
            return_predecessors=True,
        )
        total = found[demand_node] + demand_snap
        site = source[demand_node].astype(np.int64) - k
        ok = np.isfinite(total) & (total <= radius) & (site >= 0)
        return np.where(ok, total, np.inf), np.where(ok, site, -1)


def _split(
    x: np.ndarray,
    y: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    length: np.ndarray,
    pieces: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split each segment into ``pieces`` equal edges, adding the intermediate nodes."""
    n = len(x)
    extra = pieces - 1
    new_start = n + np.concatenate([[0], np.cumsum(extra)[:-1]])
    seg = np.repeat(np.arange(len(a)), extra)
    step = np.arange(len(seg)) - np.repeat(np.cumsum(extra) - extra, extra) + 1
    t = step / pieces[seg]
    new_x = x[a[seg]] + t * (x[b[seg]] - x[a[seg]])
    new_y = y[a[seg]] + t * (y[b[seg]] - y[a[seg]])
    edge_seg = np.repeat(np.arange(len(a)), pieces)
    pos = np.arange(len(edge_seg)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    last = pos == pieces[edge_seg] - 1
    u = np.where(pos == 0, a[edge_seg], new_start[edge_seg] + pos - 1)
    v = np.where(last, b[edge_seg], new_start[edge_seg] + pos)
    return (
        np.concatenate([x, new_x]),
        np.concatenate([y, new_y]),
        u,
        v,
        (length / pieces)[edge_seg],
    )


def read_network(
    path: str | Path, *, layer: str | None = None, max_edge: float = DEFAULT_MAX_EDGE
) -> WalkingNetwork:
    """The one way to load a walking network: a stored ``.npz`` as it is, an ``.osm.pbf`` (or
    ``.pbf``, ``.osm``) or a line layer (GeoPackage, GeoJSON) built. Raises NetworkError."""
    path = Path(path)
    if path.suffix == ".npz":
        return WalkingNetwork.load(path)
    if path.name.endswith((".osm.pbf", ".pbf", ".osm")):
        return WalkingNetwork.from_osm(path, max_edge=max_edge)
    return WalkingNetwork.from_lines(path, layer=layer, max_edge=max_edge)
