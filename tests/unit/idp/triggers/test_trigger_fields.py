"""Reading a trigger's answer as Cognito's JSON reader does (idp/triggers/fields.py)."""

import pytest

from cfn_cognito.idp.errors import InvalidLambdaResponseException
from cfn_cognito.idp.triggers import fields


def test_scalars_are_read_leniently():
    answer = {"t": True, "f": "FALSE", "n": 3, "x": 2.5, "s": "text", "none": None}
    assert [fields.boolean(answer, k) for k in ("t", "f", "none", "missing")] == \
        [True, False, None, None]
    assert [fields.string(answer, k) for k in ("t", "n", "x", "s", "none")] == \
        ["true", "3", "2.5", "text", None]


def test_maps_and_lists_of_scalars():
    answer = {"m": {"a": 1, "b": "two", "c": None}, "l": ["x", 2, False]}
    assert fields.string_map(answer, "m") == {"a": "1", "b": "two"}
    assert fields.string_list(answer, "l") == ["x", "2", "false"]
    assert fields.json_map({"j": {"a": [1, {"b": 2}]}}, "j") == {"a": [1, {"b": 2}]}


@pytest.mark.parametrize("read, value", [
    (fields.boolean, "yes"), (fields.boolean, 1), (fields.string, {"a": 1}),
    (fields.string, ["a"]), (fields.string_map, ["a"]), (fields.string_map, {"a": {"b": 1}}),
    (fields.string_list, "a"), (fields.obj, "a"), (fields.json_map, [1]),
])
def test_the_wrong_shape_is_an_invalid_lambda_response(read, value):
    with pytest.raises(InvalidLambdaResponseException) as err:
        read({"k": value}, "k")
    assert err.value.message == "Invalid lambda function output : Invalid JSON"
