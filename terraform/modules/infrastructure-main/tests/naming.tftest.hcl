# Every name derives from the prefix (environment, or environment-workspace), and two workspaces of
# one environment, or two environments sharing an account, never share a name.

mock_provider "aws" {
  source = "../../mocks"
}

# CloudFront's web ACL is made in us-east-1.
mock_provider "aws" {
  alias  = "us_east_1"
  source = "../../mocks"
}

variables {
  vpc_cidr                     = "10.10.0.0/16"
  lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
  secrets_extension_layer_arn  = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
  database_deletion_protection = false
  database_final_snapshot      = false
}

run "development_default_workspace" {
  command = plan

  variables {
    environment = "development"
  }

  assert {
    condition     = output.name_prefix == "development"
    error_message = "In the default workspace the prefix must be the environment."
  }

  assert {
    condition = (
      output.names.function == "development-api" &&
      output.names.function_role == "development-api-role" &&
      output.names.database_cluster == "development-db" &&
      output.names.web_bucket == "development-web-123456789012" &&
      output.names.alarm_topic == "development-alarms" &&
      output.names.dashboard == "development-dashboard" &&
      output.names.database_parameters == "development-db-aurora-postgresql16"
    )
    error_message = "Resource names must be the prefix plus their role."
  }

  assert {
    condition = output.log_group_names == {
      function = "/aws/lambda/development-api"
      access   = "/aws/vendedlogs/apigateway/development-api/access"
      database = "/aws/rds/cluster/development-db/postgresql"
    }
    error_message = "Log group names must derive from the prefix."
  }

  assert {
    condition     = alltrue([for n in values(output.names) : can(regex("(^|/)development(-|/|$)", n))])
    error_message = "Every name must contain the prefix."
  }

  assert {
    condition     = output.tags.Deployment == "development" && output.tags.Environment == "development" && output.tags.Workspace == "default"
    error_message = "The tags must name the environment, the workspace and the prefix."
  }
}

run "development_custom_workspace" {
  command = plan

  variables {
    environment = "development"
    workspace   = "pr-42"
  }

  assert {
    condition     = output.name_prefix == "development-pr-42"
    error_message = "In a custom workspace the prefix must be environment-workspace."
  }

  assert {
    condition = (
      output.names.function == "development-pr-42-api" &&
      output.names.database_cluster == "development-pr-42-db" &&
      output.names.web_bucket == "development-pr-42-web-123456789012" &&
      output.log_group_names.function == "/aws/lambda/development-pr-42-api"
    )
    error_message = "Resource names must carry the workspace."
  }

  assert {
    condition     = alltrue([for n in values(output.names) : can(regex("(^|/)development-pr-42(-|/|$)", n))])
    error_message = "Every name must contain the workspace's prefix."
  }

  assert {
    condition     = length(setintersection(toset(values(output.names)), toset(values(run.development_default_workspace.names)))) == 0
    error_message = "The custom workspace must share no name with the default workspace."
  }

  assert {
    condition     = output.tags.Deployment == "development-pr-42" && output.tags.Workspace == "pr-42"
    error_message = "The tags must carry the workspace."
  }
}

run "preproduction_default_workspace" {
  command = plan

  variables {
    environment = "preproduction"
  }

  assert {
    condition     = output.name_prefix == "preproduction" && output.names.function == "preproduction-api" && output.names.web_bucket == "preproduction-web-123456789012"
    error_message = "Preproduction's names must start with preproduction."
  }

  assert {
    condition     = alltrue([for n in values(output.names) : can(regex("(^|/)preproduction(-|/|$)", n))])
    error_message = "Every name must contain the prefix."
  }

  assert {
    condition     = length(setintersection(toset(values(output.names)), toset(values(run.development_default_workspace.names)))) == 0
    error_message = "Development and preproduction may share an account, so they must share no name."
  }
}

