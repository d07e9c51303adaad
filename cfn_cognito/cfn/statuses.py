"""Stack statuses as CloudFormation names them, grouped by what a caller does with them."""

# A stack in one of these has finished its operation.
TERMINAL = frozenset({
    "CREATE_COMPLETE", "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED",
    "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED",
    "DELETE_COMPLETE", "DELETE_FAILED",
})
# A deploy that ends in one of these did what was asked.
SUCCEEDED = frozenset({"CREATE_COMPLETE", "UPDATE_COMPLETE"})
STACK_TYPE = "AWS::CloudFormation::Stack"
# A stack made by a CREATE change set, with nothing in it until the change set is executed.
REVIEW = "REVIEW_IN_PROGRESS"
