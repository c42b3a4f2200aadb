# What the roles may do: deploy roles PowerUserAccess plus IAM only under their environment's names,
# plan roles ReadOnlyAccess.

mock_provider "aws" {
  source = "../mocks"
}

override_resource {
  target          = aws_iam_openid_connect_provider.github
  override_during = plan
  values = {
    arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
  }
}

variables {
  account_id          = "111122223333"
  repository          = "example-org/orders"
  github_environments = ["development", "preproduction", "preview"]
}

run "managed_policies_are_power_user_for_deploys_and_read_only_for_plans" {
  command = plan

  assert {
    condition     = alltrue([for a in values(aws_iam_role_policy_attachment.deploy) : a.policy_arn == "arn:aws:iam::aws:policy/PowerUserAccess"]) && length(aws_iam_role_policy_attachment.deploy) == 3
    error_message = "Each deploy role must have PowerUserAccess."
  }

  assert {
    condition     = alltrue([for a in values(aws_iam_role_policy_attachment.plan) : a.policy_arn == "arn:aws:iam::aws:policy/ReadOnlyAccess"]) && length(aws_iam_role_policy_attachment.plan) == 2
    error_message = "Each plan role must have ReadOnlyAccess and nothing broader."
  }

  assert {
    condition     = alltrue([for policy in values(aws_iam_role_policy.plan) : !strcontains(policy.policy, "\"iam:")])
    error_message = "Plan roles must get no IAM action beyond ReadOnlyAccess."
  }
}

# The environments name their roles <prefix>-...; preview's workspaces are development-pr-<number>.
run "deploy_roles_manage_only_their_environments_iam_names" {
  command = plan

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => toset(flatten([
        for s in jsondecode(policy.policy).Statement : [s.Resource]
        if anytrue([for a in flatten([s.Action]) : startswith(a, "iam:") && a != "iam:CreateServiceLinkedRole"])
      ]))
      } == {
      development   = toset(["arn:aws:iam::111122223333:role/development-*", "arn:aws:iam::111122223333:policy/development-*", "arn:aws:iam::111122223333:instance-profile/development-*", "arn:aws:iam::111122223333:role/development-*db-relay"])
      preproduction = toset(["arn:aws:iam::111122223333:role/preproduction-*", "arn:aws:iam::111122223333:policy/preproduction-*", "arn:aws:iam::111122223333:instance-profile/preproduction-*", "arn:aws:iam::111122223333:role/preproduction-*db-relay"])
      preview       = toset(["arn:aws:iam::111122223333:role/development-pr-*", "arn:aws:iam::111122223333:policy/development-pr-*", "arn:aws:iam::111122223333:instance-profile/development-pr-*", "arn:aws:iam::111122223333:role/development-pr-*db-relay"])
    }
    error_message = "IAM rights must be limited to roles, policies and instance profiles named with the environment's prefix (preview: development-pr-*)."
  }

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => [
        for s in jsondecode(policy.policy).Statement : s.Resource if contains(flatten([s.Action]), "iam:PassRole")
      ]
      } == {
      development   = ["arn:aws:iam::111122223333:role/development-*"]
      preproduction = ["arn:aws:iam::111122223333:role/preproduction-*"]
      preview       = ["arn:aws:iam::111122223333:role/development-pr-*"]
    }
    error_message = "A deploy role may pass only its environment's roles."
  }

  assert {
    condition = alltrue(flatten([
      for policy in values(aws_iam_role_policy.deploy) : [
        for s in jsondecode(policy.policy).Statement : [
          for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")
        ] if s.Effect == "Allow"
      ]
    ]))
    error_message = "The inline policies must not grant a wildcard action."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.deploy["preview"].policy).Statement : s.Condition
      if contains(flatten([s.Action]), "iam:AttachRolePolicy")
      ] == [
      { ArnLike = { "iam:PolicyARN" = "arn:aws:iam::111122223333:policy/development-pr-*" } },
      { ArnEquals = { "iam:PolicyARN" = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" } },
    ]
    error_message = "A deploy role may attach only its environment's own managed policies, and Systems Manager's agent policy."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.deploy) : [
        for s in jsondecode(policy.policy).Statement : s.Resource if s.Action == "iam:CreateServiceLinkedRole"
      ] == ["arn:aws:iam::111122223333:role/aws-service-role/*"]
    ])
    error_message = "Each deploy role must be able to create service-linked roles, and only those."
  }
}

