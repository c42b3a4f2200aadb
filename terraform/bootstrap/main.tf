provider "aws" {
  region = var.region
  # With the account given, credentials for any other account fail before anything is changed.
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = {
      Service    = "orders"
      Deployment = "bootstrap"
      ManagedBy  = "terraform"
    }
  }
}

locals {
  github_oidc_host = "token.actions.githubusercontent.com"

  # Commercial partition only; ARNs are spelled out so policies are known before the roles exist.
  iam_arn          = "arn:aws:iam::${var.account_id}"
  state_bucket_arn = "arn:aws:s3:::${var.state_bucket_name}"

  # What each GitHub environment deploys: its Terraform environment, the IAM names it may manage and its state keys.
  # deployments: the values of the Deployment tag (the environments' name prefix) whose resources the role may touch
  scopes = {
    development = {
      environment = "development"
      iam_names   = "development-*"
      state_keys  = "development/*"
      deployments = "development*"
    }
    # pull-request previews are the workspaces pr-<number> of development
    preview = {
      environment = "development"
      iam_names   = "development-pr-*"
      state_keys  = "development/workspaces/pr-*"
      deployments = "development-pr-*"
    }
    preproduction = {
      environment = "preproduction"
      iam_names   = "preproduction-*"
      state_keys  = "preproduction/*"
      deployments = "preproduction*"
    }
    production = {
      environment = "production"
      iam_names   = "production-*"
      state_keys  = "production/*"
      deployments = "production*"
    }
  }

  deploy_roles = {
    for github_environment in var.github_environments : github_environment => merge(local.scopes[github_environment], {
      name           = "orders-${github_environment}-deploy"
      arn            = "${local.iam_arn}:role/orders-${github_environment}-deploy"
      subject        = "repo:${var.repository}:environment:${github_environment}"
      object_actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    })
  }

  plan_roles = {
    for environment in distinct([for e in var.github_environments : local.scopes[e].environment]) : environment => {
      environment    = environment
      name           = "orders-${environment}-plan"
      arn            = "${local.iam_arn}:role/orders-${environment}-plan"
      subject        = "repo:${var.repository}:pull_request"
      state_keys     = "${environment}/*"
      object_actions = ["s3:GetObject"]
    }
  }

  # The daily scenarios run from the default branch (GitHub runs schedules there only), outside any GitHub environment:
  # their role per Terraform environment may only make and remove the run's users in the user pool of that
  # environment's default workspace, and in production only customers, who see nothing but their own new orders.
  scenarios_roles = {
    for environment in distinct([for e in var.github_environments : local.scopes[e].environment]) : environment => {
      environment = environment
      name        = "orders-${environment}-scenarios"
      arn         = "${local.iam_arn}:role/orders-${environment}-scenarios"
      subject     = "repo:${var.repository}:ref:refs/heads/${var.default_branch}"
      cognito_actions = concat(
        [
          "cognito-idp:AdminCreateUser",
          "cognito-idp:AdminSetUserPassword",
          "cognito-idp:AdminInitiateAuth",
          "cognito-idp:AdminDeleteUser",
          "cognito-idp:ListUsers",
        ],
        environment == "production" ? [] : ["cognito-idp:AdminAddUserToGroup"],
      )
    }
  }

  # the roles that use the state (the scenarios roles have nothing to do with it)
  state_roles = merge(
    { for key, role in local.deploy_roles : "deploy-${key}" => role },
    { for key, role in local.plan_roles : "plan-${key}" => role },
  )

  roles = merge(local.state_roles, { for key, role in local.scenarios_roles : "scenarios-${key}" => role })
}
