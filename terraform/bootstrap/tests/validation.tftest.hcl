# Malformed input is refused before anything is planned.

mock_provider "aws" {
  source = "../mocks"
}

variables {
  account_id          = "111122223333"
  repository          = "example-org/orders"
  github_environments = ["development", "preproduction", "preview"]
}

run "repository_without_owner_is_rejected" {
  command = plan

  variables {
    repository = "orders"
  }

  expect_failures = [var.repository]
}

run "repository_as_url_is_rejected" {
  command = plan

  variables {
    repository = "https://github.com/example-org/orders"
  }

  expect_failures = [var.repository]
}

run "unknown_github_environment_is_rejected" {
  command = plan

  variables {
    github_environments = ["development", "staging"]
  }

  expect_failures = [var.github_environments]
}

run "no_github_environment_is_rejected" {
  command = plan

  variables {
    github_environments = []
  }

  expect_failures = [var.github_environments]
}

run "short_account_id_is_rejected" {
  command = plan

  variables {
    account_id = "11112222333"
  }

  expect_failures = [var.account_id]
}

run "account_alias_is_rejected" {
  command = plan

  variables {
    account_id = "orders-shared"
  }

  expect_failures = [var.account_id]
}

run "invalid_bucket_name_is_rejected" {
  command = plan

  variables {
    state_bucket_name = "Orders_Terraform_State"
  }

  expect_failures = [var.state_bucket_name]
}
