locals {
  # one route key a line: the HTTP API stand-in (Tests/Loopback/HttpApi) reads them from this file
  routes = {
    "ANY /api/{proxy+}" = { anonymous = false }
    "GET /health"       = { anonymous = true }
    "GET /alive"        = { anonymous = true }
  }
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

  # The anonymous probes answer on API Gateway's own URL too, past CloudFront and the WAF, and each one still costs an
  # invocation (and /health a database round trip), counted against the function's concurrency and the account's
  # request limit like real traffic: their own low limits turn a flood of them into 429s long before that.
  dynamic "route_settings" {
    for_each = { for key, route in local.routes : key => route if route.anonymous }

    content {
      route_key                = route_settings.key
      throttling_rate_limit    = var.probe_throttling_rate_limit
      throttling_burst_limit   = var.probe_throttling_burst_limit
      detailed_metrics_enabled = true
    }
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

  # route_settings name routes: API Gateway refuses settings for a route key that does not exist yet
  depends_on = [aws_apigatewayv2_route.this]
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}
