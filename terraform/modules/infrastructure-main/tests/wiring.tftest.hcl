# The whole environment applies against the mocked provider, and the parts are connected.

mock_provider "aws" {
  source = "../../mocks"
}

variables {
  environment                  = "production"
  workspace                    = "debug-4711"
  vpc_cidr                     = "10.30.0.0/16"
  lambda_package               = { s3_bucket = "artifacts", s3_key = "api.zip" }
  secrets_extension_layer_arn  = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
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

# The mocked IDs differ per resource, so a part handed the wrong neighbour's value fails here.
run "parts_are_connected_to_each_other" {
  assert {
    condition     = module.api.function_network.subnet_ids == sort(module.network.lambda_subnet_ids)
    error_message = "The Lambda must run in the network's Lambda subnets."
  }

  assert {
    condition     = length(setintersection(toset(module.api.function_network.subnet_ids), toset(module.network.database_subnet_ids))) == 0
    error_message = "The Lambda must not run in the database subnets."
  }

  assert {
    condition     = module.api.function_network.security_group_ids == tolist([module.network.lambda_security_group_id])
    error_message = "The Lambda must run with the network's Lambda security group only."
  }

  assert {
    condition     = module.database.admitted_security_group_id == module.network.lambda_security_group_id
    error_message = "The database must admit the Lambda's security group."
  }

  assert {
    condition     = module.database.subnet_ids == sort(module.network.database_subnet_ids)
    error_message = "The database must live in the network's database subnets."
  }

  assert {
    condition     = module.frontend.api_origin_domain_name == trimprefix(module.api.api_endpoint, "https://") && module.frontend.api_origin_domain_name == "abc123.execute-api.eu-central-1.amazonaws.com"
    error_message = "CloudFront's API origin must be the HTTP API's endpoint."
  }

  assert {
    condition     = module.api.layers == tolist([var.secrets_extension_layer_arn])
    error_message = "The Api must get the secrets extension layer it reads the database password through."
  }

  assert {
    condition = module.api.function_database == {
      host       = module.database.endpoint
      port       = module.database.port
      name       = module.database.database_name
      username   = module.database.master_username
      secret_arn = module.database.secret_arn
    }
    error_message = "The Api must get the database's writer endpoint, port, name, master user and the secret RDS keeps that user's password in."
  }
}

# 80% of LEAST(DBInstanceClassMemory/9531392, 5000) with 2 GiB per ACU: 4 ACU allow 901 connections.
run "connections_alarm_follows_the_maximum_capacity" {
  command = plan

  assert {
    condition     = module.monitoring.alarm_thresholds.database_connections == 720
    error_message = "At 4 ACU (901 connections) the connections alarm must fire above 720."
  }
}

run "connections_alarm_follows_a_larger_capacity" {
  command = plan

  variables {
    database_max_capacity = 16
  }

  assert {
    condition     = module.monitoring.alarm_thresholds.database_connections == 2883
    error_message = "At 16 ACU (3604 connections) the connections alarm must fire above 2883."
  }
}

run "connections_alarm_stops_at_the_engine_limit" {
  command = plan

  variables {
    database_max_capacity = 64
  }

  assert {
    condition     = module.monitoring.alarm_thresholds.database_connections == 4000
    error_message = "Above about 22 ACU max_connections stays at 5000, so the alarm must fire above 4000."
  }
}