run "preproduction_custom_workspace" {
  command = plan

  variables {
    environment = "preproduction"
    workspace   = "load-test"
  }

  assert {
    condition     = output.name_prefix == "preproduction-load-test" && output.names.database_cluster == "preproduction-load-test-db"
    error_message = "In a custom workspace the prefix must be environment-workspace."
  }

  assert {
    condition     = length(setintersection(toset(values(output.names)), toset(values(run.preproduction_default_workspace.names)))) == 0
    error_message = "The custom workspace must share no name with the default workspace."
  }
}

run "production_default_workspace" {
  command = plan

  variables {
    environment = "production"
  }

  assert {
    condition = (
      output.name_prefix == "production" &&
      output.names.function == "production-api" &&
      output.names.database_cluster == "production-db" &&
      output.names.web_bucket == "production-web-123456789012" &&
      output.log_group_names.database == "/aws/rds/cluster/production-db/postgresql"
    )
    error_message = "Production's names must start with production."
  }

  assert {
    condition     = alltrue([for n in values(output.names) : can(regex("(^|/)production-[a-z0-9]", n))])
    error_message = "Every name must be the prefix followed by a suffix; a bare prefix could equal another workspace's name."
  }

  # If no suffix ends in -<another suffix>, prefix-w-s1 never equals prefix-s2 for any workspace w. The one exception:
  # the secret <prefix>-database-api, whose suffix ends in the Lambda's and HTTP API's (-api); a secret's name never
  # meets a Lambda, IAM, log group or API Gateway name, and no other secret's suffix is api. And the database relay's
  # endpoints group, <prefix>-db-relay-endpoints, whose suffix ends in the network's (-endpoints): both are security
  # groups, whose names are unique per VPC only, and every workspace has a VPC of its own.
  assert {
    condition = alltrue(flatten([
      for ka, a in output.names : [
        for b in values(output.names) :
        !endswith(regex("(?:^|/)production-([^/]+)", a)[0], "-${regex("(?:^|/)production-([^/]+)", b)[0]}") ||
        (ka == "database_api_secret" && regex("(?:^|/)production-([^/]+)", b)[0] == "api") ||
        (ka == "database_relay_endpoints_group" && regex("(?:^|/)production-([^/]+)", b)[0] == "endpoints")
      ]
    ]))
    error_message = "No name suffix may end in another suffix, or some workspace name would make two names equal."
  }
}

run "production_custom_workspace" {
  command = plan

  variables {
    environment = "production"
    workspace   = "debug-4711"
  }

  assert {
    condition     = output.name_prefix == "production-debug-4711" && output.names.function == "production-debug-4711-api" && output.dashboard_name == "production-debug-4711-dashboard"
    error_message = "A production debugging workspace must get its own names."
  }

  assert {
    condition     = alltrue([for n in values(output.names) : can(regex("(^|/)production-debug-4711(-|/|$)", n))])
    error_message = "Every name must contain the workspace's prefix."
  }

  assert {
    condition     = length(setintersection(toset(values(output.names)), toset(values(run.production_default_workspace.names)))) == 0
    error_message = "The custom workspace must share no name with the default workspace."
  }
}

# Workspaces named like the parts' own suffixes are where a collision would show first.
run "production_workspace_named_like_a_part" {
  command = plan

  variables {
    environment = "production"
    workspace   = "db"
  }

  assert {
    condition     = length(setintersection(toset(values(output.names)), toset(values(run.production_default_workspace.names)))) == 0
    error_message = "A workspace named db must share no name with the default workspace."
  }
}

run "production_workspace_named_like_another_part" {
  command = plan

  variables {
    environment = "production"
    workspace   = "api"
  }

  assert {
    condition = length(setintersection(toset(values(output.names)), setunion(
      toset(values(run.production_default_workspace.names)),
      toset(values(run.production_workspace_named_like_a_part.names)),
    ))) == 0
    error_message = "A workspace named api must share no name with the default or the db workspace."
  }
}
