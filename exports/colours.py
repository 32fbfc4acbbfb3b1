"""The colours of the forms of exploitation, shared by every drawing of the flow network.

The GEXF and DOT writers (``tipgraph.exports.writers``) and the HTML flow map
(``tipgraph.exports.flowmap``) colour a flow by its form; the table lives here so that
each of them can use it without importing the other.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Colours of the top-level forms (colour-blind safe, Okabe-Ito), shared with the flow map.
FORM_COLOURS = {"sex": "#D55E00", "labor": "#0072B2", "organ": "#CC79A7",
                "marriage": "#009E73", "mixed": "#7A5195", "none": "#888888"}


def edge_colour(forms: Iterable[str]) -> str:
    """The colour of a flow: its form's, ``mixed`` for several, ``none`` for none."""
    found = list(forms)
    if not found:
        return FORM_COLOURS["none"]
    if len(found) > 1:
        return FORM_COLOURS["mixed"]
    return FORM_COLOURS.get(found[0], FORM_COLOURS["none"])


__all__ = ["FORM_COLOURS", "edge_colour"]
