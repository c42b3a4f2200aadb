# Scenarios roles: one per Terraform environment of the account, for the daily scenarios' users (scenario-callers.sh)

resource "aws_iam_role" "scenarios" {
  for_each = local.scenarios_roles

  name        = each.value.name
  description = "Makes and removes the daily scenarios' users of ${each.key}'s user pool for ${var.repository}"

  assume_role_policy = local.trust_policies["scenarios-${each.key}"]
}

resource "aws_iam_role_policy" "scenarios" {
  for_each = local.scenarios_roles

  name = "${each.value.name}-permissions"
  role = aws_iam_role.scenarios[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      # the user pool of the environment's default workspace only: its Deployment tag is the environment's name
      Sid       = "ScenarioUsersOfOnePool"
      Effect    = "Allow"
      Action    = each.value.cognito_actions
      Resource  = "arn:aws:cognito-idp:*:${var.account_id}:userpool/*"
      Condition = { StringEquals = { "aws:ResourceTag/Deployment" = each.key } }
    }]
  })
}
