# The whole environment applies against the mocked provider, and the parts are connected.

mock_provider "aws" {
  source = "../../mocks"
}

# CloudFront's web ACL is made in us-east-1.
mock_provider "aws" {
  alias  = "us_east_1"
  source = "../../mocks"
}

variables {
  environment                  = "production"
  workspace                    = "debug-4711"
  vpc_cidr                     = "10.30.0.0/16"
  lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
  secrets_extension_layer_arn  = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
  provisioned_concurrency      = 2
  database_instance_count      = 2
  database_deletion_protection = true
  database_final_snapshot      = true
}

run "environment_applies_and_reports_its_addresses" {
  assert {
    condition     = output.url == "https://d111111abcdef8.cloudfront.net"
    error_message = "The URL must be the CloudFront distribution's."
  }

  assert {
    condition     = output.api_endpoint == "https://abc123.execute-api.eu-central-1.amazonaws.com"
    error_message = "The API endpoint must be the HTTP API's."
  }

  assert {
    condition     = output.database_secret_arn == "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-mock-AbCdEf"
    error_message = "The database secret must be the one RDS manages."
  }

  assert {
    condition     = output.url != output.api_endpoint && startswith(output.url, "https://") && endswith(output.url, ".cloudfront.net")
    error_message = "The environment's URL (the scenarios' base URL) must be CloudFront's, never API Gateway's."
  }

  assert {
    condition     = output.function_alias_arn == "arn:aws:lambda:eu-central-1:123456789012:function:mock:live"
    error_message = "The alias output must be the live alias."
  }

  assert {
    condition     = output.provisioned_concurrency == 2 && output.database_deletion_protection
    error_message = "A custom workspace must get the environment's exact settings."
  }

  assert {
    condition     = output.names.database_instance_1 == "production-debug-4711-db-1" && output.names.database_instance_2 == "production-debug-4711-db-2"
    error_message = "Every database instance must be named after the prefix."
  }
}

# The mocked IDs differ per resource, so a part handed the wrong neighbour's value fails here.
run "parts_are_connected_to_each_other" {
  assert {
    condition     = module.api.function_network.subnet_ids == sort(module.network.lambda_subnet_ids)
    error_message = "The Lambda must run in the network's Lambda subnets."
  }

  assert {
    condition     = length(setintersection(toset(module.api.function_network.subnet_ids), toset(module.network.database_subnet_ids))) == 0
    error_message = "The Lambda must not run in the database subnets."
  }

  assert {
    condition     = module.api.function_network.security_group_ids == tolist([module.network.lambda_security_group_id])
    error_message = "The Lambda must run with the network's Lambda security group only."
  }

  assert {
    condition     = module.database.admitted_security_group_id == module.network.lambda_security_group_id
    error_message = "The database must admit the Lambda's security group."
  }

  assert {
    condition     = module.database.subnet_ids == sort(module.network.database_subnet_ids)
    error_message = "The database must live in the network's database subnets."
  }

  assert {
    condition     = module.frontend.api_origin_domain_name == trimprefix(module.api.api_endpoint, "https://") && module.frontend.api_origin_domain_name == "abc123.execute-api.eu-central-1.amazonaws.com"
    error_message = "CloudFront's API origin must be the HTTP API's endpoint."
  }

  assert {
    condition     = module.api.layers == tolist([var.secrets_extension_layer_arn])
    error_message = "The Api must get the secrets extension layer it reads the database password through."
  }

  assert {
    condition = module.api.function_database == {
      host       = module.database.endpoint
      port       = module.database.port
      name       = module.database.database_name
      secret_arn = module.api.database_api_secret_arn
    }
    error_message = "The Api must get the database's writer endpoint, port and name, and log in as its own role with the password in its own secret."
  }

  assert {
    condition = module.api.migration_database == {
      host           = module.database.endpoint
      username       = module.database.master_username
      secret_arn     = module.database.secret_arn
      api_secret_arn = module.api.database_api_secret_arn
    }
    error_message = "The migration function must log in as the master user with the secret RDS keeps, and set the Api role's password from the Api's secret."
  }
}

