# What the private path to the database needs from the cluster: IAM database authentication, every connection in the
# log, and the resource ID rds-db:connect names.

mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name                     = "development"
  vpc_id                   = "vpc-1"
  subnet_ids               = ["subnet-db-a", "subnet-db-b"]
  client_security_group_id = "sg-lambda"
  deletion_protection      = false
  final_snapshot           = false
}

run "database_accepts_iam_authentication" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.iam_database_authentication_enabled
    error_message = "The cluster must accept IAM database authentication, so sessions need no stored password."
  }

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password && aws_rds_cluster.this.master_password == null
    error_message = "IAM authentication comes in addition to the master secret RDS manages, not instead of it."
  }
}

run "database_logs_every_connection" {
  command = plan

  assert {
    condition = toset([for p in aws_rds_cluster_parameter_group.this.parameter : "${p.name}=${p.value}"]) == toset([
      "rds.force_ssl=1",
      "log_connections=1",
      "log_disconnections=1",
    ])
    error_message = "The cluster must require TLS and log every connection and disconnection, and set nothing else."
  }
}

run "resource_id_is_an_output" {
  assert {
    condition     = output.cluster_resource_id == "cluster-MOCKRESOURCEID0123456789"
    error_message = "The cluster's resource ID must be an output: rds-db:connect names it."
  }

  assert {
    condition     = output.cluster_arn == "arn:aws:rds:eu-central-1:123456789012:cluster:mock"
    error_message = "The cluster's ARN must be an output."
  }
}
