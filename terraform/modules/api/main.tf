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
  # It names no user: the Api's own role is the one its code names (Api/Database/ApiRole.cs), which is also the only
  # role the migrations grant and give a password.
  function_database_variables = merge(local.database_variables, {
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
