"""Plain-language explanations of a run's figures, made when shown so they follow the language.

Dutch first (B1): short sentences, numbers rounded to whole residents, distances in km or m.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from paraat.areas.models import Municipality
from paraat.planning.constants import OptimisationModel, Weight

# Dutch texts for the optimiser's error codes (paraat.planning.optimise MESSAGES keys).
OPTIMISATION_ERRORS = {
    "no_demand": gettext_lazy("There is no one to plan for: every demand point has a weight of 0."),
    "too_many_sites": gettext_lazy(
        "You asked for %(count)s new sites, but there are only %(candidates)s candidate sites."
    ),
    "bad_count": gettext_lazy("The number of new sites must be 0 or more."),
    "bad_target": gettext_lazy("The target share must be above 0% and at most 100%."),
    "target_unreachable": gettext_lazy(
        "The target of %(target)s%% cannot be reached: even with every candidate site, at most "
        "%(reachable)s%% is within reach."
    ),
    "bad_time_limit": gettext_lazy("The time limit must be more than 0 seconds."),
    "unreachable_demand": gettext_lazy(
        "%(points)s demand points cannot reach any site; choose more sites or a larger distance."
    ),
    "too_large": gettext_lazy(
        "The problem is too large: %(rows)s demand points × %(sites)s sites. Use a coarser area "
        "layer or fewer candidate sites."
    ),
}


def optimisation_error(error: Any) -> str:
    template = OPTIMISATION_ERRORS.get(getattr(error, "code", ""))
    if template is None:
        return str(error)
    try:
        return str(template) % getattr(error, "params", {})
    except (KeyError, TypeError, ValueError):
        return str(error)


def number(value: float | None) -> str:
    return "–" if value is None else number_format(round(value), 0, force_grouping=True)


def percent(share: float | None) -> str:
    return "–" if share is None else number_format(share * 100, 1) + "%"


def distance(metres: float) -> str:
    """1000 -> '1 km', 1500 -> '1,5 km', 2324 -> '2,3 km', 800 -> '800 m'."""
    if metres >= 1000:
        km = round(metres / 1000, 1)
        return _("%(km)s km") % {"km": number_format(km, 0 if km.is_integer() else 1)}
    return _("%(m)s m") % {"m": number_format(round(metres), 0, force_grouping=True)}


def whom(weight: str) -> str:
    """Whom the figures count, as a plural noun phrase."""
    nouns: dict[str, str] = {
        Weight.RESIDENTS: _("residents"),
        Weight.AGE_65_PLUS: _("residents aged 65+"),
        Weight.AGE_75_PLUS: _("residents aged 75+"),
    }
    if weight in nouns:
        return nouns[weight]
    return str(Weight(weight).label).lower() if weight in Weight.values else weight


def area_noun(kind: str | None) -> str:
    """'wijk Uden' reads better than 'Uden': the kind of area as a lower-case noun."""
    nouns = {
        "wijk": _("district"),
        "buurt": _("neighbourhood"),
        "pc4": _("postcode area"),
        "pc6": _("postcode area"),
        "grid": _("grid cell"),
    }
    return nouns.get(kind or "", "")


def gap_sentence(gap: dict[str, Any] | None, weight: str, kind: str | None = None) -> str:
    if not gap:
        return _("Everyone is within reach.")
    name = gap["name"] if gap["name"] != gap["code"] else gap["code"]
    noun = area_noun(kind)
    return _("The largest remaining gap is %(area)s with %(count)s %(whom)s out of reach.") % {
        "area": f"{noun} {name}".strip(),
        "count": number(gap["uncovered"]),
        "whom": whom(weight),
    }


def coverage(figures: dict[str, Any], threshold_m: float) -> str:
    """'486,200 of 660,000 residents (73.7%) live within 1 km of a point. The largest gap …'"""
    weight = figures["weight"]
    text = _(
        "%(covered)s of %(total)s %(whom)s (%(share)s) live within %(distance)s of a designated or prepared support point."
    ) % {
        "covered": number(figures["covered"]),
        "total": number(figures["total"]),
        "whom": whom(weight),
        "share": percent(figures["share"]),
        "distance": distance(threshold_m),
    }
    gap = gap_sentence(figures.get("largest_gap"), weight, figures.get("area_kind"))
    return f"{text} {gap}"


def optimisation(figures: dict[str, Any], threshold_m: float) -> str:
    """'Adding these 5 sites brings 12,300 more residents within 1 km; the largest gap …'"""
    weight = figures["weight"]
    count = len(figures["selected"])
    if count == 0:
        return _("No new site is needed: the existing points already do what was asked.")
    after, before = figures["after"]["covered"], figures["before"]["covered"]
    # Suppressed small counts (None) give no gain to show.
    gain = None if after is None or before is None else after - before
    text = ngettext(
        "Adding this site brings %(gain)s more %(whom)s within %(distance)s.",
        "Adding these %(count)d sites brings %(gain)s more %(whom)s within %(distance)s.",
        count,
    ) % {
        "count": count,
        "gain": number(gain),
        "whom": whom(weight),
        "distance": distance(threshold_m),
    }
    parts = [text]
    if figures["model"] in (OptimisationModel.PMEDIAN, OptimisationModel.PCENTER):
        before, after = figures.get("distance_before") or {}, figures.get("distance_after") or {}
        if before.get("average_m") is not None and after.get("average_m") is not None:
            parts.append(
                _(
                    "The average distance to the nearest point goes from %(before)s to %(after)s; the longest from %(long_before)s to %(long_after)s."
                )
                % {
                    "before": distance(before["average_m"]),
                    "after": distance(after["average_m"]),
                    "long_before": distance(before["longest_m"]),
                    "long_after": distance(after["longest_m"]),
                }
            )
    parts.append(
        gap_sentence(figures["after"].get("largest_gap"), weight, figures.get("area_kind"))
    )
    if figures.get("gap"):
        parts.append(
            _("The answer is at most %(gap)s from the best possible (the time limit was reached).")
            % {"gap": percent(figures["gap"])}
        )
    return " ".join(parts)


def for_run(run: Any) -> str:
    """A coverage or optimisation run in one to three plain sentences, in the current language."""
    if "selected" in run.figures:
        return optimisation(run.figures, run.threshold_m)
    return coverage(run.figures, run.threshold_m)


def question(run: Any) -> str:
    """What an optimisation run asked, with its own number: "Most residents within reach with 5
    new sites". The model's technical name stays in the page's details."""
    people = whom(run.weight)
    k = run.k or 0
    if run.model == OptimisationModel.LSCP:
        return _("Fewest new sites to bring %(share)s of the %(whom)s within reach") % {
            "share": percent(run.target),
            "whom": people,
        }
    if run.model == OptimisationModel.PMEDIAN:
        text = ngettext(
            "Shortest average distance with %(k)d new site",
            "Shortest average distance with %(k)d new sites",
            k,
        )
    elif run.model == OptimisationModel.PCENTER:
        text = ngettext(
            "Shortest longest distance with %(k)d new site",
            "Shortest longest distance with %(k)d new sites",
            k,
        )
    else:
        text = ngettext(
            "Most %(whom)s within reach with %(k)d new site",
            "Most %(whom)s within reach with %(k)d new sites",
            k,
        )
    return text % {"k": k, "whom": people}


def total_note(counted: float | None, cbs: int | None, place: str) -> str:
    """A note when the residents counted differ from the CBS population of the place, with the
    size of the difference and why; empty when they agree (or one of them is unknown)."""
    if counted is None or not cbs:
        return ""
    difference = round(counted) - cbs
    if difference == 0:
        return ""
    return _(
        "The %(counted)s residents counted here are %(difference)s %(direction)s than the CBS "
        "population of %(place)s (%(cbs)s): small counts are suppressed, figures are rounded per "
        "area, and areas outside the region or without figures are not counted."
    ) % {
        "counted": number(counted),
        "difference": number(abs(difference)),
        "direction": _("more") if difference > 0 else _("fewer"),
        "place": place,
        "cbs": number(cbs),
    }


def run_total_note(run: Any, counted: float | None) -> str:
    """``total_note`` for a run's scope (its municipality, else its region), residents only."""
    if run.weight != Weight.RESIDENTS:
        return ""
    if run.municipality_id:
        place, cbs = run.municipality.name, run.municipality.population
    else:
        populations = Municipality.objects.filter(region=run.region).values_list(
            "population", flat=True
        )
        place, cbs = run.region.name, sum(p or 0 for p in populations)
    return total_note(counted, cbs, place)
