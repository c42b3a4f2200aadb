locals {
  # Every name below derives from the environment's prefix.
  function_name      = "${var.name}-api"
  role_name          = "${var.name}-api-role"
  policy_name        = "${var.name}-api-permissions"
  http_api_name      = "${var.name}-api"
  service_name       = "${var.name}-api" # per prefix, so traces of environments sharing an account stay apart
  function_log_group = "/aws/lambda/${var.name}-api"
  migration_name     = "${var.name}-migrate"
  # under /aws/vendedlogs/ API Gateway does not add the group to the account's size-capped Logs resource policy
  access_log_group          = "/aws/vendedlogs/apigateway/${var.name}-api/access"
  database_api_secret_name  = "${var.name}-database-api"
  origin_verify_secret_name = "${var.name}-origin-verify"

  routes = {
    "ANY /api/{proxy+}" = { anonymous = false }
    "GET /health"       = { anonymous = true }
    "GET /alive"        = { anonymous = true }
  }

  # the Api exports over OTLP only when told where; a collector layer listens on localhost
  telemetry_variables = var.telemetry_collector_layer_arn == "" ? {} : {
    OTEL_EXPORTER_OTLP_ENDPOINT = "http://localhost:4318"
    OTEL_EXPORTER_OTLP_PROTOCOL = "http/protobuf"
  }

  # what the Api and the migration function both need to reach the database, over TLS checked against the RDS CA
  # bundle the package carries
  database_variables = {
    Database__Host            = var.database.host
    Database__Port            = tostring(var.database.port)
    Database__Name            = var.database.name
    Database__SslMode         = "VerifyFull"
    Database__RootCertificate = "rds-ca-bundle.pem"
    # the extension may serve the old password this long after it rotates: new connections are refused and the Api answers 503 with Retry-After
    SECRETS_MANAGER_TTL = "60"
  }

  # The Api logs in as its own least-privilege role, never as the master user; the migration function, as the schema's
  # owner, sets that role's password from the Api's secret.
  function_database_variables = merge(local.database_variables, {
    Database__Username  = var.database_api_username
    Database__SecretArn = aws_secretsmanager_secret.database_api.arn
  })
  migration_database_variables = merge(local.database_variables, {
    Database__Username     = var.database.username
    Database__SecretArn    = var.database.secret_arn
    Database__ApiSecretArn = aws_secretsmanager_secret.database_api.arn
  })

  # whose access tokens the Api accepts (ASP.NET Core's JwtBearer configuration), and where it finds CloudFront's secret
  authentication_variables = merge(
    { Authentication__Schemes__Bearer__Authority = var.jwt_issuer },
    { for i, audience in var.jwt_audiences : "Authentication__Schemes__Bearer__ValidAudiences__${i}" => audience },
    { Origin__SecretArn = aws_secretsmanager_secret.origin_verify.arn },
  )

  lambda_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  # Both functions run in the VPC, trace to X-Ray and decrypt their secrets with the key if one is given; each writes
  # only its own log group and reads only its own secrets. The first two statements are the only ones on "*".
  lambda_statements = concat(
    [
      {
        # Lambda attaches the function to the VPC with these; EC2 does not scope them to resources.
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
        # X-Ray has no resource-level permissions for these.
        Sid      = "XRayTraces"
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
        Resource = "*"
      },
    ],
    var.kms_key_arn == null ? [] : [{
      Sid      = "DecryptSecrets"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = var.kms_key_arn
    }],
  )
}

# The Api's database password: the secret only. Its value is made by the deploy (deploy.sh) the first time, never by
# Terraform, so no plan, and no role that plans, ever reads it. The origin value is Terraform's: CloudFront needs it.
# Both secrets are deleted without a recovery window: a removed workspace's names are free at once, and the values
# are made again (the migration re-applies the password).

resource "aws_secretsmanager_secret" "database_api" {
  name                    = local.database_api_secret_name
  description             = "Password of the database role ${var.database_api_username} the ${local.function_name} Lambda logs in as; the migration function sets it"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 0

  tags = var.tags
}

resource "aws_secretsmanager_secret" "origin_verify" {
  name                    = local.origin_verify_secret_name
  description             = "Value CloudFront sends in X-Origin-Verify to ${local.http_api_name}; the Api refuses requests without it"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 0

  tags = var.tags
}

# Only the first value, through a write-only argument (in neither the plan nor the state; uuid() draws from a
# cryptographic source): a rotation puts new versions beside this one by hand (see the README).
resource "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id                = aws_secretsmanager_secret.origin_verify.id
  secret_string_wo         = jsonencode({ current = replace("${uuid()}${uuid()}", "-", "") })
  secret_string_wo_version = 1
}

# The value CloudFront must send now: the secret's current version, whoever wrote it. Read once the version above exists.
data "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id = aws_secretsmanager_secret.origin_verify.id

  depends_on = [aws_secretsmanager_secret_version.origin_verify]
}

resource "aws_cloudwatch_log_group" "function" {
  name              = local.function_log_group
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_iam_role" "function" {
  name        = local.role_name
  description = "Execution role of the ${local.function_name} Lambda"

  assume_role_policy = local.lambda_assume_role_policy

  tags = var.tags
}

