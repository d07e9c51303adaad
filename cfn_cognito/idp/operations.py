"""Every cognito-idp operation this service implements, by its snake_case AWS name.

The protocol layer looks operations up here by name (`getattr`); an operation of the model
that is not listed is refused with UnsupportedOperationException. Each area module is
imported on the first call of one of its operations: a server answers its first request
without loading the modules (and their libraries) of operations nobody called yet.
"""

from __future__ import annotations

import importlib

_AREAS = {
    "access_token_operations": (
        "change_password",
        "delete_user",
        "delete_user_attributes",
        "get_user",
        "get_user_attribute_verification_code",
        "global_sign_out",
        "update_user_attributes",
        "verify_user_attribute",
    ),
    "admin_users": (
        "admin_create_user",
        "admin_delete_user",
        "admin_delete_user_attributes",
        "admin_disable_user",
        "admin_enable_user",
        "admin_get_user",
        "admin_reset_user_password",
        "admin_set_user_password",
        "admin_update_user_attributes",
    ),
    "auth.operations": (
        "admin_initiate_auth",
        "admin_respond_to_auth_challenge",
        "initiate_auth",
        "respond_to_auth_challenge",
    ),
    "auth_events": (
        "admin_list_user_auth_events",
        "admin_update_auth_event_feedback",
        "update_auth_event_feedback",
    ),
    "auth_factors": (
        "admin_get_user_auth_factors",
        "get_user_auth_factors",
    ),
    "client_secrets": (
        "add_user_pool_client_secret",
        "delete_user_pool_client_secret",
        "list_user_pool_client_secrets",
    ),
    "clients": (
        "create_user_pool_client",
        "delete_user_pool_client",
        "describe_user_pool_client",
        "list_user_pool_clients",
        "update_user_pool_client",
    ),
    "domains": (
        "create_user_pool_domain",
        "delete_user_pool_domain",
        "describe_user_pool_domain",
        "update_user_pool_domain",
    ),
    "forgot_password": (
        "confirm_forgot_password",
        "forgot_password",
    ),
    "group_members": (
        "admin_add_user_to_group",
        "admin_list_groups_for_user",
        "admin_remove_user_from_group",
        "list_users_in_group",
    ),
    "groups": (
        "create_group",
        "delete_group",
        "get_group",
        "list_groups",
        "update_group",
    ),
    "identity_providers": (
        "create_identity_provider",
        "delete_identity_provider",
        "describe_identity_provider",
        "get_identity_provider_by_identifier",
        "list_identity_providers",
        "update_identity_provider",
    ),
    "list_users": (
        "list_users",
    ),
    "log_delivery": (
        "get_log_delivery_configuration",
        "set_log_delivery_configuration",
    ),
    "managed_login_branding": (
        "create_managed_login_branding",
        "delete_managed_login_branding",
        "describe_managed_login_branding",
        "describe_managed_login_branding_by_client",
        "update_managed_login_branding",
    ),
    "pools": (
        "add_custom_attributes",
        "create_user_pool",
        "delete_user_pool",
        "describe_user_pool",
        "list_user_pools",
        "update_user_pool",
    ),
    "provider_links": (
        "admin_disable_provider_for_user",
        "admin_link_provider_for_user",
    ),
    "refresh_operations": (
        "admin_user_global_sign_out",
        "get_tokens_from_refresh_token",
        "revoke_token",
    ),
    "resource_servers": (
        "create_resource_server",
        "delete_resource_server",
        "describe_resource_server",
        "list_resource_servers",
        "update_resource_server",
    ),
    "risk_configuration": (
        "describe_risk_configuration",
        "set_risk_configuration",
    ),
    "sign_up": (
        "admin_confirm_sign_up",
        "confirm_sign_up",
        "resend_confirmation_code",
        "sign_up",
    ),
    "devices": (
        "admin_forget_device",
        "admin_get_device",
        "admin_list_devices",
        "admin_update_device_status",
        "confirm_device",
        "forget_device",
        "get_device",
        "list_devices",
        "update_device_status",
    ),
    "mfa_settings": (
        "admin_delete_software_token",
        "admin_set_user_mfa_preference",
        "admin_set_user_settings",
        "get_user_pool_mfa_config",
        "set_user_mfa_preference",
        "set_user_pool_mfa_config",
        "set_user_settings",
    ),
    "software_token": (
        "associate_software_token",
        "verify_software_token",
    ),
    "signing_certificate": (
        "get_signing_certificate",
    ),
    "tags": (
        "list_tags_for_resource",
        "tag_resource",
        "untag_resource",
    ),
    "terms": (
        "create_terms",
        "delete_terms",
        "describe_terms",
        "describe_terms_by_client",
        "list_terms",
        "update_terms",
    ),
    "ui_customization": (
        "get_ui_customization",
        "set_ui_customization",
    ),
    "user_import": (
        "create_user_import_job",
        "describe_user_import_job",
        "get_csv_header",
        "list_user_import_jobs",
        "start_user_import_job",
        "stop_user_import_job",
    ),
}
_MODULE_OF = {name: area for area, names in _AREAS.items() for name in names}


def __getattr__(name: str):
    area = _MODULE_OF.get(name)
    if area is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    function = getattr(importlib.import_module(f"cfn_cognito.idp.{area}"), name)
    globals()[name] = function      # later look-ups skip this function
    return function


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))
