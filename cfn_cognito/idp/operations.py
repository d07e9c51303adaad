"""Every cognito-idp operation this service implements, by its snake_case AWS name.

The protocol layer looks operations up here by name; an operation of the model that is not
listed is refused with UnsupportedOperationException.
"""

from cfn_cognito.idp.access_token_operations import (  # noqa: F401
    change_password,
    delete_user,
    delete_user_attributes,
    get_user,
    get_user_attribute_verification_code,
    global_sign_out,
    update_user_attributes,
    verify_user_attribute,
)
from cfn_cognito.idp.admin_users import (  # noqa: F401
    admin_create_user,
    admin_delete_user,
    admin_delete_user_attributes,
    admin_disable_user,
    admin_enable_user,
    admin_get_user,
    admin_reset_user_password,
    admin_set_user_password,
    admin_update_user_attributes,
)
from cfn_cognito.idp.auth.operations import (  # noqa: F401
    admin_initiate_auth,
    admin_respond_to_auth_challenge,
    initiate_auth,
    respond_to_auth_challenge,
)
from cfn_cognito.idp.auth_events import (  # noqa: F401
    admin_list_user_auth_events,
    admin_update_auth_event_feedback,
    update_auth_event_feedback,
)
from cfn_cognito.idp.client_secrets import (  # noqa: F401
    add_user_pool_client_secret,
    delete_user_pool_client_secret,
    list_user_pool_client_secrets,
)
from cfn_cognito.idp.clients import (  # noqa: F401
    create_user_pool_client,
    delete_user_pool_client,
    describe_user_pool_client,
    list_user_pool_clients,
    update_user_pool_client,
)
from cfn_cognito.idp.domains import (  # noqa: F401
    create_user_pool_domain,
    delete_user_pool_domain,
    describe_user_pool_domain,
    update_user_pool_domain,
)
from cfn_cognito.idp.forgot_password import confirm_forgot_password, forgot_password  # noqa: F401
from cfn_cognito.idp.group_members import (  # noqa: F401
    admin_add_user_to_group,
    admin_list_groups_for_user,
    admin_remove_user_from_group,
    list_users_in_group,
)
from cfn_cognito.idp.groups import (  # noqa: F401
    create_group,
    delete_group,
    get_group,
    list_groups,
    update_group,
)
from cfn_cognito.idp.identity_providers import (  # noqa: F401
    create_identity_provider,
    delete_identity_provider,
    describe_identity_provider,
    get_identity_provider_by_identifier,
    list_identity_providers,
    update_identity_provider,
)
from cfn_cognito.idp.list_users import list_users  # noqa: F401
from cfn_cognito.idp.log_delivery import (  # noqa: F401
    get_log_delivery_configuration,
    set_log_delivery_configuration,
)
from cfn_cognito.idp.managed_login_branding import (  # noqa: F401
    create_managed_login_branding,
    delete_managed_login_branding,
    describe_managed_login_branding,
    describe_managed_login_branding_by_client,
    update_managed_login_branding,
)
from cfn_cognito.idp.pools import (  # noqa: F401
    add_custom_attributes,
    create_user_pool,
    delete_user_pool,
    describe_user_pool,
    list_user_pools,
    update_user_pool,
)
from cfn_cognito.idp.provider_links import (  # noqa: F401
    admin_disable_provider_for_user,
    admin_link_provider_for_user,
)
from cfn_cognito.idp.refresh_operations import (  # noqa: F401
    admin_user_global_sign_out,
    get_tokens_from_refresh_token,
    revoke_token,
)
from cfn_cognito.idp.resource_servers import (  # noqa: F401
    create_resource_server,
    delete_resource_server,
    describe_resource_server,
    list_resource_servers,
    update_resource_server,
)
from cfn_cognito.idp.risk_configuration import (  # noqa: F401
    describe_risk_configuration,
    set_risk_configuration,
)
from cfn_cognito.idp.sign_up import (  # noqa: F401
    admin_confirm_sign_up,
    confirm_sign_up,
    resend_confirmation_code,
    sign_up,
)
from cfn_cognito.idp.devices import (  # noqa: F401
    admin_forget_device,
    admin_get_device,
    admin_list_devices,
    admin_update_device_status,
    confirm_device,
    forget_device,
    get_device,
    list_devices,
    update_device_status,
)
from cfn_cognito.idp.mfa_settings import (  # noqa: F401
    admin_delete_software_token,
    admin_set_user_mfa_preference,
    admin_set_user_settings,
    get_user_pool_mfa_config,
    set_user_mfa_preference,
    set_user_pool_mfa_config,
    set_user_settings,
)
from cfn_cognito.idp.software_token import (  # noqa: F401
    associate_software_token,
    verify_software_token,
)
from cfn_cognito.idp.signing_certificate import get_signing_certificate  # noqa: F401
from cfn_cognito.idp.tags import list_tags_for_resource, tag_resource, untag_resource  # noqa: F401
from cfn_cognito.idp.terms import (  # noqa: F401
    create_terms,
    delete_terms,
    describe_terms,
    describe_terms_by_client,
    list_terms,
    update_terms,
)
from cfn_cognito.idp.ui_customization import get_ui_customization, set_ui_customization  # noqa: F401
from cfn_cognito.idp.user_import import (  # noqa: F401
    create_user_import_job,
    describe_user_import_job,
    get_csv_header,
    list_user_import_jobs,
    start_user_import_job,
    stop_user_import_job,
)
