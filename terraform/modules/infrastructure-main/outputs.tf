output "name_prefix" {
  description = "Prefix of every name in the environment: the environment, plus -WORKSPACE outside the default workspace."
  value       = local.name_prefix
}

output "tags" {
  description = "Tags every resource of the environment carries."
  value       = local.tags
}

output "url" {
  description = "HTTPS URL of the environment (CloudFront): the web front end at /, the API at /api/."
  value       = module.frontend.url
}

output "distribution_id" {
  description = "CloudFront distribution ID, for cache invalidation after the web front end is copied."
  value       = module.frontend.distribution_id
}

output "web_bucket_name" {
  description = "Private S3 bucket the deploy copies web/ into."
  value       = module.frontend.bucket_name
}

output "api_endpoint" {
  description = "API Gateway invoke URL; the Api refuses requests there that do not come through CloudFront (403)."
  value       = module.api.api_endpoint
}

output "user_pool_id" {
  description = "Cognito user pool of the environment's users."
  value       = module.identity.user_pool_id
}

output "issuer" {
  description = "Issuer of the user pool's tokens, the API's JWT authority (https://cognito-idp.REGION.amazonaws.com/POOL_ID)."
  value       = module.identity.issuer
}

output "web_client_id" {
  description = "App client ID of the web front end (authorization code flow with PKCE, no secret)."
  value       = module.identity.web_client_id
}

output "scenarios_client_id" {
  description = "App client ID the pipeline's deployed scenarios sign their users in with (AdminInitiateAuth)."
  value       = module.identity.scenarios_client_id
}

output "sign_in_domain" {
  description = "Base URL of the user pool's hosted UI and OAuth endpoints (https://PREFIX.auth.REGION.amazoncognito.com)."
  value       = module.identity.sign_in_domain
}

output "origin_verify_secret_arn" {
  description = "Secret with the value CloudFront sends in X-Origin-Verify (JSON: current, previous during a rotation)."
  value       = module.api.origin_verify_secret_arn
}

output "database_api_secret_arn" {
  description = "Secret with the password of the Api's database role (JSON: password); the migration function applies it."
  value       = module.api.database_api_secret_arn
}

output "function_name" {
  description = "Name of the API Lambda function."
  value       = module.api.function_name
}

output "function_alias_arn" {
  description = "ARN of the live alias that API Gateway invokes."
  value       = module.api.alias_arn
}

output "published_version" {
  description = "The Api version this apply published; the deploy moves live to it once the migration succeeded."
  value       = module.api.published_version
}

output "migration_function_name" {
  description = "The function that applies the schema (the Api's package in migrate mode); the deploy invokes it before moving live."
  value       = module.api.migration_function_name
}

output "provisioned_concurrency" {
  description = "Provisioned concurrent executions the deploy gives each version live serves (0: none)."
  value       = module.api.provisioned_concurrency
}

output "deploy" {
  description = "How a deploy moves live: the traffic steps (percent) to the new version, the seconds each is held, and the alarms it watches meanwhile (any that fires rolls live back)."
  value = {
    traffic_steps = var.deploy_traffic_steps
    bake_seconds  = var.deploy_bake_seconds
    alarm_names   = module.monitoring.deploy_alarm_names
  }
}

output "database_cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = module.database.cluster_identifier
}

output "database_endpoint" {
  description = "Writer endpoint of the database (reachable only from the Lambda's and the database relay's security groups)."
  value       = module.database.endpoint
}

output "database_port" {
  description = "Port of the database."
  value       = module.database.port
}

output "database_name" {
  description = "Name of the application database."
  value       = module.database.database_name
}

output "database_secret_arn" {
  description = "Secrets Manager secret with the database master credentials (managed and rotated by RDS)."
  value       = module.database.secret_arn
}

output "database_access" {
  description = "The private path to the database (.github/scripts/database.sh): the roles to assume, the database role each connects as, the relay's launch template, groups and subnet, the tag on what a session makes."
  value = {
    reader_role_arn             = module.database_access.reader_role_arn
    writer_role_arn             = module.database_access.writer_role_arn
    database_users              = module.database_access.database_users
    relay_launch_template       = module.database_access.relay_launch_template
    relay_security_group_id     = module.database_access.relay_security_group_id
    endpoints_security_group_id = module.database_access.endpoints_security_group_id
    subnet_id                   = module.database_access.subnet_id
    endpoint_services           = module.database_access.endpoint_services
    relay_tag                   = module.database_access.relay_tag
  }
}

output "database_deletion_protection" {
  description = "Whether the database refuses deletion."
  value       = module.database.deletion_protection
}

output "settings" {
  description = "Sizes, retention and protections of the environment as its resources carry them."
  value = {
    vpc_cidr                       = module.network.cidr_block
    provisioned_concurrency        = module.api.provisioned_concurrency
    log_retention_days             = merge(module.api.log_retention_days, { database = module.database.settings.log_retention_days })
    database_min_capacity          = module.database.settings.min_capacity
    database_max_capacity          = module.database.settings.max_capacity
    database_instance_count        = module.database.settings.instance_count
    database_backup_retention_days = module.database.settings.backup_retention_days
    database_deletion_protection   = module.database.settings.deletion_protection
    database_final_snapshot        = module.database.settings.final_snapshot
    user_pool_deletion_protection  = module.identity.deletion_protection
    waf                            = length(module.waf) > 0
  }
}

output "alarm_topic_arn" {
  description = "SNS topic the environment's alarms notify."
  value       = module.monitoring.alarm_topic_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the environment."
  value       = module.monitoring.dashboard_name
}

output "log_group_names" {
  description = "Log groups of the environment: Lambda, API Gateway access log, PostgreSQL."
  value = {
    function = module.api.log_group_name
    access   = module.api.access_log_group_name
    database = module.database.names["database_log_group"]
  }
}

output "names" {
  description = "Every name the environment gives an AWS resource, by role."
  value = merge(
    module.network.names,
    module.database.names,
    module.database_access.names,
    module.api.names,
    module.frontend.names,
    module.monitoring.names,
    module.identity.names,
    [for waf in module.waf : waf.names]... # the web ACL, if there is one
  )
}
