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

  # what pull requests' plans may not read: data, as opposed to the configuration Terraform refreshes
  plan_data_reads = [
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "logs:GetLogRecord",
    "logs:StartQuery",
    "logs:GetQueryResults",
    "logs:StartLiveTail",
    "logs:Unmask",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "athena:GetQueryResults",
    "cloudtrail:LookupEvents",
  ]

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

  # a job from the role's GitHub environment (deploy), from a pull request (plan) or from the default branch (scenarios),
  # and nothing else
  trust_policies = {
    for key, role in local.roles : key => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "${local.github_oidc_host}:aud" = "sts.amazonaws.com"
            "${local.github_oidc_host}:sub" = role.subject
          }
        }
      }]
    })
  }

  # identity side of the state access; the bucket policy's denies make the key limit hold against the managed policies
  state_statements = {
    for key, role in merge(
      { for key, role in local.deploy_roles : "deploy-${key}" => role },
      { for key, role in local.plan_roles : "plan-${key}" => role },
      ) : key => [
      {
        # key names only; the backend lists the workspaces and needs it to tell a missing state (404) from a refusal
        Sid      = "ListStateBucket"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = local.state_bucket_arn
      },
      {
        Sid      = "UseOwnState"
        Effect   = "Allow"
        Action   = role.object_actions
        Resource = "${local.state_bucket_arn}/${role.state_keys}"
      },
    ]
  }
}

# GitHub's OIDC issuer; AWS trusts its certificate authority itself, so no thumbprint is pinned.
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${local.github_oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}

# State bucket

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket_name

  # It holds every environment's state; removing it takes a deliberate edit here.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.bucket

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.bucket

  rule {
    # S3-managed keys: the roles need no KMS key policy to read and write state.
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.bucket

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.bucket

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.bucket

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }],
      # PowerUserAccess and ReadOnlyAccess reach every bucket; these denies keep each role to its own keys.
      flatten([
        for key, role in local.state_roles : [
          {
            Sid       = "${replace(title(replace(key, "-", " ")), " ", "")}OnlyStateActions"
            Effect    = "Deny"
            Principal = "*"
            NotAction = concat(["s3:ListBucket"], role.object_actions)
            Resource  = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
            Condition = { ArnEquals = { "aws:PrincipalArn" = role.arn } }
          },
          {
            Sid         = "${replace(title(replace(key, "-", " ")), " ", "")}OnlyOwnKeys"
            Effect      = "Deny"
            Principal   = "*"
            Action      = role.object_actions
            NotResource = "${local.state_bucket_arn}/${role.state_keys}"
            Condition   = { ArnEquals = { "aws:PrincipalArn" = role.arn } }
          },
        ]
      ]),
    )
  })

  # S3 rejects concurrent changes to one bucket's configuration.
  depends_on = [aws_s3_bucket_public_access_block.state]
}

# Deploy roles: one per GitHub environment of the account

