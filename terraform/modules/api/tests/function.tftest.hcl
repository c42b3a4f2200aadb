# The Api's function: its build, package, layers and settings, where it runs and logs, the provisioned concurrency
# its deploy gives each version, and the inputs it refuses.
mock_provider "aws" {
  source = "../../mocks"
}

# Each secret gets its own ARN, so a setting that names the wrong one shows.
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


run "defaults_run_the_native_aot_build_on_arm64" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "bootstrap"
    error_message = "The default runtime must be provided.al2023 with the handler bootstrap."
  }

  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "The default architecture must be arm64."
  }

  assert {
    condition     = aws_lambda_function.this.s3_bucket == "artifacts" && aws_lambda_function.this.s3_key == "api/api.zip" && aws_lambda_function.this.filename == null
    error_message = "The package must come from the given S3 object."
  }
}

run "function_is_traced_logged_and_published" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.function_name == "development-api"
    error_message = "The function name must derive from the name prefix."
  }

  assert {
    condition     = aws_lambda_function.this.tracing_config[0].mode == "Active"
    error_message = "X-Ray tracing must be active."
  }

  assert {
    condition     = aws_lambda_function.this.publish
    error_message = "Every deploy must publish a version for the live alias."
  }

  assert {
    condition     = aws_cloudwatch_log_group.function.name == "/aws/lambda/development-api" && aws_cloudwatch_log_group.function.retention_in_days == 30
    error_message = "The function's log group must be named after it and keep events for log_retention_days."
  }

  assert {
    condition     = aws_lambda_function.this.logging_config[0].log_group == "/aws/lambda/development-api" && aws_lambda_function.this.logging_config[0].log_format == "JSON"
    error_message = "The function must log JSON into its own log group."
  }

  assert {
    condition     = aws_lambda_function.this.vpc_config[0].security_group_ids == toset(["sg-lambda"]) && aws_lambda_function.this.vpc_config[0].subnet_ids == toset(["subnet-a", "subnet-b"])
    error_message = "The function must run in the given private subnets with the given security group."
  }

  assert {
    condition     = aws_lambda_function.this.layers == tolist(["arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"])
    error_message = "The Parameters and Secrets extension must be the only layer when no collector layer is given."
  }
}

run "function_gets_the_database_settings" {
  assert {
    condition = aws_lambda_function.this.environment[0].variables == tomap({
      ASPNETCORE_ENVIRONMENT                             = "Development"
      OTEL_SERVICE_NAME                                  = "development-api"
      OTEL_RESOURCE_ATTRIBUTES                           = "deployment.environment.name=development"
      Database__Host                                     = "db.cluster.example"
      Database__Port                                     = "5432"
      Database__Name                                     = "appdb"
      Database__SecretArn                                = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd"
      Database__SslMode                                  = "VerifyFull"
      Database__RootCertificate                          = "rds-ca-bundle.pem"
      SECRETS_MANAGER_TTL                                = "60"
      Authentication__Schemes__Bearer__Authority         = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123"
      Authentication__Schemes__Bearer__ValidAudiences__0 = "webclient0000000000000000a"
      Authentication__Schemes__Bearer__ValidAudiences__1 = "scenariosclient0000000000b"
      Origin__SecretArn                                  = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-origin-verify-Ef34Gh"
    })
    error_message = "The function's environment must hold exactly the app environment, telemetry name, database settings (no user: the Api's own role, which its code names; its own secret; TLS verified against the RDS CA bundle), the token issuer and audiences, and the origin secret."
  }
}

run "provisioned_concurrency_is_off_by_default" {
  assert {
    condition     = output.provisioned_concurrency == 0
    error_message = "No provisioned concurrency may be asked for when the variable is 0."
  }
}

run "provisioned_concurrency_is_the_deploys_to_give_each_version" {
  variables {
    provisioned_concurrency = 3
  }

  assert {
    condition     = output.provisioned_concurrency == 3
    error_message = "The deploy must be told the provisioned concurrency each version gets."
  }
}

run "empty_secrets_extension_layer_is_rejected" {
  command = plan

  variables {
    secrets_extension_layer_arn = ""
  }

  expect_failures = [var.secrets_extension_layer_arn]
}

run "secrets_extension_layer_without_version_is_rejected" {
  command = plan

  variables {
    secrets_extension_layer_arn = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64"
  }

  expect_failures = [var.secrets_extension_layer_arn]
}

run "each_prefix_is_its_own_service_in_traces" {
  command = plan

  variables {
    name = "development-pr-42"
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["OTEL_SERVICE_NAME"] == "development-pr-42-api"
    error_message = "OTEL_SERVICE_NAME must derive from the prefix, so workspaces and environments sharing an account do not mix their traces."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["OTEL_RESOURCE_ATTRIBUTES"] == "deployment.environment.name=development-pr-42"
    error_message = "The deployment attribute must name the prefix."
  }
}

run "telemetry_collector_layer_receives_the_otlp_export_when_given" {
  command = plan

  variables {
    telemetry_collector_layer_arn = "arn:aws:lambda:eu-central-1:901920570463:layer:aws-otel-collector-arm64-ver-0-117-0:1"
  }

  assert {
    condition     = contains(aws_lambda_function.this.layers, "arn:aws:lambda:eu-central-1:901920570463:layer:aws-otel-collector-arm64-ver-0-117-0:1")
    error_message = "The collector layer must be attached next to the secrets extension."
  }

  assert {
    condition     = length(aws_lambda_function.this.layers) == 2
    error_message = "Both layers must be attached."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://localhost:4318"
    error_message = "The Api must export to the collector on localhost."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf"
    error_message = "The Api must export OTLP over HTTP, which the collector's 4318 port speaks."
  }
}

run "unknown_runtime_is_rejected" {
  command = plan

  variables {
    runtime = "nodejs22.x"
  }

  expect_failures = [var.runtime]
}

run "package_from_file_and_s3_at_once_is_rejected" {
  command = plan

  variables {
    package = { file = "api.zip", s3_bucket = "artifacts", s3_key = "api.zip" }
  }

  expect_failures = [var.package]
}
