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
  description      = "The version API Gateway sends traffic to; the deploy moves it in steps once the schema is migrated"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version

  # Set here only when the alias is created; from then on the deploy moves it (after the migration succeeded), first
  # by weight, and an apply that publishes a new version leaves the traffic where it is.
  lifecycle {
    ignore_changes = [function_version, routing_config]
  }
}

# Provisioned concurrency belongs to versions, not to live: the deploy gives the new version its own and waits until
# it is ready before live sends it anything, and takes the old version's away once live sends it nothing. A config on
# the alias would move with it all at once (the new version cold while it is provisioned) and split by the weights.
# Environments made before kept one on the alias: Terraform forgets it, and the first deploy removes it.
removed {
  from = aws_lambda_provisioned_concurrency_config.live

  lifecycle {
    destroy = false
  }
}
