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
  target = aws_cloudwatch_log_group.access
  values = {
    arn = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/vendedlogs/apigateway/development-api/access"
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

variables {
  name              = "development"
  app_environment   = "Development"
  package           = { s3_bucket = "artifacts", s3_key = "api/api.zip" }
  subnet_ids        = ["subnet-a", "subnet-b"]
  security_group_id = "sg-lambda"
  # the published arm64 layer in eu-central-1; the Api cannot read its database password without it
  secrets_extension_layer_arn = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
  database = {
    host       = "db.cluster.example"
    port       = 5432
    name       = "appdb"
    username   = "app_admin"
    secret_arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-db-AbCdEf"
  }
  jwt_issuer    = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123"
  jwt_audiences = ["webclient0000000000000000a", "scenariosclient0000000000b"]
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
      Database__Username                                 = "orders_api"
      Database__SecretArn                                = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd"
      Database__SslMode                                  = "VerifyFull"
      Database__RootCertificate                          = "rds-ca-bundle.pem"
      SECRETS_MANAGER_TTL                                = "60"
      Database__MigrateAtStartup                         = "false"
      Authentication__Schemes__Bearer__Authority         = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123"
      Authentication__Schemes__Bearer__ValidAudiences__0 = "webclient0000000000000000a"
      Authentication__Schemes__Bearer__ValidAudiences__1 = "scenariosclient0000000000b"
      Origin__SecretArn                                  = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-origin-verify-Ef34Gh"
    })
    error_message = "The function's environment must hold exactly the app environment, telemetry name, database settings (its own role and secret, TLS verified against the RDS CA bundle), the token issuer and audiences, and the origin secret."
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

run "api_gateway_sends_its_routes_to_the_live_alias" {
  assert {
    condition     = aws_lambda_alias.live.name == "live" && aws_lambda_alias.live.function_version == aws_lambda_function.this.version
    error_message = "The live alias must point to the version this deploy published."
  }

  assert {
    condition     = alltrue([for r in aws_apigatewayv2_route.this : r.target == "integrations/${aws_apigatewayv2_integration.live.id}"])
    error_message = "Every route must target the Lambda integration."
  }

  assert {
    condition     = aws_apigatewayv2_integration.live.integration_uri == aws_lambda_alias.live.invoke_arn && aws_apigatewayv2_integration.live.payload_format_version == "2.0"
    error_message = "The integration must invoke the live alias with payload format 2.0."
  }

  assert {
    condition     = aws_lambda_permission.api.qualifier == "live" && aws_lambda_permission.api.principal == "apigateway.amazonaws.com" && aws_lambda_permission.api.source_arn == "arn:aws:execute-api:eu-central-1:123456789012:abc123/*/*"
    error_message = "Only this HTTP API may invoke the live alias."
  }

  assert {
    condition     = aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit == 100 && aws_apigatewayv2_stage.default.default_route_settings[0].throttling_burst_limit == 200
    error_message = "The stage must throttle to the configured limits."
  }

  assert {
    condition     = aws_apigatewayv2_stage.default.access_log_settings[0].destination_arn == "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/vendedlogs/apigateway/development-api/access"
    error_message = "The stage must write access logs into the environment's access log group."
  }

  assert {
    condition     = aws_cloudwatch_log_group.access.name == "/aws/vendedlogs/apigateway/development-api/access" && aws_cloudwatch_log_group.access.retention_in_days == 30
    error_message = "The access log group must lie under /aws/vendedlogs/ (kept out of the account's size-capped Logs resource policy), be named after the prefix and keep events for log_retention_days."
  }
}

run "provisioned_concurrency_is_off_by_default" {
  assert {
    condition     = length(aws_lambda_provisioned_concurrency_config.live) == 0 && output.provisioned_concurrency == 0
    error_message = "No provisioned concurrency may be configured when the variable is 0."
  }
}

run "provisioned_concurrency_follows_the_variable" {
  variables {
    provisioned_concurrency = 3
  }

  assert {
    condition     = length(aws_lambda_provisioned_concurrency_config.live) == 1 && aws_lambda_provisioned_concurrency_config.live[0].provisioned_concurrent_executions == 3
    error_message = "Provisioned concurrency must equal the variable."
  }

  assert {
    condition     = aws_lambda_provisioned_concurrency_config.live[0].qualifier == "live"
    error_message = "Provisioned concurrency must sit on the live alias."
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

run "every_api_route_needs_a_token_and_only_the_health_probes_are_anonymous" {
  assert {
    condition     = length([for r in aws_apigatewayv2_route.this : r if strcontains(r.route_key, "/api")]) > 0
    error_message = "The API must have routes under /api."
  }

  assert {
    condition = alltrue([
      for r in aws_apigatewayv2_route.this :
      r.authorization_type == "JWT" && r.authorizer_id == aws_apigatewayv2_authorizer.cognito.id
      if strcontains(r.route_key, "/api")
    ])
    error_message = "Every route under /api must need a JWT checked by the Cognito authorizer."
  }

  assert {
    condition     = sort([for r in aws_apigatewayv2_route.this : r.route_key if r.authorization_type != "JWT"]) == tolist(["GET /alive", "GET /health"])
    error_message = "The only routes without a token must be GET /health and GET /alive."
  }

  assert {
    condition     = alltrue([for r in aws_apigatewayv2_route.this : r.route_key != "$default" && !startswith(r.route_key, "ANY /{")])
    error_message = "There must be no $default or catch-all route: a request outside the known routes gets 404 from API Gateway."
  }

  assert {
    condition = jsonencode(output.routes) == jsonencode({
      "ANY /api/{proxy+}" = { authorization_type = "JWT", authorizer_id = aws_apigatewayv2_authorizer.cognito.id }
      "GET /health"       = { authorization_type = "NONE", authorizer_id = null }
      "GET /alive"        = { authorization_type = "NONE", authorizer_id = null }
    })
    error_message = "The API must have exactly the routes ANY /api/{proxy+} (with the authorizer), GET /health and GET /alive."
  }
}

run "authorizer_accepts_the_pools_tokens_for_both_clients" {
  assert {
    condition     = aws_apigatewayv2_authorizer.cognito.authorizer_type == "JWT" && aws_apigatewayv2_authorizer.cognito.identity_sources == toset(["$request.header.Authorization"])
    error_message = "The authorizer must check a JWT from the Authorization header."
  }

  assert {
    condition     = aws_apigatewayv2_authorizer.cognito.jwt_configuration[0].issuer == "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123"
    error_message = "The authorizer's issuer must be the user pool's."
  }

  assert {
    condition     = aws_apigatewayv2_authorizer.cognito.jwt_configuration[0].audience == toset(["webclient0000000000000000a", "scenariosclient0000000000b"])
    error_message = "The authorizer must accept the tokens of the web and the scenarios client, and no other."
  }

  assert {
    condition     = aws_apigatewayv2_authorizer.cognito.name == "development-cognito"
    error_message = "The authorizer's name must derive from the prefix."
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

run "api_role_name_is_an_input" {
  variables {
    database_api_username = "orders_reader"
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["Database__Username"] == "orders_reader"
    error_message = "The Api must log in as database_api_username."
  }
}

run "issuer_with_a_trailing_slash_is_rejected" {
  command = plan

  variables {
    jwt_issuer = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123/"
  }

  expect_failures = [var.jwt_issuer]
}