run "role_names_stay_outside_the_environments_prefixes" {
  command = plan

  assert {
    condition = alltrue([
      for role in concat(values(aws_iam_role.deploy), values(aws_iam_role.plan)) :
      startswith(role.name, "orders-") && !can(regex("^(development|preproduction|production)-", role.name))
    ])
    error_message = "No deploy or plan role may carry an environment's prefix, or a deploy role could change its own or another's permissions."
  }
}

# Development, previews and preproduction share an account: the Deployment tag keeps each role to its own resources.
run "deploy_roles_cannot_touch_another_deployments_resources" {
  command = plan

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => [
        for s in jsondecode(policy.policy).Statement : s.Condition
        if s.Effect == "Deny" && s.Action == "*" && lookup(s, "Resource", null) == "*"
      ]
      } == {
      development   = [{ Null = { "aws:ResourceTag/Deployment" = "false" }, StringNotLike = { "aws:ResourceTag/Deployment" = ["development*", "bootstrap"] } }]
      preproduction = [{ Null = { "aws:ResourceTag/Deployment" = "false" }, StringNotLike = { "aws:ResourceTag/Deployment" = ["preproduction*", "bootstrap"] } }]
      preview       = [{ Null = { "aws:ResourceTag/Deployment" = "false" }, StringNotLike = { "aws:ResourceTag/Deployment" = ["development-pr-*", "bootstrap"] } }]
    }
    error_message = "Each deploy role must be denied every action on resources tagged with another deployment (preview: anything but development-pr-*)."
  }
}

run "plan_roles_read_configuration_not_data" {
  command = plan

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.plan) : anytrue([
        for s in jsondecode(policy.policy).Statement :
        s.Effect == "Deny" && lookup(s, "Resource", null) == "*" && length(setsubtract(["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "dynamodb:Scan", "ssm:GetParameter"], flatten([s.Action]))) == 0
      ])
    ])
    error_message = "Plan roles must be denied reading logs, tables and parameters."
  }

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.plan : key => [
        for s in jsondecode(policy.policy).Statement : s.NotResource
        if s.Effect == "Deny" && contains(flatten([s.Action]), "s3:GetObject")
      ]
      } == {
      development   = ["arn:aws:s3:::orders-terraform-state/development/*"]
      preproduction = ["arn:aws:s3:::orders-terraform-state/preproduction/*"]
    }
    error_message = "Plan roles must read no object but their environment's state."
  }
}

run "plan_roles_read_the_origin_secret_and_no_other" {
  command = plan

  assert {
    condition = alltrue([
      for key, policy in aws_iam_role_policy.plan : [
        for s in jsondecode(policy.policy).Statement : s.Resource
        if s.Effect == "Allow" && contains(flatten([s.Action]), "secretsmanager:GetSecretValue")
      ] == ["arn:aws:secretsmanager:*:111122223333:secret:${key}*-origin-verify-*"]
    ])
    error_message = "Plan roles may read their environment's origin secret, and no other secret."
  }
}

run "scenarios_roles_make_users_of_one_pool_and_staff_nowhere_in_production" {
  command = plan

  variables {
    github_environments = ["development", "preproduction", "production"]
  }

  assert {
    condition     = keys(aws_iam_role.scenarios) == ["development", "preproduction", "production"]
    error_message = "Every Terraform environment needs a scenarios role."
  }

  assert {
    condition = alltrue([
      for key, policy in aws_iam_role_policy.scenarios : alltrue([
        for s in jsondecode(policy.policy).Statement :
        s.Effect == "Allow" && s.Resource == "arn:aws:cognito-idp:*:111122223333:userpool/*" &&
        s.Condition.StringEquals["aws:ResourceTag/Deployment"] == key &&
        alltrue([for action in flatten([s.Action]) : startswith(action, "cognito-idp:Admin") || action == "cognito-idp:ListUsers"])
      ])
    ])
    error_message = "A scenarios role may only administer users of the user pool tagged with its environment."
  }

  assert {
    condition = (
      !contains(flatten([for s in jsondecode(aws_iam_role_policy.scenarios["production"].policy).Statement : s.Action]), "cognito-idp:AdminAddUserToGroup") &&
      contains(flatten([for s in jsondecode(aws_iam_role_policy.scenarios["development"].policy).Statement : s.Action]), "cognito-idp:AdminAddUserToGroup")
    )
    error_message = "Production's scenarios role must not make anyone staff; the others must."
  }

  assert {
    condition = alltrue([
      for role in values(aws_iam_role.scenarios) :
      jsondecode(role.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:example-org/orders:ref:refs/heads/development"
    ])
    error_message = "Scenarios roles must trust jobs of the default branch only."
  }
}