resource "aws_iam_role_policy" "function" {
  name = local.policy_name
  role = aws_iam_role.function.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.function.arn}:*"
      },
      {
        # its own database password and CloudFront's origin secret; never the master user's
        Sid      = "ReadOwnSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [aws_secretsmanager_secret.database_api.arn, aws_secretsmanager_secret.origin_verify.arn]
      },
    ], local.lambda_statements)
  })
}

resource "aws_lambda_function" "this" {
  function_name = local.function_name
  description   = "Orders REST API (${var.name})"
  role          = aws_iam_role.function.arn

  runtime       = var.runtime
  handler       = var.runtime == "provided.al2023" ? "bootstrap" : "Api"
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.timeout
  layers        = compact([var.secrets_extension_layer_arn, var.telemetry_collector_layer_arn])
  publish       = true

  filename          = var.package.file
  source_code_hash  = var.package.file == null ? null : filebase64sha256(var.package.file)
  s3_bucket         = var.package.s3_bucket
  s3_key            = var.package.s3_key
  s3_object_version = var.package.s3_object_version

  environment {
    variables = merge({
      ASPNETCORE_ENVIRONMENT   = var.app_environment
      OTEL_SERVICE_NAME        = local.service_name
      OTEL_RESOURCE_ATTRIBUTES = "deployment.environment.name=${var.name}"
      # no schema work on a cold start: the deploy invokes the migration function once before live moves
      Database__MigrateAtStartup = "false"
    }, local.function_database_variables, local.authentication_variables, local.telemetry_variables)
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.security_group_id]
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  tags = var.tags

  # The role must be able to create network interfaces before the function is created.
  depends_on = [aws_iam_role_policy.function]
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  description      = "The version API Gateway sends traffic to; the deploy moves it once the schema is migrated"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version

  # Set here only when the alias is created; from then on the deploy moves it (after the migration succeeded), and an
  # apply that publishes a new version leaves the traffic where it is.
  lifecycle {
    ignore_changes = [function_version]
  }
}

resource "aws_lambda_provisioned_concurrency_config" "live" {
  count = var.provisioned_concurrency > 0 ? 1 : 0

  function_name                     = aws_lambda_alias.live.function_name
  qualifier                         = aws_lambda_alias.live.name
  provisioned_concurrent_executions = var.provisioned_concurrency
}

resource "aws_apigatewayv2_api" "this" {
  name          = local.http_api_name
  description   = "Orders REST API (${var.name}); CloudFront forwards /api/* here"
  protocol_type = "HTTP"

  tags = var.tags
}

resource "aws_apigatewayv2_integration" "live" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.live.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

# API Gateway lets through only access tokens of the user pool's clients (the Api checks them again itself).
resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "${var.name}-cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = var.jwt_audiences
  }
}

# Only these routes exist (no $default): everything under /api needs a token, the health probes need none.
resource "aws_apigatewayv2_route" "this" {
  for_each = local.routes

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.live.id}"
  authorization_type = each.value.anonymous ? "NONE" : "JWT"
  authorizer_id      = each.value.anonymous ? null : aws_apigatewayv2_authorizer.cognito.id
}

resource "aws_cloudwatch_log_group" "access" {
  name              = local.access_log_group
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.throttling_rate_limit
    throttling_burst_limit   = var.throttling_burst_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
    })
  }

  tags = var.tags
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}

# The migration function: the same package in its own mode (API_COMMAND=migrate). The deploy invokes it once, inside
# the VPC, after the apply has published the new version and before live moves to it.
resource "aws_cloudwatch_log_group" "migration" {
  name              = "/aws/lambda/${local.migration_name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_iam_role" "migration" {
  name        = "${local.migration_name}-role"
  description = "Execution role of the ${local.migration_name} Lambda"

  assume_role_policy = local.lambda_assume_role_policy

  tags = var.tags
}

resource "aws_iam_role_policy" "migration" {
  name = "${local.migration_name}-permissions"
  role = aws_iam_role.migration.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "WriteOwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.migration.arn}:*"
      },
      {
        # the master user's password to migrate with, and the password it gives the Api's role
        Sid      = "ReadOwnSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [var.database.secret_arn, aws_secretsmanager_secret.database_api.arn]
      },
    ], local.lambda_statements)
  })
}

resource "aws_lambda_function" "migration" {
  function_name = local.migration_name
  description   = "Applies the Orders schema (${var.name}); invoked by the deploy before live moves"
  role          = aws_iam_role.migration.arn

  runtime       = var.runtime
  handler       = var.runtime == "provided.al2023" ? "bootstrap" : "Api"
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.migration_timeout
  layers        = compact([var.secrets_extension_layer_arn, var.telemetry_collector_layer_arn])
  publish       = false # the deploy invokes the code this apply uploaded; no versions pile up

  filename          = var.package.file
  source_code_hash  = var.package.file == null ? null : filebase64sha256(var.package.file)
  s3_bucket         = var.package.s3_bucket
  s3_key            = var.package.s3_key
  s3_object_version = var.package.s3_object_version

  environment {
    variables = merge({
      API_COMMAND              = "migrate"
      ASPNETCORE_ENVIRONMENT   = var.app_environment
      OTEL_SERVICE_NAME        = local.migration_name
      OTEL_RESOURCE_ATTRIBUTES = "deployment.environment.name=${var.name}"
    }, local.migration_database_variables, local.telemetry_variables)
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.security_group_id]
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.migration.name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.migration]
}
