locals {
  # Every name below derives from the environment's prefix.
  cluster_identifier  = "${var.name}-db"
  subnet_group_name   = "${var.name}-db"
  security_group_name = "${var.name}-db"
  log_group_name      = "/aws/rds/cluster/${var.name}-db/postgresql" # where RDS exports the cluster's PostgreSQL log
  final_snapshot      = "${var.name}-db-final"

  # the family follows the major version; a new family gets a new group, so its name carries the family
  parameter_group_family = "aurora-postgresql${split(".", var.engine_version)[0]}"
  parameter_group_name   = "${var.name}-db-${local.parameter_group_family}"
}

resource "aws_db_subnet_group" "this" {
  name       = local.subnet_group_name
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name        = local.security_group_name
  description = "Aurora PostgreSQL: port 5432 from the API Lambda only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = local.security_group_name })
}

resource "aws_vpc_security_group_ingress_rule" "from_client" {
  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = aws_rds_cluster.this.port
  to_port                      = aws_rds_cluster.this.port
  description                  = "PostgreSQL from the API Lambda"

  tags = var.tags
}

# The client's side of the same connection, so the Lambda's group allows nothing else by default.
resource "aws_vpc_security_group_egress_rule" "client_to_database" {
  security_group_id            = var.client_security_group_id
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "tcp"
  from_port                    = aws_rds_cluster.this.port
  to_port                      = aws_rds_cluster.this.port
  description                  = "PostgreSQL to the database"

  tags = var.tags
}

# Created before the cluster so RDS exports into a log group with retention instead of one without.
resource "aws_cloudwatch_log_group" "postgresql" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# Without rds.force_ssl the cluster also accepts unencrypted connections.
resource "aws_rds_cluster_parameter_group" "this" {
  name        = local.parameter_group_name
  family      = local.parameter_group_family
  description = "Cluster parameters of ${local.cluster_identifier}: TLS required"

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot" # accepted for static and dynamic parameters alike; a new cluster starts with it
  }

  # Who connected, from where, as whom, and for how long: the audit of every session, the database relay's included.
  dynamic "parameter" {
    for_each = ["log_connections", "log_disconnections"]

    content {
      name         = parameter.value
      value        = "1"
      apply_method = "immediate"
    }
  }

  tags = var.tags

  # a major upgrade brings a new family: the new group must exist before the cluster moves to it
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = local.cluster_identifier
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  port               = 5432

  master_username               = var.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  # people and CI connect with 15-minute tokens of their IAM role (rds-db:connect), never with a stored password
  iam_database_authentication_enabled = true

  db_subnet_group_name            = aws_db_subnet_group.this.name
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]

  storage_encrypted = true
  kms_key_id        = var.kms_key_arn

  backup_retention_period   = var.backup_retention_days
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.final_snapshot
  final_snapshot_identifier = var.final_snapshot ? local.final_snapshot : null

  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity             = var.min_capacity
    max_capacity             = var.max_capacity
    seconds_until_auto_pause = var.min_capacity == 0 ? var.seconds_until_auto_pause : null
  }

  tags = var.tags

  lifecycle {
    # engine_version is the version a new cluster starts at; RDS moves minor versions itself, and a plan must not undo that
    ignore_changes = [engine_version]
  }

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier          = "${local.cluster_identifier}-${count.index + 1}"
  cluster_identifier  = aws_rds_cluster.this.id
  engine              = aws_rds_cluster.this.engine
  engine_version      = aws_rds_cluster.this.engine_version
  instance_class      = "db.serverless"
  publicly_accessible = false

  tags = var.tags

  lifecycle {
    # the instances run the cluster's version, which RDS raises itself
    ignore_changes = [engine_version]
  }
}
