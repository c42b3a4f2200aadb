mock_provider "aws" {
  source = "../../mocks"
}

# Each client gets its own ID, so a swapped or shared client shows.
override_resource {
  target = aws_cognito_user_pool_client.web
  values = {
    id = "webclient0000000000000000a"
  }
}

override_resource {
  target = aws_cognito_user_pool_client.scenarios
  values = {
    id = "scenariosclient0000000000b"
  }
}

variables {
  name            = "preproduction"
  app_domain_name = "d111111abcdef8.cloudfront.net"
}

run "pool_is_named_after_the_prefix_and_signs_in_by_email" {
  command = plan

  assert {
    condition     = aws_cognito_user_pool.this.name == "preproduction-users"
    error_message = "The user pool's name must be the prefix and -users."
  }

  assert {
    condition     = aws_cognito_user_pool.this.alias_attributes == toset(["email"]) && aws_cognito_user_pool.this.auto_verified_attributes == toset(["email"])
    error_message = "Users must be able to sign in with their verified email address."
  }

  assert {
    condition     = aws_cognito_user_pool.this.admin_create_user_config[0].allow_admin_create_user_only
    error_message = "Self sign-up must be off: only administrators create users."
  }

  assert {
    condition     = aws_cognito_user_pool.this.deletion_protection == "INACTIVE" && aws_cognito_user_pool.this.user_pool_tier == "ESSENTIALS"
    error_message = "By default the pool has neither deletion protection nor threat protection (and so stays on the Essentials tier)."
  }
}

run "passwords_are_strong_and_mfa_is_offered" {
  command = plan

  assert {
    condition = (
      aws_cognito_user_pool.this.password_policy[0].minimum_length >= 12 &&
      aws_cognito_user_pool.this.password_policy[0].require_lowercase &&
      aws_cognito_user_pool.this.password_policy[0].require_uppercase &&
      aws_cognito_user_pool.this.password_policy[0].require_numbers &&
      aws_cognito_user_pool.this.password_policy[0].require_symbols
    )
    error_message = "Passwords must be at least 12 characters with lower and upper case letters, digits and symbols."
  }

  assert {
    condition     = aws_cognito_user_pool.this.mfa_configuration == "OPTIONAL" && aws_cognito_user_pool.this.software_token_mfa_configuration[0].enabled
    error_message = "Users must be able to add an authenticator app (software token MFA, optional)."
  }
}

run "staff_group_exists" {
  command = plan

  assert {
    condition     = aws_cognito_user_group.staff.name == "staff" && output.groups == ["staff"]
    error_message = "The pool must have the group staff, whose members the Api lets see every order and ship."
  }
}

run "web_client_is_public_with_the_code_flow_on_the_cloudfront_domain" {
  assert {
    condition     = !aws_cognito_user_pool_client.web.generate_secret
    error_message = "The web client runs in the browser and must have no secret."
  }

  assert {
    condition     = aws_cognito_user_pool_client.web.allowed_oauth_flows_user_pool_client && aws_cognito_user_pool_client.web.allowed_oauth_flows == toset(["code"])
    error_message = "The web client must use the authorization code flow only (no implicit, no client credentials)."
  }

  assert {
    condition     = aws_cognito_user_pool_client.web.allowed_oauth_scopes == toset(["openid", "email", "profile"])
    error_message = "The web client must ask for openid, email and profile only."
  }

  assert {
    condition     = aws_cognito_user_pool_client.web.explicit_auth_flows == toset(["ALLOW_REFRESH_TOKEN_AUTH"])
    error_message = "The web client must not sign in with a password itself; users sign in on the hosted UI."
  }

  assert {
    condition = output.web_client.callback_urls == tolist([
      "https://d111111abcdef8.cloudfront.net/",
      "https://d111111abcdef8.cloudfront.net/auth/callback",
    ]) && output.web_client.logout_urls == tolist(["https://d111111abcdef8.cloudfront.net/"])
    error_message = "Without extra URLs the web client may only be sent back to the environment's CloudFront URL."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.web.access_token_validity == 60 && aws_cognito_user_pool_client.web.token_validity_units[0].access_token == "minutes" &&
      aws_cognito_user_pool_client.web.refresh_token_validity == 30 && aws_cognito_user_pool_client.web.token_validity_units[0].refresh_token == "days"
    )
    error_message = "Access tokens must last 60 minutes and refresh tokens 30 days."
  }

  assert {
    condition     = aws_cognito_user_pool_client.web.prevent_user_existence_errors == "ENABLED" && aws_cognito_user_pool_client.web.enable_token_revocation
    error_message = "The web client must not reveal which users exist, and its refresh tokens must be revocable."
  }
}

