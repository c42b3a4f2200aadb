# The private path to the database is part of every environment and workspace, wired to its own cluster and network,
# and nothing of it runs (or costs) until a session makes a relay.

mock_provider "aws" {
  source = "../../mocks"
}

# CloudFront's web ACL is made in us-east-1.
mock_provider "aws" {
  alias  = "us_east_1"
  source = "../../mocks"
}

variables {
  environment                  = "development"
  workspace                    = "pr-42"
  vpc_cidr                     = "10.10.0.0/16"
  lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
  secrets_extension_layer_arn  = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
  database_deletion_protection = false
  database_final_snapshot      = false
}

run "access_roles_connect_to_this_environments_cluster" {
  assert {
    condition = module.database_access.database_user_arns == {
      reader = "arn:aws:rds-db:eu-central-1:123456789012:dbuser:cluster-MOCKRESOURCEID0123456789/orders_reader"
      writer = "arn:aws:rds-db:eu-central-1:123456789012:dbuser:cluster-MOCKRESOURCEID0123456789/orders_operator"
    }
    error_message = "The reader and writer must connect to the environment's own cluster, as orders_reader and orders_operator."
  }

  assert {
    condition     = output.database_access.database_users == { reader = "orders_reader", writer = "orders_operator" }
    error_message = "The outputs must say which database role each access role connects as."
  }

  assert {
    condition = (
      output.database_access.subnet_id == module.network.lambda_subnet_ids[0] &&
      output.database_access.relay_tag == { key = "orders:database-relay", value = "development-pr-42" }
    )
    error_message = "Relays must start in the first Lambda subnet, tagged with the prefix."
  }
}

run "access_names_derive_from_the_workspace" {
  command = plan

  assert {
    condition = (
      output.names.database_relay == "development-pr-42-db-relay" &&
      output.names.database_relay_security_group == "development-pr-42-db-relay" &&
      output.names.database_relay_endpoints_group == "development-pr-42-db-relay-endpoints" &&
      output.names.database_reader_role == "development-pr-42-db-reader" &&
      output.names.database_writer_role == "development-pr-42-db-writer" &&
      output.database_access.relay_launch_template == "development-pr-42-db-relay"
    )
    error_message = "The relay's and the access roles' names must be the workspace's prefix plus their role."
  }
}

run "nothing_of_the_path_runs_while_unused" {
  command = plan

  assert {
    condition     = length(setintersection(toset(module.network.interface_endpoint_services), toset(["ssm", "ssmmessages", "ec2messages"]))) == 0
    error_message = "The Systems Manager endpoints cost per hour: a session makes them and removes them, the network never."
  }

  assert {
    condition = length(fileset(path.module, "../*/*.tf")) > 20 && alltrue([
      for file in fileset(path.module, "../*/*.tf") :
      !can(regex("resource\\s+\"aws_(instance|spot_instance_request|spot_fleet_request|ec2_fleet|autoscaling_group)\"", file("${path.module}/${file}")))
    ])
    error_message = "No module may keep an instance running: the relay is made per session from its launch template."
  }
}
