# What the Api's and the migration function's roles may do: listed actions on specific resources, "*" only where
# AWS offers nothing narrower.
mock_provider "aws" {
  source = "../../mocks"
}

# Each log group gets its own ARN, so a grant on the wrong group shows.
override_resource {
  target = aws_cloudwatch_log_group.function
  values = {
    arn = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/lambda/development-api"
  }
}

override_resource {
  target = aws_cloudwatch_log_group.migration
  values = {
    arn = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/lambda/development-migrate"
  }
}

# Each secret gets its own ARN, so a grant or a setting that names the wrong one shows.
override_resource {
  target = aws_secretsmanager_secret.database_api
  values = {
    arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd"
  }
}

override_resource {
  target = aws_secretsmanager_secret.origin_verify
  values = {
    arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-origin-verify-Ef34Gh"
  }
}


run "no_iam_policy_grants_more_than_it_names" {
  variables {
    kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition = alltrue(flatten([
      for policy in [aws_iam_role_policy.function.policy, aws_iam_role_policy.migration.policy] : [
        for s in jsondecode(policy).Statement : [
          for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")
        ]
      ]
    ]))
    error_message = "No policy may grant \"*\" or all actions of a service."
  }

  assert {
    condition = alltrue(flatten([
      for policy in [aws_iam_role_policy.function.policy, aws_iam_role_policy.migration.policy] : [
        for s in jsondecode(policy).Statement : s.Effect == "Allow" && !contains(keys(s), "NotAction") && !contains(keys(s), "NotResource")
      ]
    ]))
    error_message = "The roles may only allow listed actions on listed resources."
  }

  # A specific ARN: partition, service, region, 12-digit account and a resource without wildcards, except a log
  # group's streams (log-group:NAME:*). "*" itself is for the two statements the next assertion names, and no other.
  assert {
    condition = alltrue(flatten([
      for policy in [aws_iam_role_policy.function.policy, aws_iam_role_policy.migration.policy] : [
        for s in jsondecode(policy).Statement : [
          for r in flatten([s.Resource]) :
          r == "*" || can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{12}:([^*]+|log-group:[^*]+:\\*)$", r))
        ]
      ]
    ]))
    error_message = "Every resource must be a specific ARN, but for the EC2 network-interface and X-Ray statements."
  }

  assert {
    condition = alltrue([
      for policy in [aws_iam_role_policy.function.policy, aws_iam_role_policy.migration.policy] : [
        for s in jsondecode(policy).Statement : s if contains(flatten([s.Resource]), "*")
        ] == [
        {
          Sid    = "VpcNetworkInterfaces"
          Effect = "Allow"
          Action = [
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
          ]
          Resource = "*"
        },
        {
          Sid      = "XRayTraces"
          Effect   = "Allow"
          Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
          Resource = "*"
        },
      ]
    ])
    error_message = "Only the documented statements may name \"*\" as their resource: Lambda's network-interface calls in a VPC and X-Ray's segments, with exactly their actions (neither service scopes them to resources)."
  }
}

run "role_is_least_privilege" {
  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.function.policy).Statement : [
        for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")
      ]
    ]))
    error_message = "The function's role must not grant a wildcard action."
  }

  assert {
    condition     = alltrue([for s in jsondecode(aws_iam_role_policy.function.policy).Statement : s.Effect == "Allow" && !contains(keys(s), "NotAction")])
    error_message = "The function's role must only allow listed actions."
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.function.policy).Statement : s.Resource
      if contains(flatten([s.Action]), "logs:PutLogEvents")
    ] == ["arn:aws:logs:eu-central-1:123456789012:log-group:/aws/lambda/development-api:*"]
    error_message = "The function may write only into its own log group's streams."
  }

  assert {
    condition     = !strcontains(aws_iam_role_policy.function.policy, "kms:")
    error_message = "Without a customer managed key the role must not grant any KMS action."
  }

  assert {
    condition     = jsondecode(aws_iam_role.function.assume_role_policy).Statement[0].Principal.Service == "lambda.amazonaws.com"
    error_message = "Only Lambda may assume the function's role."
  }
}

run "customer_managed_key_adds_decrypt_on_that_key_only" {
  variables {
    kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.function.policy).Statement : s
      if strcontains(jsonencode(s.Action), "kms:")
      ] == [{
        Sid      = "DecryptSecrets"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    }]
    error_message = "With a customer managed key the role must get kms:Decrypt on that key only."
  }
}