run "extra_callback_urls_are_added" {
  variables {
    extra_callback_urls = ["http://localhost:5173/auth/callback"]
    extra_logout_urls   = ["http://localhost:5173/"]
  }

  assert {
    condition     = contains(output.web_client.callback_urls, "http://localhost:5173/auth/callback") && contains(output.web_client.callback_urls, "https://d111111abcdef8.cloudfront.net/auth/callback")
    error_message = "Extra callback URLs must be added to the CloudFront ones."
  }

  assert {
    condition     = contains(output.web_client.logout_urls, "http://localhost:5173/")
    error_message = "Extra sign-out URLs must be added to the CloudFront one."
  }
}

run "plain_http_callback_beyond_localhost_is_rejected" {
  command = plan

  variables {
    extra_callback_urls = ["http://example.com/auth/callback"]
  }

  expect_failures = [var.extra_callback_urls]
}

run "scenarios_client_signs_in_through_the_admin_api_only" {
  assert {
    condition     = !aws_cognito_user_pool_client.scenarios.generate_secret && !aws_cognito_user_pool_client.scenarios.allowed_oauth_flows_user_pool_client
    error_message = "The scenarios client must have no secret and no OAuth flows."
  }

  assert {
    condition     = aws_cognito_user_pool_client.scenarios.explicit_auth_flows == toset(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    error_message = "The scenarios client may sign in only with AdminInitiateAuth (which needs AWS credentials), and refresh."
  }

  assert {
    condition     = aws_cognito_user_pool_client.scenarios.access_token_validity <= 60 && aws_cognito_user_pool_client.scenarios.token_validity_units[0].access_token == "minutes"
    error_message = "The scenarios client's access tokens must last an hour at most."
  }

  assert {
    condition     = output.web_client_id == "webclient0000000000000000a" && output.scenarios_client_id == "scenariosclient0000000000b"
    error_message = "Each client ID output must be its own client's."
  }
}

run "issuer_and_sign_in_domain_are_the_pools" {
  assert {
    condition     = output.issuer == "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Mock1234" && output.user_pool_id == "eu-central-1_Mock1234"
    error_message = "The issuer must be https:// and the pool's endpoint (cognito-idp.REGION.amazonaws.com/POOL_ID)."
  }

  assert {
    condition     = aws_cognito_user_pool_domain.this.domain == "preproduction-auth-123456789012"
    error_message = "The hosted UI's domain prefix must be the name prefix, -auth- and the account ID."
  }

  assert {
    condition     = output.sign_in_domain == "https://preproduction-auth-123456789012.auth.eu-central-1.amazoncognito.com"
    error_message = "The sign-in domain must be the hosted UI's base URL in the pool's region."
  }
}

# The front end's Content-Security-Policy names the hosted UI before the domain exists; it must be the domain made.
run "sign_in_origin_made_from_the_names_is_the_hosted_uis" {
  command = plan

  assert {
    condition     = output.sign_in_origin == output.sign_in_domain
    error_message = "sign_in_origin must be the URL of the hosted UI's domain (sign_in_domain)."
  }
}

run "sign_in_origin_follows_the_domain_suffix" {
  command = plan

  variables {
    domain_suffix = "orders"
  }

  assert {
    condition     = output.sign_in_origin == output.sign_in_domain && output.sign_in_origin == "https://preproduction-auth-orders.auth.eu-central-1.amazoncognito.com"
    error_message = "With domain_suffix, sign_in_origin must still be the hosted UI's URL."
  }
}

run "production_turns_on_deletion_and_threat_protection" {
  command = plan

  variables {
    name                = "production"
    deletion_protection = true
    threat_protection   = true
  }

  assert {
    condition     = aws_cognito_user_pool.this.deletion_protection == "ACTIVE"
    error_message = "deletion_protection must protect the pool."
  }

  assert {
    condition     = aws_cognito_user_pool.this.user_pool_add_ons[0].advanced_security_mode == "ENFORCED" && aws_cognito_user_pool.this.user_pool_tier == "PLUS"
    error_message = "threat_protection must enforce advanced security, on the Plus tier it needs."
  }
}

run "domain_suffix_replaces_the_account_id" {
  command = plan

  variables {
    domain_suffix = "orders"
  }

  assert {
    condition     = aws_cognito_user_pool_domain.this.domain == "preproduction-auth-orders"
    error_message = "domain_suffix must end the domain prefix instead of the account ID."
  }
}

run "domain_prefix_with_a_reserved_word_is_refused" {
  command = plan

  variables {
    name = "development-aws"
  }

  expect_failures = [aws_cognito_user_pool_domain.this]
}

run "url_as_app_domain_name_is_rejected" {
  command = plan

  variables {
    app_domain_name = "https://d111111abcdef8.cloudfront.net"
  }

  expect_failures = [var.app_domain_name]
}
