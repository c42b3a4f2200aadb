# Invalid inputs stop at variable validation with a message that says what is allowed.

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
  vpc_cidr                     = "10.10.0.0/16"
  lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
  secrets_extension_layer_arn  = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
  database_deletion_protection = false
  database_final_snapshot      = false
}

run "valid_inputs_plan" {
  command = plan

  assert {
    condition     = output.name_prefix == "development"
    error_message = "The valid baseline must plan."
  }
}

run "unknown_environment_is_rejected" {
  command = plan

  variables {
    environment = "staging"
  }

  expect_failures = [var.environment]
}

run "capitalised_environment_is_rejected" {
  command = plan

  variables {
    environment = "Production"
  }

  expect_failures = [var.environment]
}

run "cidr_with_impossible_prefix_is_rejected" {
  command = plan

  variables {
    vpc_cidr = "10.10.0.0/33"
  }

  expect_failures = [var.vpc_cidr]
}

run "cidr_that_is_no_address_is_rejected" {
  command = plan

  variables {
    vpc_cidr = "10.300.0.0/16"
  }

  expect_failures = [var.vpc_cidr]
}

run "cidr_too_small_for_the_subnets_is_rejected" {
  command = plan

  variables {
    vpc_cidr = "10.10.0.0/24"
  }

  expect_failures = [var.vpc_cidr]
}

run "workspace_with_capitals_and_underscores_is_rejected" {
  command = plan

  variables {
    workspace = "Fix_Bug"
  }

  expect_failures = [var.workspace]
}

run "workspace_too_long_for_resource_names_is_rejected" {
  command = plan

  variables {
    workspace = "a-very-long-workspace-name"
  }

  expect_failures = [var.workspace]
}

run "workspace_ending_in_a_hyphen_is_rejected" {
  command = plan

  variables {
    workspace = "debug-"
  }

  expect_failures = [var.workspace]
}

run "unknown_runtime_is_rejected" {
  command = plan

  variables {
    lambda_runtime = "dotnet8"
  }

  expect_failures = [var.lambda_runtime]
}

run "empty_secrets_extension_layer_is_rejected" {
  command = plan

  variables {
    secrets_extension_layer_arn = ""
  }

  expect_failures = [var.secrets_extension_layer_arn]
}

run "minimum_capacity_above_maximum_is_rejected" {
  command = plan

  variables {
    database_min_capacity = 8
    database_max_capacity = 4
  }

  expect_failures = [var.database_min_capacity]
}

run "log_retention_cloudwatch_does_not_offer_is_rejected" {
  command = plan

  variables {
    log_retention_days = 10
  }

  expect_failures = [var.log_retention_days]
}

run "negative_provisioned_concurrency_is_rejected" {
  command = plan

  variables {
    provisioned_concurrency = -1
  }

  expect_failures = [var.provisioned_concurrency]
}

run "deploy_steps_that_never_reach_all_the_traffic_are_rejected" {
  command = plan

  variables {
    deploy_traffic_steps = [10, 50]
  }

  expect_failures = [var.deploy_traffic_steps]
}

run "deploy_steps_that_go_back_are_rejected" {
  command = plan

  variables {
    deploy_traffic_steps = [50, 10, 100]
  }

  expect_failures = [var.deploy_traffic_steps]
}
