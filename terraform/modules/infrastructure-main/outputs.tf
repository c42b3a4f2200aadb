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
  description = "API Gateway invoke URL, bypassing CloudFront (for diagnosis)."
  value       = module.api.api_endpoint
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
  description = "Provisioned concurrent executions on the live alias (0: none)."
  value       = module.api.provisioned_concurrency
}

output "database_cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = module.database.cluster_identifier
}

output "database_endpoint" {
  description = "Writer endpoint of the database (reachable only from the Lambda's security group)."
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
    module.api.names,
    module.frontend.names,
    module.monitoring.names,
  )
}
