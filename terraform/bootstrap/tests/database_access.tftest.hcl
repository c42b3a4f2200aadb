# What the deploy roles need for the private database path (modules/database-access): the relay's instance profile
# and its agent policy; and that PowerUserAccess lets CI assume its own environment's reader after a deploy.

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

run "deploy_roles_make_the_relays_instance_profile_under_their_names" {
  command = plan

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => [
        for s in jsondecode(policy.policy).Statement : s.Resource if contains(flatten([s.Action]), "iam:CreateInstanceProfile")
      ]
      } == {
      development   = ["arn:aws:iam::111122223333:instance-profile/development-*"]
      preproduction = ["arn:aws:iam::111122223333:instance-profile/preproduction-*"]
      preview       = ["arn:aws:iam::111122223333:instance-profile/development-pr-*"]
    }
    error_message = "A deploy role may make instance profiles named with its environment's prefix only."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.deploy) : length([
        for s in jsondecode(policy.policy).Statement : s
        if contains(flatten([s.Action]), "iam:AddRoleToInstanceProfile") && contains(flatten([s.Action]), "iam:DeleteInstanceProfile")
      ]) == 1
    ])
    error_message = "A deploy role must be able to put the relay's role into its profile and remove the profile again."
  }
}

run "deploy_roles_attach_the_agent_policy_to_the_relay_role_only" {
  command = plan

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => [
        for s in jsondecode(policy.policy).Statement : s.Resource
        if contains(flatten([s.Action]), "iam:AttachRolePolicy") && can(s.Condition.ArnEquals)
      ]
      } == {
      development   = ["arn:aws:iam::111122223333:role/development-*db-relay"]
      preproduction = ["arn:aws:iam::111122223333:role/preproduction-*db-relay"]
      preview       = ["arn:aws:iam::111122223333:role/development-pr-*db-relay"]
    }
    error_message = "Systems Manager's agent policy may go to the environment's relay roles only."
  }
}

# The access roles trust the account; PowerUserAccess (everything but IAM, Organizations and Account) lets a deploy role
# assume them, and the Deployment tag keeps it to its own environment's, as for every other resource.
run "deploy_roles_may_assume_only_their_own_environments_database_roles" {
  command = plan

  assert {
    condition     = alltrue([for a in values(aws_iam_role_policy_attachment.deploy) : a.policy_arn == "arn:aws:iam::aws:policy/PowerUserAccess"])
    error_message = "The deploy roles' PowerUserAccess is what allows sts:AssumeRole and sts:SetSourceIdentity on the database roles."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.deploy) : length([
        for s in jsondecode(policy.policy).Statement : s
        if s.Effect == "Deny" && anytrue([for a in flatten([s.Action]) : a == "*" || startswith(a, "sts:")]) && !can(s.Condition.StringNotLike["aws:ResourceTag/Deployment"])
      ]) == 0
    ])
    error_message = "Nothing may deny a deploy role its own environment's database roles."
  }

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => [
        for s in jsondecode(policy.policy).Statement : s.Condition.StringNotLike["aws:ResourceTag/Deployment"]
        if s.Effect == "Deny" && s.Action == "*"
      ]
      } == {
      development   = [["development*", "bootstrap"]]
      preproduction = [["preproduction*", "bootstrap"]]
      preview       = [["development-pr-*", "bootstrap"]]
    }
    error_message = "A deploy role must be denied the roles (database roles included) of every other deployment."
  }
}