# The mocked client IDs differ per client, so swapped or missing audiences fail here.
run "api_trusts_the_environments_user_pool" {
  assert {
    condition = (
      module.api.authorizer.type == "JWT" &&
      module.api.authorizer.issuer == module.identity.issuer &&
      module.api.authorizer.audiences == sort([module.identity.web_client_id, module.identity.scenarios_client_id])
    )
    error_message = "API Gateway's authorizer must accept the tokens of the environment's user pool for the web and the scenarios client."
  }

  assert {
    condition = module.api.function_authentication == {
      authority         = module.identity.issuer
      audiences         = [module.identity.web_client_id, module.identity.scenarios_client_id]
      origin_secret_arn = module.api.origin_verify_secret_arn
    }
    error_message = "The Api must be told the user pool as its token authority, the web and scenarios clients as audiences (in that order), and the origin secret."
  }

  assert {
    condition     = module.identity.issuer == "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Mock1234" && module.identity.web_client_id != module.identity.scenarios_client_id
    error_message = "The issuer must be the user pool's, and the two clients must be two."
  }

  assert {
    condition = (
      output.user_pool_id == module.identity.user_pool_id &&
      output.issuer == module.identity.issuer &&
      output.web_client_id == module.identity.web_client_id &&
      output.scenarios_client_id == module.identity.scenarios_client_id &&
      output.sign_in_domain == "https://production-debug-4711-auth-123456789012.auth.eu-central-1.amazoncognito.com"
    )
    error_message = "The pipeline must get the user pool, issuer, client IDs and the hosted UI's URL."
  }
}

run "users_sign_in_back_to_the_cloudfront_url_and_cloudfront_is_the_only_way_in" {
  assert {
    condition     = alltrue([for url in concat(module.identity.web_client.callback_urls, module.identity.web_client.logout_urls) : startswith(url, "${output.url}/")])
    error_message = "The web client's callback and sign-out URLs must be on the environment's CloudFront URL."
  }

  assert {
    condition     = module.frontend.api_origin_headers == tolist(["X-Origin-Verify"])
    error_message = "CloudFront must send X-Origin-Verify to the API origin."
  }

  assert {
    condition     = module.api.origin_verify_value == "mock-origin-verify-value-0123456789abcdef0123456789abcdef"
    error_message = "CloudFront must send the origin secret's current value."
  }

  assert {
    condition     = contains(module.network.interface_endpoint_services, "cognito-idp")
    error_message = "The Api must reach Cognito (the user pool's signing keys) through an interface endpoint: it has no internet access."
  }

  assert {
    condition     = module.frontend.web_acl_arn == null && !output.settings.waf
    error_message = "Without enable_waf there must be no web ACL."
  }
}

# CloudFront gets the hosted UI's origin before the user pool's domain exists (made from the names, so no cycle);
# the domain made must be that one, or the page could not fetch its tokens.
run "the_page_may_fetch_tokens_from_the_environments_hosted_ui" {
  assert {
    condition     = contains([for d in split(";", module.frontend.content_security_policy) : trimspace(d)], "connect-src 'self' ${output.sign_in_domain}")
    error_message = "The Content-Security-Policy's connect-src must name the user pool's hosted UI (sign_in_domain), and nothing else off the origin."
  }

  assert {
    condition     = output.sign_in_domain == "https://production-debug-4711-auth-123456789012.auth.eu-central-1.amazoncognito.com"
    error_message = "The hosted UI's URL must carry the workspace's prefix and the account."
  }
}

run "waf_is_attached_to_the_distribution_when_enabled" {
  variables {
    enable_waf     = true
    waf_rate_limit = 1000
  }

  assert {
    condition     = module.frontend.web_acl_arn == module.waf[0].web_acl_arn && module.waf[0].web_acl_arn == "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
    error_message = "The distribution must use the environment's web ACL."
  }

  assert {
    condition     = module.waf[0].rules["rate-per-ip"].rate_limit == 1000 && output.settings.waf && output.names.waf_web_acl == "production-debug-4711-waf"
    error_message = "The web ACL must take waf_rate_limit and be named after the prefix."
  }
}

# 80% of LEAST(DBInstanceClassMemory/9531392, 5000) with 2 GiB per ACU: 4 ACU allow 901 connections.
run "connections_alarm_follows_the_maximum_capacity" {
  command = plan

  assert {
    condition     = module.monitoring.alarm_thresholds.database_connections == 720
    error_message = "At 4 ACU (901 connections) the connections alarm must fire above 720."
  }
}

run "connections_alarm_follows_a_larger_capacity" {
  command = plan

  variables {
    database_max_capacity = 16
  }

  assert {
    condition     = module.monitoring.alarm_thresholds.database_connections == 2883
    error_message = "At 16 ACU (3604 connections) the connections alarm must fire above 2883."
  }
}

run "connections_alarm_stops_at_the_engine_limit" {
  command = plan

  variables {
    database_max_capacity = 64
  }

  assert {
    condition     = module.monitoring.alarm_thresholds.database_connections == 4000
    error_message = "Above about 22 ACU max_connections stays at 5000, so the alarm must fire above 4000."
  }
}
