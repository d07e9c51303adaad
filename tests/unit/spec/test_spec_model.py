"""The protocol's own reading of botocore's JSON models must see what botocore sees: every
input shape of every operation, with the same constraints, or requests would be validated
against something other than AWS's published model. The one exception is deliberate and
listed: enum values AWS documents that the model does not carry yet
(model.DOCUMENTED_ENUM_VALUES), added after botocore's own."""

import pytest

from cfn_cognito.spec import model as json_model


def _documented(shape) -> list:
    return [value for (_, name), values in json_model.DOCUMENTED_ENUM_VALUES.items()
            if name == shape.name for value in values if value not in shape.enum]


def _same(ours, theirs, path, depth=0):
    assert (ours.name, ours.type_name) == (theirs.name, theirs.type_name), path
    extra = _documented(theirs)
    expected = dict(theirs.metadata)
    if extra:
        expected["enum"] = list(theirs.enum) + extra
    assert ours.metadata == expected, path
    assert ours.serialization == theirs.serialization, path
    if depth > 12:      # recursive shapes (none in these inputs go this deep)
        return
    if ours.type_name == "string":
        assert list(ours.enum) == list(theirs.enum) + extra, path
    elif ours.type_name == "structure":
        assert list(ours.required_members) == list(theirs.required_members), path
        assert list(ours.members) == list(theirs.members), path
        for name in ours.members:
            _same(ours.members[name], theirs.members[name], f"{path}.{name}", depth + 1)
    elif ours.type_name == "list":
        _same(ours.member, theirs.member, f"{path}.member", depth + 1)
    elif ours.type_name == "map":
        _same(ours.key, theirs.key, f"{path}.key", depth + 1)
        _same(ours.value, theirs.value, f"{path}.value", depth + 1)


@pytest.mark.parametrize("service", ["cognito-idp", "cognito-identity", "ssm"])
def test_every_input_shape_reads_as_botocore_reads_it(service):
    ours, theirs = json_model.service_model(service), json_model.botocore_service_model(service)
    assert ours.operation_names == theirs.operation_names
    for name in theirs.operation_names:
        mine, real = ours.operation_model(name), theirs.operation_model(name)
        assert mine.auth_type == real.auth_type, name
        if real.input_shape is None:
            assert mine.input_shape is None, name
        else:
            _same(mine.input_shape, real.input_shape, name)