resource "aws_iam_role" "deploy" {
  for_each = local.deploy_roles

  name        = each.value.name
  description = "Applies ${each.value.environment} from GitHub environment ${each.key} of ${var.repository}"
  # a destroy waits 20 to 40 minutes for Lambda's network interfaces; allow jobs a 2-hour session
  max_session_duration = 7200

  assume_role_policy = local.trust_policies["deploy-${each.key}"]
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each = local.deploy_roles

  role       = aws_iam_role.deploy[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_role_policy" "deploy" {
  for_each = local.deploy_roles

  name = "${each.value.name}-permissions"
  role = aws_iam_role.deploy[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          # PowerUserAccess leaves out IAM; the environments create their Lambda role and its inline policy.
          Sid    = "ManageEnvironmentRoles"
          Effect = "Allow"
          Action = [
            "iam:CreateRole",
            "iam:DeleteRole",
            "iam:GetRole",
            "iam:UpdateRole",
            "iam:UpdateRoleDescription",
            "iam:UpdateAssumeRolePolicy",
            "iam:TagRole",
            "iam:UntagRole",
            "iam:ListRoleTags",
            "iam:ListRolePolicies",
            "iam:GetRolePolicy",
            "iam:PutRolePolicy",
            "iam:DeleteRolePolicy",
            "iam:ListAttachedRolePolicies",
            "iam:ListInstanceProfilesForRole",
            "iam:PassRole",
          ]
          Resource = "${local.iam_arn}:role/${each.value.iam_names}"
        },
        {
          Sid    = "ManageEnvironmentPolicies"
          Effect = "Allow"
          Action = [
            "iam:CreatePolicy",
            "iam:DeletePolicy",
            "iam:GetPolicy",
            "iam:GetPolicyVersion",
            "iam:ListPolicyVersions",
            "iam:CreatePolicyVersion",
            "iam:DeletePolicyVersion",
            "iam:TagPolicy",
            "iam:UntagPolicy",
            "iam:ListPolicyTags",
          ]
          Resource = "${local.iam_arn}:policy/${each.value.iam_names}"
        },
        {
          # only the environment's own managed policies, never AdministratorAccess or the like
          Sid       = "AttachEnvironmentPolicies"
          Effect    = "Allow"
          Action    = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
          Resource  = "${local.iam_arn}:role/${each.value.iam_names}"
          Condition = { ArnLike = { "iam:PolicyARN" = "${local.iam_arn}:policy/${each.value.iam_names}" } }
        },
        {
          # RDS, Lambda in a VPC and others create their service-linked role on first use in an account.
          Sid      = "CreateServiceLinkedRoles"
          Effect   = "Allow"
          Action   = "iam:CreateServiceLinkedRole"
          Resource = "${local.iam_arn}:role/aws-service-role/*"
        },
        {
          # The shared account holds other environments too: whatever carries another deployment's tag (every
          # resource of an environment carries Deployment = its name prefix) is out of reach, tags included.
          Sid      = "OnlyOwnDeployments"
          Effect   = "Deny"
          Action   = "*"
          Resource = "*"
          Condition = {
            Null          = { "aws:ResourceTag/Deployment" = "false" }
            StringNotLike = { "aws:ResourceTag/Deployment" = [each.value.deployments, "bootstrap"] }
          }
        },
      ],
      local.state_statements["deploy-${each.key}"],
    )
  })
}

# Plan roles: one per Terraform environment of the account, read-only, for pull requests

resource "aws_iam_role" "plan" {
  for_each = local.plan_roles

  name        = each.value.name
  description = "Plans ${each.key} read-only for pull requests of ${var.repository}"

  assume_role_policy = local.trust_policies["plan-${each.key}"]
}

resource "aws_iam_role_policy_attachment" "plan" {
  for_each = local.plan_roles

  role       = aws_iam_role.plan[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy" "plan" {
  for_each = local.plan_roles

  name = "${each.value.name}-permissions"
  role = aws_iam_role.plan[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.state_statements["plan-${each.key}"], [
      {
        # ReadOnlyAccess reads data too; a pull request's code runs with this role, so it gets configuration only
        Sid      = "NoDataReads"
        Effect   = "Deny"
        Action   = local.plan_data_reads
        Resource = "*"
      },
      {
        Sid         = "NoObjectsButItsState"
        Effect      = "Deny"
        Action      = ["s3:GetObject", "s3:GetObjectVersion"]
        NotResource = "${local.state_bucket_arn}/${each.value.state_keys}"
      },
      {
        # A plan reads the origin value Terraform wrote, for CloudFront's header (which the state holds anyway); no other
        # secret, neither the master user's nor the Api's database password, which only the deploy writes.
        Sid      = "ReadTheOriginSecret"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = "arn:aws:secretsmanager:*:${var.account_id}:secret:${each.key}*-origin-verify-*"
      },
    ])
  })
}

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
