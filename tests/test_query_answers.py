"""Reading SPARQL JSON results (``tipgraph.queries.answers``): the rows rdflib's reader gives,
with each different term made once."""

from __future__ import annotations

import io
import json

import pytest
from rdflib.query import Result

from tipgraph.core.errors import QueryError
from tipgraph.queries.answers import read_json_results
from tipgraph.queries.remote import read_answer

XSD = "http://www.w3.org/2001/XMLSchema#"
DOCUMENT = {
    "head": {"vars": ["place", "year", "label", "note"]},
    "results": {"bindings": [
        {"place": {"type": "uri", "value": "https://w3id.org/tipgraph/id/country/THA"},
         "year": {"type": "literal", "value": "2025", "datatype": XSD + "integer"},
         "label": {"type": "literal", "value": "Thailand", "xml:lang": "en"},
         "note": {"type": "bnode", "value": "b0"}},
        {"place": {"type": "uri", "value": "https://w3id.org/tipgraph/id/country/THA"},
         "year": {"type": "literal", "value": "2025", "datatype": XSD + "integer"},
         "label": {"type": "literal", "value": "Thaïlande", "xml:lang": "fr"}},
        {"year": {"type": "literal", "value": "2024", "datatype": XSD + "integer"},
         "label": {"type": "literal", "value": "Thailand"}},
        {},
    ]},
}


def test_rows_are_rdflibs_rows() -> None:
    body = json.dumps(DOCUMENT).encode()
    ours = read_json_results(body)
    theirs = Result.parse(io.BytesIO(body), format="json")
    assert ours.type == "SELECT"
    assert ours.vars == theirs.vars
    assert list(ours) == list(theirs)
    assert [dict(b) for b in ours.bindings] == [dict(b) for b in theirs.bindings]


def test_equal_cells_share_one_term() -> None:
    ours = read_json_results(json.dumps(DOCUMENT).encode())
    first, second = ours.bindings[0], ours.bindings[1]
    year = next(v for v in ours.vars if str(v) == "year")
    place = next(v for v in ours.vars if str(v) == "place")
    assert first[year] is second[year] and first[place] is second[place]
    label = next(v for v in ours.vars if str(v) == "label")
    assert first[label] != second[label]  # same text, another language: two terms


def test_ask_answer() -> None:
    assert read_json_results(b'{"head": {}, "boolean": true}').askAnswer is True
    assert read_json_results(b'{"head": {}, "boolean": false}').askAnswer is False


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"results": {}}',
                                  b'{"head": {"vars": ["x"]}, "results": {"bindings": '
                                  b'[{"x": {"type": "triple", "value": {}}}]}}'])
def test_a_body_that_is_not_results_is_e563(body: bytes) -> None:
    with pytest.raises(QueryError) as caught:
        read_answer(body, False, "http://example.org/sparql")
    assert caught.value.code == "E563"
