"""Every cognito-idp operation this service implements, by its snake_case AWS name.

The protocol layer looks operations up here by name; an operation of the model that is not
listed is refused with UnsupportedOperationException.
"""

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
from cfn_cognito.idp.groups import (  # noqa: F401
    create_group,
    delete_group,
    get_group,
    list_groups,
    update_group,
)
from cfn_cognito.idp.pools import (  # noqa: F401
    add_custom_attributes,
    create_user_pool,
    delete_user_pool,
    describe_user_pool,
    list_user_pools,
    update_user_pool,
)
from cfn_cognito.idp.resource_servers import (  # noqa: F401
    create_resource_server,
    delete_resource_server,
    describe_resource_server,
    list_resource_servers,
    update_resource_server,
)
from cfn_cognito.idp.tags import list_tags_for_resource, tag_resource, untag_resource  # noqa: F401
