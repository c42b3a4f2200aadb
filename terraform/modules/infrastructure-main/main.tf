locals {
  # The one place a name is made: every resource name, tag and log group below derives from it.
  name_prefix = var.workspace == "default" ? var.environment : "${var.environment}-${var.workspace}"

  tags = {
    Service     = "orders"
    Environment = var.environment
    Workspace   = var.workspace
    Deployment  = local.name_prefix
    ManagedBy   = "terraform"
  }

  # 80% of Aurora PostgreSQL's max_connections, LEAST(DBInstanceClassMemory/9531392, 5000), with 2 GiB per ACU at the maximum capacity.
  database_connections_threshold = floor(0.8 * min(floor(var.database_max_capacity * 2 * pow(1024, 3) / 9531392), 5000))
}

module "network" {
  source = "../network"

  name               = local.name_prefix
  tags               = local.tags
  cidr_block         = var.vpc_cidr
  enable_nat_gateway = var.enable_nat_gateway
  # cognito-idp: the Api fetches the user pool's signing keys (JWKS) to check access tokens, and has no internet access
  interface_endpoints = ["secretsmanager", "logs", "xray", "cognito-idp"]
}

module "database" {
  source = "../database"

  name                     = local.name_prefix
  tags                     = local.tags
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.database_subnet_ids
  client_security_group_id = module.network.lambda_security_group_id

  engine_version        = var.database_engine_version
  min_capacity          = var.database_min_capacity
  max_capacity          = var.database_max_capacity
  instance_count        = var.database_instance_count
  backup_retention_days = var.database_backup_retention_days
  deletion_protection   = var.database_deletion_protection
  final_snapshot        = var.database_final_snapshot
  kms_key_arn           = var.kms_key_arn
  log_retention_days    = var.log_retention_days
}

# The private path to the database for people and CI: a relay made per session by .github/scripts/database.sh, and
# the roles that may make it; nothing of it runs while unused.
module "database_access" {
  source = "../database-access"

  name       = local.name_prefix
  tags       = local.tags
  vpc_id     = module.network.vpc_id
  subnet_ids = module.network.lambda_subnet_ids

  database = {
    cluster_arn         = module.database.cluster_arn
    cluster_resource_id = module.database.cluster_resource_id
    security_group_id   = module.database.security_group_id
    port                = module.database.port
  }
}

# Users and the app clients; their callback URLs are on the distribution, which needs from here only the hosted UI's
# origin, made from names alone (so there is no cycle).
module "identity" {
  source = "../identity"

  name                = local.name_prefix
  tags                = local.tags
  app_domain_name     = module.frontend.domain_name
  extra_callback_urls = var.extra_callback_urls
  extra_logout_urls   = var.extra_logout_urls
  deletion_protection = var.user_pool_deletion_protection
  threat_protection   = var.user_pool_threat_protection
}

module "api" {
  source = "../api"

  name            = local.name_prefix
  tags            = local.tags
  app_environment = title(var.environment)

  package                 = var.lambda_package
  runtime                 = var.lambda_runtime
  architecture            = var.lambda_architecture
  memory_size             = var.lambda_memory_size
  timeout                 = var.lambda_timeout
  provisioned_concurrency = var.provisioned_concurrency
  log_retention_days      = var.log_retention_days

  subnet_ids        = module.network.lambda_subnet_ids
  security_group_id = module.network.lambda_security_group_id

  database = {
    host       = module.database.endpoint
    port       = module.database.port
    name       = module.database.database_name
    username   = module.database.master_username
    secret_arn = module.database.secret_arn
  }
  jwt_issuer    = module.identity.issuer
  jwt_audiences = [module.identity.web_client_id, module.identity.scenarios_client_id]

  kms_key_arn                   = var.kms_key_arn
  secrets_extension_layer_arn   = var.secrets_extension_layer_arn
  telemetry_collector_layer_arn = var.telemetry_collector_layer_arn

  throttling_rate_limit  = var.api_throttling_rate_limit
  throttling_burst_limit = var.api_throttling_burst_limit
}

module "frontend" {
  source = "../frontend"

  name                = local.name_prefix
  tags                = local.tags
  api_endpoint        = module.api.api_endpoint
  origin_verify_value = module.api.origin_verify_value
  sign_in_origin      = module.identity.sign_in_origin
  web_acl_arn         = var.enable_waf ? module.waf[0].web_acl_arn : null
  price_class         = var.cloudfront_price_class
}

module "waf" {
  source = "../waf"
  count  = var.enable_waf ? 1 : 0

  providers = {
    aws = aws.us_east_1
  }

  name       = local.name_prefix
  tags       = local.tags
  rate_limit = var.waf_rate_limit
}

module "monitoring" {
  source = "../monitoring"

  name               = local.name_prefix
  tags               = local.tags
  api_id             = module.api.api_id
  api_stage          = module.api.api_stage
  function_name      = module.api.function_name
  cluster_identifier = module.database.cluster_identifier
  alarm_emails       = var.alarm_emails

  # where an alarm's reader starts; and the chat of the environment itself, not of its copies and previews
  environment_url         = module.frontend.url
  function_log_group_name = module.api.log_group_name
  alarm_slack_channel     = var.workspace == "default" ? var.alarm_slack_channel : null

  database_connections_threshold = local.database_connections_threshold
}
