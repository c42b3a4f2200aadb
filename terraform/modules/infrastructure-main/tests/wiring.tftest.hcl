# The whole environment applies against the mocked provider, and the parts are connected.

mock_provider "aws" {
  source = "../../mocks"
}

variables {
  environment                  = "production"
  workspace                    = "debug-4711"
  vpc_cidr                     = "10.30.0.0/16"
  lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
  provisioned_concurrency      = 2
  database_instance_count      = 2
  database_deletion_protection = true
  database_final_snapshot      = true
}

run "environment_applies_and_reports_its_addresses" {
  assert {
    condition     = output.url == "https://d111111abcdef8.cloudfront.net"
    error_message = "The URL must be the CloudFront distribution's."
  }

  assert {
    condition     = output.api_endpoint == "https://abc123.execute-api.eu-central-1.amazonaws.com"
    error_message = "The API endpoint must be the HTTP API's."
  }

  assert {
    condition     = output.database_secret_arn == "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-mock-AbCdEf"
    error_message = "The database secret must be the one RDS manages."
  }

  assert {
    condition     = output.function_alias_arn == "arn:aws:lambda:eu-central-1:123456789012:function:mock:live"
    error_message = "The alias output must be the live alias."
  }

  assert {
    condition     = output.provisioned_concurrency == 2 && output.database_deletion_protection
    error_message = "A custom workspace must get the environment's exact settings."
  }

  assert {
    condition     = output.names.database_instance_1 == "production-debug-4711-db-1" && output.names.database_instance_2 == "production-debug-4711-db-2"
    error_message = "Every database instance must be named after the prefix."
  }
}
