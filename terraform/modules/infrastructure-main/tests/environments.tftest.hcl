# The three environment folders, planned as they are: their values reach the resources unchanged and
# match the environment table in terraform/README.md.

mock_provider "aws" {
  source = "../../mocks"
}

# CloudFront's web ACL is made in us-east-1.
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

run "development_folder" {
  command = plan

  module {
    source = "../../development"
  }

  assert {
    condition     = output.environment.name_prefix == "development" && output.environment.names.function == "development-api"
    error_message = "The development folder must create the development environment."
  }

  assert {
    condition = output.environment.settings == {
      vpc_cidr                       = "10.10.0.0/16"
      provisioned_concurrency        = 0
      log_retention_days             = { function = 14, access = 14, database = 14 }
      database_min_capacity          = 0.5
      database_max_capacity          = 2
      database_instance_count        = 1
      database_backup_retention_days = 1
      database_deletion_protection   = false
      database_final_snapshot        = false
      user_pool_deletion_protection  = false
      waf                            = false
    }
    error_message = "Development must have the README's values: 10.10.0.0/16, no provisioned concurrency, 14 days of logs, 0.5 to 2 ACU on 1 instance (no auto-pause: resuming outlasts the Lambda timeout), 1 day of backups, no deletion protection, no final snapshot, no WAF."
  }

  assert {
    condition     = output.environment.deploy.traffic_steps == tolist([10, 100]) && output.environment.deploy.bake_seconds == 120
    error_message = "Development's deploy must send the new version 10%, then all, holding each step 2 minutes (the README's table)."
  }

  assert {
    condition     = toset(output.environment.deploy.alarm_names) == toset(["development-lambda-errors-1m", "development-api-5xx-1m"])
    error_message = "A deploy must watch the environment's own minute-by-minute alarms."
  }
}

run "preproduction_folder" {
  command = plan

  module {
    source = "../../preproduction"
  }

  assert {
    condition     = output.environment.name_prefix == "preproduction" && output.environment.names.database_cluster == "preproduction-db"
    error_message = "The preproduction folder must create the preproduction environment."
  }

  assert {
    condition = output.environment.settings == {
      vpc_cidr                       = "10.20.0.0/16"
      provisioned_concurrency        = 1
      log_retention_days             = { function = 30, access = 30, database = 30 }
      database_min_capacity          = 0.5
      database_max_capacity          = 4
      database_instance_count        = 1
      database_backup_retention_days = 7
      database_deletion_protection   = false
      database_final_snapshot        = false
      user_pool_deletion_protection  = false
      waf                            = false
    }
    error_message = "Preproduction must have the README's values: 10.20.0.0/16, one provisioned execution, 30 days of logs, 0.5 to 4 ACU on 1 instance, 7 days of backups, no deletion protection, no final snapshot, no WAF."
  }

  assert {
    condition     = output.environment.deploy.traffic_steps == tolist([10, 100]) && output.environment.deploy.bake_seconds == 300
    error_message = "Preproduction's deploy must send the new version 10%, then all, holding each step 5 minutes (the README's table)."
  }
}

run "production_folder" {
  command = plan

  module {
    source = "../../production"
  }

  assert {
    condition     = output.environment.name_prefix == "production" && output.environment.names.web_bucket == "production-web-123456789012"
    error_message = "The production folder must create the production environment."
  }

  assert {
    condition = output.environment.settings == {
      vpc_cidr                       = "10.30.0.0/16"
      provisioned_concurrency        = 2
      log_retention_days             = { function = 365, access = 365, database = 365 }
      database_min_capacity          = 0.5
      database_max_capacity          = 16
      database_instance_count        = 2
      database_backup_retention_days = 14
      database_deletion_protection   = true
      database_final_snapshot        = true
      user_pool_deletion_protection  = true
      waf                            = true
    }
    error_message = "Production must have the README's values: 10.30.0.0/16, two provisioned executions, 365 days of logs, 0.5 to 16 ACU on 2 instances, 14 days of backups, deletion protection (database and user pool), a final snapshot and the WAF."
  }

  assert {
    condition     = output.environment.database_deletion_protection == true
    error_message = "Production's database must have deletion protection."
  }

  assert {
    condition     = output.environment.names.waf_web_acl == "production-waf"
    error_message = "Production's web ACL must be named after the prefix."
  }

  assert {
    condition     = output.environment.deploy.traffic_steps == tolist([10, 100]) && output.environment.deploy.bake_seconds == 600
    error_message = "Production's deploy must send the new version 10%, then all, holding each step 10 minutes (the README's table)."
  }
}

run "development_folder_has_no_waf" {
  command = plan

  module {
    source = "../../development"
  }

  assert {
    condition     = !contains(keys(output.environment.names), "waf_web_acl")
    error_message = "Development must not create a web ACL by default."
  }
}

run "production_folder_can_be_released_for_removal" {
  command = plan

  module {
    source = "../../production"
  }

  variables {
    allow_destroy = true
  }

  assert {
    condition     = !output.environment.settings.database_deletion_protection && !output.environment.database_deletion_protection
    error_message = "allow_destroy must turn the deletion protection off."
  }

  assert {
    condition     = !output.environment.settings.database_final_snapshot
    error_message = "allow_destroy must turn the final snapshot off, or destroy would leave a snapshot behind."
  }

  assert {
    condition     = !output.environment.settings.user_pool_deletion_protection
    error_message = "allow_destroy must turn the user pool's deletion protection off, or destroy would fail on it."
  }

  assert {
    condition     = output.environment.settings.database_instance_count == 2 && output.environment.settings.provisioned_concurrency == 2 && output.environment.settings.waf
    error_message = "allow_destroy must change nothing but the protection."
  }
}

run "production_folder_needs_the_production_account" {
  command = plan

  module {
    source = "../../production"
  }

  variables {
    account_id = "production"
  }

  expect_failures = [var.account_id]
}

run "production_folder_assumes_only_a_role_in_the_production_account" {
  command = plan

  module {
    source = "../../production"
  }

  variables {
    deploy_role_arn = "arn:aws:iam::123456789012:role/orders-production-deploy"
  }

  expect_failures = [var.deploy_role_arn]
}

run "production_folder_assumes_a_role_of_the_production_account_when_given" {
  command = plan

  module {
    source = "../../production"
  }

  variables {
    deploy_role_arn = "arn:aws:iam::210987654321:role/orders-production-deploy"
  }

  assert {
    condition     = output.environment.name_prefix == "production"
    error_message = "A role in the production account must be accepted."
  }
}

run "development_folder_refuses_an_empty_secrets_extension_layer" {
  command = plan

  module {
    source = "../../development"
  }

  variables {
    secrets_extension_layer_arn = ""
  }

  expect_failures = [var.secrets_extension_layer_arn]
}

run "preproduction_folder_refuses_a_malformed_account_id" {
  command = plan

  module {
    source = "../../preproduction"
  }

  variables {
    account_id = "shared"
  }

  expect_failures = [var.account_id]
}
