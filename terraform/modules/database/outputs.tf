output "cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "cluster_arn" {
  description = "ARN of the Aurora cluster."
  value       = aws_rds_cluster.this.arn
}

output "cluster_resource_id" {
  description = "Resource ID of the cluster (cluster-...), which IAM database authentication names: rds-db:connect on dbuser:ID/ROLE."
  value       = aws_rds_cluster.this.cluster_resource_id
}

output "endpoint" {
  description = "Writer endpoint (host name) of the cluster."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint (host name) of the cluster."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "Name of the application database."
  value       = aws_rds_cluster.this.database_name
}

output "master_username" {
  description = "User name of the master user, the one the secret holds the password of."
  value       = aws_rds_cluster.this.master_username
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret RDS keeps the master user's credentials in."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the database."
  value       = aws_security_group.this.id
}

output "admitted_security_group_id" {
  description = "The client security group the database port admits (the API Lambda's); the database relay adds its own rule."
  value       = aws_vpc_security_group_ingress_rule.from_client.referenced_security_group_id
}

output "subnet_ids" {
  description = "Subnets the database's subnet group spans."
  value       = sort(aws_db_subnet_group.this.subnet_ids)
}

output "parameter_group_name" {
  description = "Cluster parameter group of the database (TLS required, connections logged)."
  value       = aws_rds_cluster_parameter_group.this.name
}

output "settings" {
  description = "Size, backups and protection of the database as the cluster carries them."
  value = {
    min_capacity          = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity
    max_capacity          = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity
    instance_count        = length(aws_rds_cluster_instance.this)
    backup_retention_days = aws_rds_cluster.this.backup_retention_period
    deletion_protection   = aws_rds_cluster.this.deletion_protection
    final_snapshot        = !aws_rds_cluster.this.skip_final_snapshot
    log_retention_days    = aws_cloudwatch_log_group.postgresql.retention_in_days
  }
}

output "deletion_protection" {
  description = "Whether the cluster refuses deletion."
  value       = aws_rds_cluster.this.deletion_protection
}

output "names" {
  description = "Names of the named resources in this module."
  value = merge(
    {
      database_cluster        = aws_rds_cluster.this.cluster_identifier
      database_subnet_group   = aws_db_subnet_group.this.name
      database_security_group = aws_security_group.this.name
      database_log_group      = aws_cloudwatch_log_group.postgresql.name
      database_parameters     = aws_rds_cluster_parameter_group.this.name
    },
    { for i, instance in aws_rds_cluster_instance.this : "database_instance_${i + 1}" => instance.identifier },
  )
}
