"""Every cognito-idp operation this service implements, by module (operation_table.py
says how the protocol finds them; any other operation of the model is refused by name)."""

from __future__ import annotations

from cfn_cognito import operation_table

AREAS = {
    "accounts.access_token_operations": (
        "change_password",
        "delete_user",
        "delete_user_attributes",
        "get_user",
        "get_user_attribute_verification_code",
        "global_sign_out",
        "update_user_attributes",
        "verify_user_attribute",
    ),
    "accounts.admin_users": (
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
    "accounts.devices": (
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
    "accounts.forgot_password": (
        "confirm_forgot_password",
        "forgot_password",
    ),
    "accounts.group_members": (
        "admin_add_user_to_group",
        "admin_list_groups_for_user",
        "admin_remove_user_from_group",
        "list_users_in_group",
    ),
    "accounts.groups": (
        "create_group",
        "delete_group",
        "get_group",
        "list_groups",
        "update_group",
    ),
    "accounts.list_users": (
        "list_users",
    ),
    "accounts.passkey_operations": (
        "complete_web_authn_registration",
        "delete_web_authn_credential",
        "list_web_authn_credentials",
        "start_web_authn_registration",
    ),
    "accounts.provider_links": (
        "admin_disable_provider_for_user",
        "admin_link_provider_for_user",
    ),
    "accounts.sign_up": (
        "admin_confirm_sign_up",
        "confirm_sign_up",
        "resend_confirmation_code",
        "sign_up",
    ),
    "appclients.client_secrets": (
        "add_user_pool_client_secret",
        "delete_user_pool_client_secret",
        "list_user_pool_client_secrets",
    ),
    "appclients.clients": (
        "create_user_pool_client",
        "delete_user_pool_client",
        "describe_user_pool_client",
        "list_user_pool_clients",
        "update_user_pool_client",
    ),
    "auth.events": (
        "admin_list_user_auth_events",
        "admin_update_auth_event_feedback",
        "update_auth_event_feedback",
    ),
    "auth.factors": (
        "admin_get_user_auth_factors",
        "get_user_auth_factors",
    ),
    "auth.operations": (
        "admin_initiate_auth",
        "admin_respond_to_auth_challenge",
        "initiate_auth",
        "respond_to_auth_challenge",
    ),
    "auth.software_token": (
        "associate_software_token",
        "verify_software_token",
    ),
    "federation.identity_providers": (
        "create_identity_provider",
        "delete_identity_provider",
        "describe_identity_provider",
        "get_identity_provider_by_identifier",
        "list_identity_providers",
        "update_identity_provider",
    ),
    "issuer.client_tokens": (
        "get_client_token",
    ),
    "issuer.session_operations": (
        "admin_list_user_sessions",
        "admin_revoke_user_session",
        "list_user_sessions",
        "revoke_user_session",
    ),
    "issuer.token_exchange": (
        "get_derived_token",
    ),
    "issuer.token_operations": (
        "admin_user_global_sign_out",
        "get_tokens_from_refresh_token",
        "revoke_token",
    ),
    "userimport.jobs": (
        "create_user_import_job",
        "describe_user_import_job",
        "get_csv_header",
        "list_user_import_jobs",
        "start_user_import_job",
        "stop_user_import_job",
    ),
    "userpools.domains": (
        "create_user_pool_domain",
        "delete_user_pool_domain",
        "describe_user_pool_domain",
        "update_user_pool_domain",
    ),
    "userpools.log_delivery": (
        "get_log_delivery_configuration",
        "set_log_delivery_configuration",
    ),
    "userpools.managed_login_branding": (
        "create_managed_login_branding",
        "delete_managed_login_branding",
        "describe_managed_login_branding",
        "describe_managed_login_branding_by_client",
        "update_managed_login_branding",
    ),
    "userpools.mfa_settings": (
        "admin_delete_software_token",
        "admin_set_user_mfa_preference",
        "admin_set_user_settings",
        "get_user_pool_mfa_config",
        "set_user_mfa_preference",
        "set_user_pool_mfa_config",
        "set_user_settings",
    ),
    "userpools.pools": (
        "add_custom_attributes",
        "create_user_pool",
        "delete_user_pool",
        "describe_user_pool",
        "list_user_pools",
        "update_user_pool",
    ),
    "userpools.resource_servers": (
        "create_resource_server",
        "delete_resource_server",
        "describe_resource_server",
        "list_resource_servers",
        "update_resource_server",
    ),
    "userpools.risk_configuration": (
        "describe_risk_configuration",
        "set_risk_configuration",
    ),
    "userpools.session_configuration": (
        "get_user_pool_client_session_configuration",
        "get_user_pool_session_configuration",
        "set_user_pool_client_session_configuration",
        "set_user_pool_session_configuration",
    ),
    "userpools.signing_certificate": (
        "get_signing_certificate",
    ),
    "userpools.tags": (
        "list_tags_for_resource",
        "tag_resource",
        "untag_resource",
    ),
    "userpools.terms": (
        "create_terms",
        "delete_terms",
        "describe_terms",
        "describe_terms_by_client",
        "list_terms",
        "update_terms",
    ),
    "userpools.ui_customization": (
        "get_ui_customization",
        "set_ui_customization",
    ),
}
__getattr__, __dir__ = operation_table.lazy_module(globals(), "cfn_cognito.idp", AREAS)
