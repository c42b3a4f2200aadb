# The three environment folders, planned as they are: their values reach the module unchanged.

mock_provider "aws" {
  source = "../../mocks"
}

variables {
  # Any readable file: the mocked provider never unpacks the package.
  lambda_package_file = "main.tf"
  deploy_role_arn     = "arn:aws:iam::210987654321:role/terraform-deploy"
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
    condition     = output.environment.provisioned_concurrency == 0
    error_message = "Development must run without provisioned concurrency."
  }

  assert {
    condition     = output.environment.database_deletion_protection == false
    error_message = "Development's database must be deletable."
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
    condition     = output.environment.provisioned_concurrency == 1
    error_message = "Preproduction must keep one execution environment warm, like production."
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
    condition     = output.environment.database_deletion_protection == true
    error_message = "Production's database must have deletion protection."
  }

  assert {
    condition     = output.environment.provisioned_concurrency == 2
    error_message = "Production must run with provisioned concurrency."
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
    condition     = output.environment.database_deletion_protection == false
    error_message = "allow_destroy must turn the deletion protection off."
  }
}

run "production_folder_needs_a_role_arn" {
  command = plan

  module {
    source = "../../production"
  }

  variables {
    deploy_role_arn = "terraform-deploy"
  }

  expect_failures = [var.deploy_role_arn]
}
