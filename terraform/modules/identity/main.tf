data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  # Every name below derives from the environment's prefix. The hosted UI's domain prefix is global across AWS
  # accounts, so the account ID (or domain_suffix) keeps it unique; "auth" keeps it apart from the bucket's name.
  user_pool_name = "${var.name}-users"
  domain_prefix  = "${var.name}-auth-${coalesce(var.domain_suffix, data.aws_caller_identity.current.account_id)}"

  # id is the region name in provider 5 and 6 alike (name is deprecated in 6).
  region = data.aws_region.current.id

  # Made from names alone, never from a resource: the front end's Content-Security-Policy names it, while the callback
  # URLs here need the front end's domain; so frontend waits for nothing of this module's.
  sign_in_origin = "https://${local.domain_prefix}.auth.${local.region}.amazoncognito.com"

  # The front end is served by CloudFront at /; it receives the authorization code at /auth/callback.
  app_url       = "https://${var.app_domain_name}"
  callback_urls = concat(["${local.app_url}/", "${local.app_url}/auth/callback"], var.extra_callback_urls)
  logout_urls   = concat(["${local.app_url}/"], var.extra_logout_urls)
}

resource "aws_cognito_user_pool" "this" {
  name = local.user_pool_name

  # Sign-in with a verified email address, or with the user name the admin gave (the pipeline's scenario users have
  # no email); alias_attributes, unlike username_attributes, allows both. It cannot be changed after creation.
  alias_attributes         = ["email"]
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  # Only administrators (and the pipeline, through the admin API) create users.
  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
  }

  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  deletion_protection = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  # Threat protection (advanced security) is a feature of the Plus tier; without it the pool stays on Essentials.
  user_pool_tier = var.threat_protection ? "PLUS" : "ESSENTIALS"

  dynamic "user_pool_add_ons" {
    for_each = var.threat_protection ? [1] : []
    content {
      advanced_security_mode = "ENFORCED"
    }
  }

  tags = var.tags
}

# Members see every order and may ship; the Api reads the group from the token's cognito:groups claim.
resource "aws_cognito_user_group" "staff" {
  name         = "staff"
  description  = "Staff of ${var.name}: see every order and ship"
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = local.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id

  lifecycle {
    precondition {
      condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", local.domain_prefix)) && !can(regex("aws|amazon|cognito", local.domain_prefix))
      error_message = "The hosted UI's domain prefix ${local.domain_prefix} must be 1-63 lowercase letters, digits or hyphens and may not contain aws, amazon or cognito; choose another workspace name or set domain_suffix."
    }
  }
}

# The browser front end: a public client (no secret, it could not keep one), authorization code flow with PKCE only.
resource "aws_cognito_user_pool_client" "web" {
  name         = "${var.name}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = local.callback_urls
  logout_urls                          = local.logout_urls
  # no password flows of its own: users sign in on the hosted UI; the client only refreshes its tokens
  explicit_auth_flows = ["ALLOW_REFRESH_TOKEN_AUTH"]

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}

# The pipeline's integration tests only: users it creates sign in with AdminInitiateAuth, which needs AWS credentials
# allowed to call it on this pool, so the password flow is not open to anyone who knows the client ID.
resource "aws_cognito_user_pool_client" "scenarios" {
  name         = "${var.name}-scenarios"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = false
  explicit_auth_flows                  = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 1
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}
