# RDS raises minor versions itself (auto minor version upgrade); the next plan must not try to go back.

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

# The state now holds the cluster at 16.8, as after RDS upgraded it from the configured 16.6.
run "cluster_runs_a_newer_minor_version" {
  variables {
    engine_version = "16.8"
  }

  assert {
    condition     = aws_rds_cluster.this.engine_version == "16.8"
    error_message = "The cluster must start at engine_version."
  }
}

run "next_plan_keeps_the_version_rds_moved_to" {
  command = plan

  variables {
    engine_version = "16.6"
  }

  assert {
    condition     = aws_rds_cluster.this.engine_version == "16.8"
    error_message = "A plan must not downgrade the cluster to engine_version after RDS upgraded it."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.engine_version == "16.8"])
    error_message = "A plan must not downgrade the instances either."
  }

  assert {
    condition     = aws_rds_cluster_parameter_group.this.family == "aurora-postgresql16"
    error_message = "A minor version changes nothing about the parameter group."
  }
}
