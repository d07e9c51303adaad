"""Every cognito-identity operation this service implements, by module (operation_table.py
says how the protocol finds them; any other operation of the model is refused by name)."""

from __future__ import annotations

from cfn_cognito import operation_table

AREAS = {
    "credentials": (
        "get_credentials_for_identity",
    ),
    "developer": (
        "get_open_id_token_for_developer_identity",
        "lookup_developer_identity",
        "merge_developer_identities",
        "unlink_developer_identity",
    ),
    "identities": (
        "delete_identities",
        "describe_identity",
        "get_id",
        "list_identities",
        "unlink_identity",
    ),
    "openid_operations": (
        "get_open_id_token",
    ),
    "pools": (
        "create_identity_pool",
        "delete_identity_pool",
        "describe_identity_pool",
        "list_identity_pools",
        "update_identity_pool",
    ),
    "principal_tags": (
        "get_principal_tag_attribute_map",
        "set_principal_tag_attribute_map",
    ),
    "roles": (
        "get_identity_pool_roles",
        "set_identity_pool_roles",
    ),
    "tags": (
        "list_tags_for_resource",
        "tag_resource",
        "untag_resource",
    ),
}
__getattr__, __dir__ = operation_table.lazy_module(globals(), "cfn_cognito.identity", AREAS)
