# The migration function: the same package running its migrate command (API_COMMAND=migrate, as `Api migrate` runs
# elsewhere). The deploy invokes it once, inside the VPC, after the apply has published the new version and before live
# moves to it; the Api itself never touches the schema.
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
