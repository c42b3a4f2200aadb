# How each environment's deploy moves live (terraform/README.md's table): the same steps everywhere, a longer bake
# where more is at stake, and the alarms it watches; and the steps it refuses.

mock_provider "aws" {
  source = "../../mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "../../mocks"
}

variables {
  # Any readable file: the mocked provider never unpacks the package.
  lambda_package_file         = "main.tf"
  account_id                  = "210987654321"
  secrets_extension_layer_arn = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
}

run "development_bakes_each_step_two_minutes" {
  command = plan

  module {
    source = "../../development"
  }

  assert {
    condition     = output.environment.deploy.traffic_steps == tolist([10, 100]) && output.environment.deploy.bake_seconds == 120
    error_message = "Development's deploy must send the new version 10%, then all, holding each step 2 minutes."
  }

  assert {
    condition     = toset(output.environment.deploy.alarm_names) == toset(["development-deploy-lambda-errors", "development-deploy-api-5xx"])
    error_message = "A deploy must watch the environment's own minute-by-minute alarms."
  }
}

run "preproduction_bakes_each_step_five_minutes" {
  command = plan

  module {
    source = "../../preproduction"
  }

  assert {
    condition     = output.environment.deploy.traffic_steps == tolist([10, 100]) && output.environment.deploy.bake_seconds == 300
    error_message = "Preproduction's deploy must send the new version 10%, then all, holding each step 5 minutes."
  }
}

run "production_bakes_each_step_ten_minutes" {
  command = plan

  module {
    source = "../../production"
  }

  assert {
    condition     = output.environment.deploy.traffic_steps == tolist([10, 100]) && output.environment.deploy.bake_seconds == 600
    error_message = "Production's deploy must send the new version 10%, then all, holding each step 10 minutes."
  }
}

run "steps_that_never_reach_all_the_traffic_are_rejected" {
  command = plan

  variables {
    environment                  = "development"
    vpc_cidr                     = "10.10.0.0/16"
    lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
    database_deletion_protection = false
    database_final_snapshot      = false
    deploy_traffic_steps         = [10, 50]
  }

  expect_failures = [var.deploy_traffic_steps]
}

run "steps_that_go_back_are_rejected" {
  command = plan

  variables {
    environment                  = "development"
    vpc_cidr                     = "10.10.0.0/16"
    lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
    database_deletion_protection = false
    database_final_snapshot      = false
    deploy_traffic_steps         = [50, 10, 100]
  }

  expect_failures = [var.deploy_traffic_steps]
}
