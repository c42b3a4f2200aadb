output "function_name" {
  description = "Name of the API Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the API Lambda function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "alias_arn" {
  description = "ARN of the live alias that receives the traffic."
  value       = aws_lambda_alias.live.arn
}

output "published_version" {
  description = "The version this apply published; the deploy moves live to it once the migration succeeded."
  value       = aws_lambda_function.this.version
}

output "live_version" {
  description = "The version the live alias pointed to when Terraform last read it (the deploy moves it, not Terraform)."
  value       = aws_lambda_alias.live.function_version
}

output "migration_function_name" {
  description = "Name of the migration function the deploy invokes before moving live."
  value       = aws_lambda_function.migration.function_name
}

output "provisioned_concurrency" {
  description = "Provisioned concurrent executions the deploy gives each version live serves (0: none)."
  value       = var.provisioned_concurrency
}

output "function_network" {
  description = "Subnets and security groups the function runs in, as set on it."
  value = {
    subnet_ids         = sort(aws_lambda_function.this.vpc_config[0].subnet_ids)
    security_group_ids = sort(aws_lambda_function.this.vpc_config[0].security_group_ids)
  }
}

output "layers" {
  description = "Layer version ARNs attached to the function: the secrets extension, then the collector if given."
  value       = aws_lambda_function.this.layers
}

output "function_database" {
  description = "Where the function is told to find the database (its environment): host, port, database name and the secret with the password of the Api's own role."
  value = {
    host       = aws_lambda_function.this.environment[0].variables["Database__Host"]
    port       = tonumber(aws_lambda_function.this.environment[0].variables["Database__Port"])
    name       = aws_lambda_function.this.environment[0].variables["Database__Name"]
    secret_arn = aws_lambda_function.this.environment[0].variables["Database__SecretArn"]
  }
}

output "migration_database" {
  description = "Whom the migration function is told to log in as (its environment): host, user, the secret with that user's password, and the secret with the password it gives the Api's role."
  value = {
    host           = aws_lambda_function.migration.environment[0].variables["Database__Host"]
    username       = aws_lambda_function.migration.environment[0].variables["Database__Username"]
    secret_arn     = aws_lambda_function.migration.environment[0].variables["Database__SecretArn"]
    api_secret_arn = aws_lambda_function.migration.environment[0].variables["Database__ApiSecretArn"]
  }
}

output "function_authentication" {
  description = "Whose tokens the function is told to accept and where it finds CloudFront's origin secret (its environment)."
  value = {
    authority         = aws_lambda_function.this.environment[0].variables["Authentication__Schemes__Bearer__Authority"]
    audiences         = [for i in range(length(var.jwt_audiences)) : aws_lambda_function.this.environment[0].variables["Authentication__Schemes__Bearer__ValidAudiences__${i}"]]
    origin_secret_arn = aws_lambda_function.this.environment[0].variables["Origin__SecretArn"]
  }
}

output "database_api_secret_arn" {
  description = "ARN of the secret with the password of the Api's database role (JSON: password)."
  value       = aws_secretsmanager_secret.database_api.arn
}

output "origin_verify_secret_arn" {
  description = "ARN of the secret with the value CloudFront sends in X-Origin-Verify (JSON: current, and previous during a rotation)."
  value       = aws_secretsmanager_secret.origin_verify.arn
}

output "origin_verify_value" {
  description = "The origin secret's current value, for CloudFront's X-Origin-Verify header to the API."
  value       = jsondecode(data.aws_secretsmanager_secret_version.origin_verify.secret_string).current
  sensitive   = true
}

output "authorizer" {
  description = "The HTTP API's JWT authorizer as it is set: type, where the token comes from, issuer and audiences."
  value = {
    id               = aws_apigatewayv2_authorizer.cognito.id
    type             = aws_apigatewayv2_authorizer.cognito.authorizer_type
    identity_sources = sort(aws_apigatewayv2_authorizer.cognito.identity_sources)
    issuer           = aws_apigatewayv2_authorizer.cognito.jwt_configuration[0].issuer
    audiences        = sort(aws_apigatewayv2_authorizer.cognito.jwt_configuration[0].audience)
  }
}

output "routes" {
  description = "The HTTP API's routes by route key: authorization type and authorizer."
  value = {
    for key, route in aws_apigatewayv2_route.this : key => {
      authorization_type = route.authorization_type
      authorizer_id      = route.authorizer_id
    }
  }
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.function.name
}

output "api_id" {
  description = "ID of the API Gateway HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_stage" {
  description = "Name of the API Gateway stage."
  value       = aws_apigatewayv2_stage.default.name
}

output "api_endpoint" {
  description = "Invoke URL of the API Gateway HTTP API (https://...), the origin CloudFront sends /api/* to; without CloudFront's X-Origin-Verify the Api refuses requests (403)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "log_group_name" {
  description = "Log group of the function."
  value       = aws_cloudwatch_log_group.function.name
}

output "access_log_group_name" {
  description = "Log group of the API Gateway access log."
  value       = aws_cloudwatch_log_group.access.name
}

output "log_retention_days" {
  description = "Days the function's and the access log group keep their events, as set on them."
  value = {
    function = aws_cloudwatch_log_group.function.retention_in_days
    access   = aws_cloudwatch_log_group.access.retention_in_days
  }
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    function             = aws_lambda_function.this.function_name
    function_role        = aws_iam_role.function.name
    function_policy      = aws_iam_role_policy.function.name
    function_logs        = aws_cloudwatch_log_group.function.name
    migration            = aws_lambda_function.migration.function_name
    migration_role       = aws_iam_role.migration.name
    migration_logs       = aws_cloudwatch_log_group.migration.name
    migration_policy     = aws_iam_role_policy.migration.name
    http_api             = aws_apigatewayv2_api.this.name
    http_api_logs        = aws_cloudwatch_log_group.access.name
    api_authorizer       = aws_apigatewayv2_authorizer.cognito.name
    database_api_secret  = aws_secretsmanager_secret.database_api.name
    origin_verify_secret = aws_secretsmanager_secret.origin_verify.name
  }
}
