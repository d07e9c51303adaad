"""The part of VTL that MOCK integrations and gateway responses are rendered with, and what
is refused at deploy."""

import pytest

from cfn_cognito.gateway.templates import Scope, problem, render

SCOPE = Scope(context={"error": {"message": "Unauthorized", "messageString": '"Unauthorized"'},
                       "stage": "dev", "authorizer": {"claims": {"custom:role": "admin"}}},
              stage_variables={"color": "blue"},
              params={"path": {"id": "7"}, "querystring": {"q": "x"}, "header": {"X-A": "h"}},
              body='{"a": 1}')


@pytest.mark.parametrize("template,rendered", [
    ('{"message":$context.error.messageString}', '{"message":"Unauthorized"}'),
    ("$context.authorizer.claims['custom:role']", "admin"),
    ("${stageVariables.color}-${context.stage}", "blue-dev"),
    ("$input.params('id') $input.params('q') $input.params('X-A')", "7 x h"),
    ("$input.body", '{"a": 1}'),
    ("$!context.missing|", "|"),
    ("{statusCode:200} costs $5 #fff", "{statusCode:200} costs $5 #fff"),
])
def test_references_are_rendered(template, rendered):
    assert problem(template) is None
    assert render(template, SCOPE) == rendered


@pytest.mark.parametrize("template", [
    "#if($context.stage == 'dev') a #end",
    "#set($x = 1)",
    "$util.escapeJavaScript($input.body)",
    "$input.json('$.a')",
    "$method.request.path",
])
def test_what_cannot_be_rendered_is_refused(template):
    assert problem(template)
