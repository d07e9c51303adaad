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
from cfn_cognito.idp.list_users import list_users  # noqa: F401
from cfn_cognito.idp.pools import (  # noqa: F401
    add_custom_attributes,
    create_user_pool,
    delete_user_pool,
    describe_user_pool,
    list_user_pools,
    update_user_pool,
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
from cfn_cognito.idp.sign_up import (  # noqa: F401
    admin_confirm_sign_up,
    confirm_sign_up,
    resend_confirmation_code,
    sign_up,
)
from cfn_cognito.idp.tags import list_tags_for_resource, tag_resource, untag_resource  # noqa: F401
