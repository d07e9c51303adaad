"""Every cognito-identity operation this service implements, by its snake_case AWS name.

The protocol layer looks operations up here by name; an operation of the model that is not
listed is refused with UnsupportedOperationException.
"""

from cfn_cognito.identity.credentials import get_credentials_for_identity  # noqa: F401
from cfn_cognito.identity.developer import (  # noqa: F401
    get_open_id_token_for_developer_identity,
    lookup_developer_identity,
    merge_developer_identities,
    unlink_developer_identity,
)
from cfn_cognito.identity.identities import (  # noqa: F401
    delete_identities,
    describe_identity,
    get_id,
    list_identities,
    unlink_identity,
)
from cfn_cognito.identity.openid_operations import get_open_id_token  # noqa: F401
from cfn_cognito.identity.pools import (  # noqa: F401
    create_identity_pool,
    delete_identity_pool,
    describe_identity_pool,
    list_identity_pools,
    update_identity_pool,
)
from cfn_cognito.identity.principal_tags import (  # noqa: F401
    get_principal_tag_attribute_map,
    set_principal_tag_attribute_map,
)
from cfn_cognito.identity.roles import get_identity_pool_roles, set_identity_pool_roles  # noqa: F401
from cfn_cognito.identity.tags import list_tags_for_resource, tag_resource, untag_resource  # noqa: F401
