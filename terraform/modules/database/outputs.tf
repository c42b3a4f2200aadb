output "cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = aws_rds_cluster.this.cluster_identifier
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
    },
    { for i, instance in aws_rds_cluster_instance.this : "database_instance_${i + 1}" => instance.identifier },
  )
}
