"""Siting optimisation for noodsteunpunten: plain functions without Django.

- ``maximal_covering``: choose k new sites covering the most weight (residents, 65+, ...).
- ``set_covering``: the fewest new sites to cover a target share of the weight.
- both take an optional ``capacity`` per site (capacitated variants).
- ``p_median``: p new sites with the least weighted total (average) distance.
- ``p_center``: p new sites with the least worst-case distance.

Each returns a ``Solution`` with the objective, a proven bound, the gap and the time used; each
applies a time limit. Bad input raises ``OptimisationError`` with a ``code`` and ``params`` (see
``MESSAGES``) so the web layer can show the message in Dutch.
"""

from ._common import MESSAGES, OptimisationError, Solution
from .center import p_center
from .covering import maximal_covering, set_covering
from .median import p_median

__all__ = [
    "MESSAGES",
    "OptimisationError",
    "Solution",
    "maximal_covering",
    "p_center",
    "p_median",
    "set_covering",
]
