"""Every CloudFormation operation this service answers, by its snake_case name (the query
protocol finds them here; any other operation of the model is refused by name)."""

from cfn_cognito.cfn.api.change_set_ops import (  # noqa: F401
    create_change_set,
    delete_change_set,
    describe_change_set,
    execute_change_set,
    list_change_sets,
)
from cfn_cognito.cfn.api.exports import list_exports, list_imports  # noqa: F401
from cfn_cognito.cfn.api.resource_ops import (  # noqa: F401
    describe_stack_resource,
    describe_stack_resources,
    list_stack_resources,
)
from cfn_cognito.cfn.api.stack_ops import (  # noqa: F401
    create_stack,
    delete_stack,
    describe_stack_events,
    describe_stacks,
    list_stacks,
    update_stack,
)
from cfn_cognito.cfn.api.template_ops import (  # noqa: F401
    get_template,
    get_template_summary,
    validate_template,
)
