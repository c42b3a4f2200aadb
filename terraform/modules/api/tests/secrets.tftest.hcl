# The Api's database password and CloudFront's origin value: named after the prefix, out of the state, read only
# by the Api, and never the master user's.
mock_provider "aws" {
  source = "../../mocks"
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


run "function_never_learns_the_master_credentials" {
  assert {
    condition = (
      !contains(values(aws_lambda_function.this.environment[0].variables), "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-db-AbCdEf") &&
      !contains(values(aws_lambda_function.this.environment[0].variables), "app_admin")
    )
    error_message = "The Api must neither be told the master user nor the secret RDS keeps its password in."
  }

  assert {
    condition     = !strcontains(aws_iam_role_policy.function.policy, "rds!cluster-db-AbCdEf")
    error_message = "The Api's role must not be able to read the master user's secret."
  }

  assert {
    condition = flatten([
      for s in jsondecode(aws_iam_role_policy.function.policy).Statement : s.Resource
      if contains(flatten([s.Action]), "secretsmanager:GetSecretValue")
      ]) == [
      "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd",
      "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-origin-verify-Ef34Gh",
    ]
    error_message = "The Api's role may read its own database secret and the origin secret, and no other secret."
  }
}

run "secrets_are_named_after_the_prefix_and_hold_no_value_in_the_state" {
  assert {
    condition     = aws_secretsmanager_secret.database_api.name == "development-database-api" && aws_secretsmanager_secret.origin_verify.name == "development-origin-verify"
    error_message = "The secrets must be named after the prefix."
  }

  assert {
    condition     = aws_secretsmanager_secret_version.origin_verify.secret_string == null
    error_message = "The origin value must go through a write-only argument, so neither the plan nor the state holds it."
  }

  assert {
    condition     = aws_secretsmanager_secret_version.origin_verify.secret_string_wo_version == 1
    error_message = "The origin value must be written once (a fixed write-only version), not again on every apply."
  }

  assert {
    condition     = aws_secretsmanager_secret.database_api.recovery_window_in_days == 0 && aws_secretsmanager_secret.origin_verify.recovery_window_in_days == 0
    error_message = "A removed workspace's secrets must go at once, so the same workspace can be made again."
  }
}

run "origin_value_is_the_secrets_current_one" {
  assert {
    condition     = output.origin_verify_value == "mock-origin-verify-value-0123456789abcdef0123456789abcdef"
    error_message = "CloudFront must be given the current value of the origin secret, as the secret holds it now."
  }

  assert {
    condition     = data.aws_secretsmanager_secret_version.origin_verify.secret_id == aws_secretsmanager_secret.origin_verify.id
    error_message = "The value must be read from the origin secret."
  }
}
