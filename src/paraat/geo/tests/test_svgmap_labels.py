"""Map labels: names printed on the map where they fit, never on top of each other."""

from __future__ import annotations

import re

from shapely.geometry import box, mapping

from paraat.geo import svgmap

# Two municipalities side by side near Oss (WGS84), and a tiny one inside the first.
WEST = mapping(box(5.45, 51.70, 5.55, 51.80))
EAST = mapping(box(5.55, 51.70, 5.65, 51.80))
TINY = mapping(box(5.50, 51.75, 5.501, 51.751))


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text [^>]*>([^<]*)</text>", svg)


def test_it_names_each_shape_inside_it_and_each_marker_beside_it() -> None:
    svg = svgmap.render(
        [
            svgmap.Shape(WEST, label="Oss: 20%", text="Oss"),
            svgmap.Shape(EAST, label="Bernheze: 18%", text="Bernheze"),
        ],
        markers=[svgmap.Marker(5.60, 51.72, "OSS-01 Sporthal", text="OSS-01")],
        title="Test",
    )
    assert sorted(_texts(svg)) == ["Bernheze", "OSS-01", "Oss"]
    assert 'aria-hidden="true"' in svg.split('class="paraat-map__labels"')[1][:40]
    # Oss's label lies inside Oss's shape: x within the west half of the drawn box.
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    oss_x = float(re.search(r'<text x="([-\d.]+)"[^>]*>Oss<', svg).group(1))
    assert view[0] < oss_x < view[0] + view[2] / 2


def test_it_moves_a_label_off_a_larger_shapes_label_or_leaves_it_out() -> None:
    svg = svgmap.render(
        [
            svgmap.Shape(TINY, label="Klein", text="Kleindorp"),
            svgmap.Shape(WEST, label="Oss", text="Oss-Centrum-en-Omgeving"),
        ],
        title="Test",
    )
    # The larger shape is named first; the small one's name moves a line away from it.
    assert sorted(_texts(svg)) == ["Kleindorp", "Oss-Centrum-en-Omgeving"]
    ys = dict(
        (text, float(y))
        for y, text in re.findall(r'<text x="[-\d.]+" y="([-\d.]+)"[^>]*>([^<]*)<', svg)
    )
    assert ys["Kleindorp"] != ys["Oss-Centrum-en-Omgeving"]


def test_it_places_labels_greedily_in_order_of_importance() -> None:
    font = 10.0
    first = svgmap.Label(0, 0, "Oss")
    clash = svgmap.Label(5, 2, "Osch")
    apart = svgmap.Label(500, 0, "Vught")
    placed = svgmap.place_labels([first, clash, apart], font)
    # The second label cannot stay where it is: it moves a line up.
    assert placed == [first, svgmap.Label(5, 2 - 13, "Osch"), apart]
    # A label for paper that moves stays a label for paper.
    moved = svgmap.place_labels([first, svgmap.Label(5, 2, "Osch", print_only=True)], font)
    assert moved[1] == svgmap.Label(5, 2 - 13, "Osch", print_only=True)
    # Where a symbol and the lines above and below are taken, it is left out.
    wall = (-100.0, -40.0, 100.0, 40.0)
    assert svgmap.place_labels([clash, apart], font, blocked=[wall]) == [apart]


def test_it_draws_no_label_group_without_labels() -> None:
    svg = svgmap.render([svgmap.Shape(WEST, label="Oss")], title="Test")
    assert "<text" not in svg and "paraat-map__labels" not in svg


def test_it_keeps_labels_for_paper_in_a_group_of_their_own_that_gives_way() -> None:
    svg = svgmap.render(
        [
            svgmap.Shape(WEST, label="Oss", text="Oss"),
            svgmap.Shape(EAST, label="Oss-Oost", print_text="Oss-Oost"),
            svgmap.Shape(TINY, label="Klein", print_text="Kleindorp"),
        ],
        title="Test",
    )
    screen, paper = svg.split('class="paraat-map__labels paraat-map__labels--print"')
    assert ">Oss</text>" in screen and "Oss-Oost" not in screen.split("paraat-map__labels")[-1]
    assert ">Oss-Oost</text>" in paper and ">Oss</text>" not in paper
