# Who may assume which role: a deploy role only jobs of its own GitHub environment, a plan role only
# pull-request jobs, both only with GitHub's token for STS.

mock_provider "aws" {
  source = "../mocks"
}

# The provider's ARN exists only after apply; these plans see the one AWS would give it.
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

run "shared_account_gets_a_deploy_role_per_github_environment_and_a_plan_role_per_environment" {
  command = plan

  assert {
    condition     = { for key, role in aws_iam_role.deploy : key => role.name } == { development = "orders-development-deploy", preproduction = "orders-preproduction-deploy", preview = "orders-preview-deploy" }
    error_message = "The shared account must get orders-<github environment>-deploy for development, preproduction and preview."
  }

  assert {
    condition     = { for key, role in aws_iam_role.plan : key => role.name } == { development = "orders-development-plan", preproduction = "orders-preproduction-plan" }
    error_message = "The shared account must get orders-<environment>-plan for development and preproduction only (preview plans nothing of its own)."
  }

  assert {
    condition     = aws_iam_openid_connect_provider.github.url == "https://token.actions.githubusercontent.com" && aws_iam_openid_connect_provider.github.client_id_list == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider must be GitHub Actions' issuer with the audience sts.amazonaws.com."
  }

  assert {
    condition     = output.github_variables.repository != null && keys(output.github_variables.repository) == ["AWS_ACCOUNT_ID_DEVELOPMENT", "AWS_ACCOUNT_ID_PREPRODUCTION", "AWS_PLAN_ROLE_ARN_DEVELOPMENT", "AWS_PLAN_ROLE_ARN_PREPRODUCTION", "AWS_SCENARIOS_ROLE_ARN_DEVELOPMENT", "AWS_SCENARIOS_ROLE_ARN_PREPRODUCTION"] && keys(output.github_variables.environments) == ["development", "preproduction", "preview"]
    error_message = "github_variables must name the repository variables of the shared account's plan roles and each of its GitHub environments."
  }

  assert {
    condition = (
      alltrue([for variables in values(output.github_variables.environments) : variables.AWS_ACCOUNT_ID == "111122223333"]) &&
      output.github_variables.repository["AWS_ACCOUNT_ID_DEVELOPMENT"] == "111122223333" &&
      output.github_variables.repository["AWS_ACCOUNT_ID_PREPRODUCTION"] == "111122223333"
    )
    error_message = "github_variables must give each GitHub environment and each plan job the account the delivery scripts check the credentials against."
  }
}

run "deploy_roles_trust_only_their_own_github_environment" {
  command = plan

  assert {
    condition = alltrue([
      for github_environment, role in aws_iam_role.deploy : jsondecode(role.assume_role_policy).Statement == [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = "repo:example-org/orders:environment:${github_environment}"
          }
        }
      }]
    ])
    error_message = "Each deploy role must trust exactly one statement: GitHub's OIDC provider, audience sts.amazonaws.com and the subject of its own GitHub environment, matched exactly."
  }

  assert {
    condition = alltrue(flatten([
      for github_environment, role in aws_iam_role.deploy : [
        for other in ["development", "preproduction", "preview", "production"] :
        !strcontains(role.assume_role_policy, ":environment:${other}\"") if other != github_environment
      ]
    ]))
    error_message = "No deploy role may name another GitHub environment's subject."
  }

  assert {
    condition     = alltrue([for role in values(aws_iam_role.deploy) : !strcontains(role.assume_role_policy, "Like") && !strcontains(role.assume_role_policy, "*")])
    error_message = "Deploy roles must match the token's claims exactly, without wildcards."
  }
}

run "plan_roles_trust_only_pull_requests" {
  command = plan

  assert {
    condition = alltrue([
      for role in values(aws_iam_role.plan) : jsondecode(role.assume_role_policy).Statement == [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = "repo:example-org/orders:pull_request"
          }
        }
      }]
    ])
    error_message = "Each plan role must trust only pull-request jobs of the repository, with the audience sts.amazonaws.com."
  }

  assert {
    condition     = alltrue([for role in values(aws_iam_role.plan) : !strcontains(role.assume_role_policy, ":environment:")])
    error_message = "A plan role must not be reachable from a GitHub environment's jobs."
  }
}

run "production_account_serves_production_only" {
  command = plan

  variables {
    github_environments = ["production"]
    state_bucket_name   = "orders-terraform-state-production"
  }

  assert {
    condition     = keys(aws_iam_role.deploy) == ["production"] && aws_iam_role.deploy["production"].name == "orders-production-deploy"
    error_message = "The production account must get the deploy role orders-production-deploy only."
  }

  assert {
    condition     = keys(aws_iam_role.plan) == ["production"] && aws_iam_role.plan["production"].name == "orders-production-plan"
    error_message = "The production account must get the plan role orders-production-plan only."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.deploy["production"].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:example-org/orders:environment:production" &&
      jsondecode(aws_iam_role.plan["production"].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:example-org/orders:pull_request"
    )
    error_message = "Production's deploy role must trust the production environment's jobs, its plan role pull requests."
  }
}

# CI's roles are in the account they deploy, so terraform/production assumes no role for them: no second way in.
run "production_roles_trust_only_github_and_assume_no_role" {
  command = plan

  variables {
    github_environments = ["production"]
  }

  assert {
    condition = [
      for role in [aws_iam_role.deploy["production"], aws_iam_role.plan["production"]] : jsondecode(role.assume_role_policy).Statement
      ] == [
      [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = "repo:example-org/orders:environment:production"
          }
        }
      }],
      [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = "repo:example-org/orders:pull_request"
          }
        }
      }],
    ]
    error_message = "Each production role must trust exactly one statement, GitHub's OIDC provider; no principal of the account may assume it."
  }

  assert {
    condition = alltrue([
      for policy in [aws_iam_role_policy.deploy["production"].policy, aws_iam_role_policy.plan["production"].policy] : !strcontains(policy, "sts:")
    ])
    error_message = "No production role may assume a role: CI's credentials are in the production account already."
  }
}

run "shared_account_roles_assume_no_role" {
  command = plan

  assert {
    condition = alltrue([
      for policy in concat([for p in values(aws_iam_role_policy.deploy) : p.policy], [for p in values(aws_iam_role_policy.plan) : p.policy]) :
      !strcontains(policy, "sts:")
    ])
    error_message = "No role may assume another role (or itself)."
  }

  assert {
    condition = alltrue([
      for role in concat(values(aws_iam_role.deploy), values(aws_iam_role.plan)) : length(jsondecode(role.assume_role_policy).Statement) == 1
    ])
    error_message = "Each trust policy must have exactly one statement, GitHub's OIDC provider."
  }
}
