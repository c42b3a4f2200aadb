# The migration function: the Api's package in migrate mode, where the Api runs, as the schema's owner, with a
# role of its own; and what the deploy needs to invoke it.
mock_provider "aws" {
  source = "../../mocks"
}

# Its log group gets an ARN of its own (the mocks give every group the same one), so a grant on another group shows.
override_resource {
  target = aws_cloudwatch_log_group.migration
  values = {
    arn = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/lambda/development-migrate"
  }
}

# The Api's database secret gets an ARN of its own, so a grant or a setting that names another secret shows.
override_resource {
  target = aws_secretsmanager_secret.database_api
  values = {
    arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd"
  }
}


run "migration_function_runs_the_same_package_in_migrate_mode" {
  command = plan

  assert {
    condition = (
      aws_lambda_function.migration.function_name == "development-migrate" &&
      aws_lambda_function.migration.s3_bucket == "artifacts" && aws_lambda_function.migration.s3_key == "api/api.zip" &&
      aws_lambda_function.migration.handler == aws_lambda_function.this.handler &&
      aws_lambda_function.migration.runtime == aws_lambda_function.this.runtime &&
      aws_lambda_function.migration.architectures == aws_lambda_function.this.architectures
    )
    error_message = "The migration function must run the Api's own package, build and handler."
  }

  assert {
    condition     = aws_lambda_function.migration.environment[0].variables["API_COMMAND"] == "migrate" && !contains(keys(aws_lambda_function.this.environment[0].variables), "API_COMMAND")
    error_message = "Only the migration function may run the package in migrate mode."
  }

  assert {
    condition = alltrue([
      for key in ["Database__Host", "Database__Port", "Database__Name", "Database__SslMode", "Database__RootCertificate", "SECRETS_MANAGER_TTL"] :
      aws_lambda_function.migration.environment[0].variables[key] == aws_lambda_function.this.environment[0].variables[key]
    ])
    error_message = "The migration function must migrate the database the Api uses, over TLS verified the same way."
  }

  assert {
    condition = (
      aws_lambda_function.migration.vpc_config[0].subnet_ids == aws_lambda_function.this.vpc_config[0].subnet_ids &&
      aws_lambda_function.migration.vpc_config[0].security_group_ids == aws_lambda_function.this.vpc_config[0].security_group_ids &&
      aws_lambda_function.migration.layers == aws_lambda_function.this.layers
    )
    error_message = "The migration function must run where the Api runs (its subnets and security group, the only way to the database) with the secrets extension."
  }

  assert {
    condition     = aws_lambda_function.migration.timeout == 900 && !aws_lambda_function.migration.publish
    error_message = "The migration function must have Lambda's longest timeout and publish no versions (the deploy invokes its latest code)."
  }
}

run "migration_function_logs_in_as_the_master_user_and_sets_the_apis_password" {
  assert {
    condition = (
      aws_lambda_function.migration.environment[0].variables["Database__Username"] == "app_admin" &&
      aws_lambda_function.migration.environment[0].variables["Database__SecretArn"] == "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-db-AbCdEf" &&
      aws_lambda_function.migration.environment[0].variables["Database__ApiSecretArn"] == "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd"
    )
    error_message = "The migration function must log in as the master user (the schema's owner) and know the secret with the Api role's password."
  }

  assert {
    condition = (
      !contains(keys(aws_lambda_function.migration.environment[0].variables), "Origin__SecretArn") &&
      !contains(keys(aws_lambda_function.migration.environment[0].variables), "Authentication__Schemes__Bearer__Authority")
    )
    error_message = "The migration function serves no requests and needs neither the origin secret nor the token settings."
  }
}

run "migration_function_writes_only_its_own_logs_and_reads_only_the_database_secrets" {
  assert {
    condition = [
      for s in jsondecode(aws_iam_role_policy.migration.policy).Statement : s.Resource
      if contains(flatten([s.Action]), "logs:PutLogEvents")
    ] == ["arn:aws:logs:eu-central-1:123456789012:log-group:/aws/lambda/development-migrate:*"]
    error_message = "The migration function may write only into its own log group's streams."
  }

  assert {
    condition = flatten([
      for s in jsondecode(aws_iam_role_policy.migration.policy).Statement : s.Resource
      if contains(flatten([s.Action]), "secretsmanager:GetSecretValue")
      ]) == [
      "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-db-AbCdEf",
      "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd",
    ]
    error_message = "The migration function may read the master user's secret and the Api role's secret only (not the origin secret)."
  }

  assert {
    condition     = aws_iam_role.migration.name == "development-migrate-role" && aws_iam_role.migration.name != aws_iam_role.function.name
    error_message = "The migration function must have a role of its own."
  }

  assert {
    condition     = aws_lambda_function.migration.logging_config[0].log_group == "/aws/lambda/development-migrate" && aws_cloudwatch_log_group.migration.retention_in_days == aws_cloudwatch_log_group.function.retention_in_days
    error_message = "The migration function must log into its own group, kept as long as the Api's."
  }
}

run "outputs_tell_the_deploy_what_to_migrate_and_which_version_to_move_live_to" {
  assert {
    condition     = output.migration_function_name == "development-migrate" && output.published_version == aws_lambda_function.this.version
    error_message = "The deploy needs the migration function's name and the version this apply published."
  }
}

run "migration_timeout_beyond_lambdas_limit_is_rejected" {
  command = plan

  variables {
    migration_timeout = 901
  }

  expect_failures = [var.migration_timeout]
}
