mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name                     = "production"
  vpc_id                   = "vpc-1"
  subnet_ids               = ["subnet-db-a", "subnet-db-b"]
  client_security_group_id = "sg-lambda"
  deletion_protection      = true
  final_snapshot           = true
  instance_count           = 2
}

run "database_is_aurora_postgresql_serverless_v2" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.engine == "aurora-postgresql" && aws_rds_cluster.this.engine_mode == "provisioned"
    error_message = "The cluster must be Aurora PostgreSQL in provisioned mode (Serverless v2)."
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0.5 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity == 4
    error_message = "The Serverless v2 capacity must follow the variables."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.instance_class == "db.serverless"]) && length(aws_rds_cluster_instance.this) == 2
    error_message = "Every instance must be db.serverless, as many as instance_count."
  }

  assert {
    condition     = aws_rds_cluster.this.database_name == "appdb" && aws_rds_cluster.this.cluster_identifier == "production-db"
    error_message = "The database must be appdb in a cluster named after the prefix."
  }
}

run "database_is_not_publicly_accessible" {
  command = plan

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.publicly_accessible == false])
    error_message = "No database instance may be publicly accessible."
  }

  assert {
    condition     = aws_db_subnet_group.this.subnet_ids == toset(["subnet-db-a", "subnet-db-b"])
    error_message = "The database must live in the given private subnets."
  }
}

run "database_admits_only_the_lambda_security_group" {
  assert {
    condition     = aws_rds_cluster.this.vpc_security_group_ids == toset([aws_security_group.this.id])
    error_message = "The cluster must use its own security group only."
  }

  assert {
    condition     = length(aws_security_group.this.ingress) == 0
    error_message = "The database security group must have no inline ingress rules."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.from_client.security_group_id == aws_security_group.this.id &&
      aws_vpc_security_group_ingress_rule.from_client.referenced_security_group_id == "sg-lambda" &&
      aws_vpc_security_group_ingress_rule.from_client.cidr_ipv4 == null &&
      aws_vpc_security_group_ingress_rule.from_client.cidr_ipv6 == null &&
      aws_vpc_security_group_ingress_rule.from_client.prefix_list_id == null
    )
    error_message = "The only ingress rule must admit the Lambda's security group and no address range."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.from_client.ip_protocol == "tcp" && aws_vpc_security_group_ingress_rule.from_client.from_port == 5432 && aws_vpc_security_group_ingress_rule.from_client.to_port == 5432
    error_message = "The ingress rule must open the PostgreSQL port only."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.client_to_database.security_group_id == "sg-lambda" && aws_vpc_security_group_egress_rule.client_to_database.referenced_security_group_id == aws_security_group.this.id
    error_message = "The Lambda's security group must be allowed out to the database."
  }
}

run "database_and_its_secret_are_encrypted_and_managed" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted
    error_message = "The database storage must be encrypted."
  }

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password && aws_rds_cluster.this.master_password == null
    error_message = "RDS must manage the master password in Secrets Manager; none may be in the configuration."
  }

  assert {
    condition     = aws_rds_cluster.this.backup_retention_period == 7 && aws_rds_cluster.this.copy_tags_to_snapshot
    error_message = "Backups must be kept for backup_retention_days."
  }
}

run "database_requires_tls" {
  command = plan

  assert {
    condition     = contains([for p in aws_rds_cluster_parameter_group.this.parameter : "${p.name}=${p.value}"], "rds.force_ssl=1")
    error_message = "The cluster parameter group must set rds.force_ssl = 1, so unencrypted connections are refused."
  }

  assert {
    condition     = aws_rds_cluster.this.db_cluster_parameter_group_name == aws_rds_cluster_parameter_group.this.name
    error_message = "The cluster must use its own parameter group, not the default one."
  }

  assert {
    condition     = aws_rds_cluster_parameter_group.this.family == "aurora-postgresql16" && aws_rds_cluster_parameter_group.this.name == "production-db-aurora-postgresql16"
    error_message = "The parameter group's family must be the engine's major version, and its name the prefix plus that family."
  }
}

run "parameter_group_family_follows_the_major_version" {
  command = plan

  variables {
    engine_version = "15.8"
  }

  assert {
    condition     = aws_rds_cluster_parameter_group.this.family == "aurora-postgresql15" && aws_rds_cluster_parameter_group.this.name == "production-db-aurora-postgresql15"
    error_message = "Aurora PostgreSQL 15 needs a parameter group of the aurora-postgresql15 family."
  }
}

run "secret_arn_comes_from_rds" {
  assert {
    condition     = output.secret_arn == "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-mock-AbCdEf"
    error_message = "The secret output must be the master user secret RDS created."
  }
}

run "protected_database_has_deletion_protection_and_final_snapshot" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.deletion_protection && output.deletion_protection
    error_message = "Deletion protection must be on."
  }

  assert {
    condition     = aws_rds_cluster.this.skip_final_snapshot == false && aws_rds_cluster.this.final_snapshot_identifier == "production-db-final"
    error_message = "A final snapshot named after the prefix must be taken."
  }
}

run "unprotected_database_can_be_removed_and_pauses" {
  command = plan

  variables {
    name                = "development"
    deletion_protection = false
    final_snapshot      = false
    min_capacity        = 0
    max_capacity        = 2
  }

  assert {
    condition     = !aws_rds_cluster.this.deletion_protection && aws_rds_cluster.this.skip_final_snapshot && aws_rds_cluster.this.final_snapshot_identifier == null
    error_message = "Without protection the cluster must be deletable without a final snapshot."
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].seconds_until_auto_pause == 3600
    error_message = "A minimum of 0 ACU must pause after seconds_until_auto_pause."
  }
}

run "postgresql_log_group_has_retention" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.postgresql.name == "/aws/rds/cluster/production-db/postgresql" && aws_cloudwatch_log_group.postgresql.retention_in_days == 30
    error_message = "RDS must export into a log group named after the cluster, with retention."
  }

  assert {
    condition     = aws_rds_cluster.this.enabled_cloudwatch_logs_exports == toset(["postgresql"])
    error_message = "The PostgreSQL log must be exported."
  }
}

run "capacity_below_minimum_is_rejected" {
  command = plan

  variables {
    min_capacity = 8
    max_capacity = 4
  }

  expect_failures = [var.max_capacity]
}

run "single_subnet_is_rejected" {
  command = plan

  variables {
    subnet_ids = ["subnet-db-a"]
  }

  expect_failures = [var.subnet_ids]
}

run "auto_pause_on_a_version_that_supports_it_is_accepted" {
  command = plan

  variables {
    engine_version = "16.3"
    min_capacity   = 0
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0
    error_message = "Aurora PostgreSQL 16.3 can pause, so a minimum of 0 ACU must be accepted."
  }
}

run "auto_pause_on_16_2_is_rejected" {
  command = plan

  variables {
    engine_version = "16.2"
    min_capacity   = 0
  }

  expect_failures = [var.min_capacity]
}

run "auto_pause_on_13_14_is_rejected" {
  command = plan

  variables {
    engine_version = "13.14"
    min_capacity   = 0
  }

  expect_failures = [var.min_capacity]
}

run "older_version_without_auto_pause_is_accepted" {
  command = plan

  variables {
    engine_version = "14.9"
    min_capacity   = 0.5
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0.5 && aws_rds_cluster_parameter_group.this.family == "aurora-postgresql14"
    error_message = "A version without auto-pause must be accepted with a minimum above 0."
  }
}
