# The HTTP API: its routes, who may call them, the stage's throttling and access logs, and the live alias behind it.
mock_provider "aws" {
  source = "../../mocks"
}

# The access log group gets an ARN of its own (the mocks give every group the same one), so a misdirected stage shows.
override_resource {
  target = aws_cloudwatch_log_group.access
  values = {
    arn = "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/vendedlogs/apigateway/development-api/access"
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

run "issuer_with_a_trailing_slash_is_rejected" {
  command = plan

  variables {
    jwt_issuer = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123/"
  }

  expect_failures = [var.jwt_issuer]
}

run "the_anonymous_probes_have_their_own_low_throttle_and_the_api_routes_the_stages" {
  assert {
    condition = (
      toset([for s in aws_apigatewayv2_stage.default.route_settings : s.route_key]) == toset(["GET /health", "GET /alive"]) &&
      alltrue([for s in aws_apigatewayv2_stage.default.route_settings : s.throttling_rate_limit == 5 && s.throttling_burst_limit == 10])
    )
    error_message = "GET /health and GET /alive (and no other route) must have their own throttle: 5 requests a second, bursts of 10."
  }

  assert {
    condition = alltrue([
      for s in aws_apigatewayv2_stage.default.route_settings :
      s.throttling_rate_limit < aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit &&
      s.throttling_burst_limit < aws_apigatewayv2_stage.default.default_route_settings[0].throttling_burst_limit
    ])
    error_message = "A flood of probes must be turned away below the limits real traffic has."
  }
}

run "probe_limits_above_the_stages_are_rejected" {
  command = plan

  variables {
    probe_throttling_rate_limit = 150
  }

  expect_failures = [var.probe_throttling_rate_limit]
}
