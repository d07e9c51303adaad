"""Matching request paths against resource paths as API Gateway does."""

import pytest

from cfn_cognito.gateway.paths import PathError, PathTree


@pytest.fixture
def tree():
    tree = PathTree()
    for path, method in [("/pets", "GET"), ("/pets/{id}", "GET"), ("/pets/dog", "GET"),
                         ("/pets/{id}/toys", "ANY"), ("/files/{proxy+}", "GET"),
                         ("/{proxy+}", "ANY"), ("/", "GET")]:
        tree.add(path, method, f"{method} {path}")
    return tree


@pytest.mark.parametrize("path,method,operation,params", [
    ("/pets", "GET", "GET /pets", {}),
    ("/pets/", "GET", "GET /pets", {}),
    ("/pets/dog", "GET", "GET /pets/dog", {}),            # a literal before a variable
    ("/pets/cat", "GET", "GET /pets/{id}", {"id": "cat"}),
    ("/pets/7/toys", "DELETE", "ANY /pets/{id}/toys", {"id": "7"}),
    ("/files/a/b/c.txt", "GET", "GET /files/{proxy+}", {"proxy": "a/b/c.txt"}),
    ("/", "GET", "GET /", {}),
    # Nothing more specific has the method: the greedy root takes it.
    ("/pets", "POST", "ANY /{proxy+}", {"proxy": "pets"}),
    ("/files/a", "POST", "ANY /{proxy+}", {"proxy": "files/a"}),
    ("/x/y", "PUT", "ANY /{proxy+}", {"proxy": "x/y"}),
])
def test_the_most_specific_resource_with_the_method_wins(tree, path, method, operation, params):
    found = tree.match(path, method)
    assert (found.operation, found.parameters) == (operation, params)


def test_a_resource_without_the_method_is_found_but_empty():
    tree = PathTree()
    tree.add("/pets", "GET", "list")
    found = tree.match("/pets", "POST")
    assert found.operation is None and found.resource_path == "/pets"
    assert tree.match("/nowhere", "GET") is None


def test_greedy_variables_need_a_segment_and_must_come_last():
    tree = PathTree()
    tree.add("/files/{proxy+}", "GET", "files")
    assert tree.match("/files", "GET").operation is None
    with pytest.raises(PathError):
        tree.add("/a/{rest+}/b", "GET", "x")
    with pytest.raises(PathError):
        tree.add("/a/{other}", "GET", "x") or tree.add("/a/{id}", "GET", "y")
