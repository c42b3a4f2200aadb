# The environment's alarms reach its Slack channel, its copies' and previews' do not (one channel takes one Chatbot
# configuration per account), and every alarm points at the environment's own URL and function logs.

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
  alarm_slack_channel          = { team_id = "T0123ABCD", channel_id = "C0123ABCD" }
}

run "the_environment_posts_its_alarms_to_its_channel" {
  assert {
    condition     = output.names.chat_configuration == "development-alarms" && output.names.chat_role == "development-chat"
    error_message = "The default workspace must get a Chatbot configuration and its role, named after the prefix."
  }

  assert {
    condition     = module.monitoring.chat_configuration_arn != null
    error_message = "The monitoring part must report the environment's Chatbot configuration."
  }

  assert {
    condition = module.monitoring.alarm_links == {
      environment   = output.url
      function_logs = "https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fdevelopment-api"
    }
    error_message = "The alarms must point at the environment's CloudFront URL and its function's own log group."
  }
}

run "a_preview_keeps_its_alarms_out_of_the_environments_channel" {
  command = plan

  variables {
    workspace = "pr-42"
  }

  assert {
    condition     = !contains(keys(output.names), "chat_configuration") && !contains(keys(output.names), "chat_role")
    error_message = "A workspace other than the default must not make a second Chatbot configuration for the environment's channel."
  }

  assert {
    condition     = endswith(module.monitoring.alarm_links.function_logs, "$252Faws$252Flambda$252Fdevelopment-pr-42-api")
    error_message = "A preview's alarms must point at the preview's own function logs."
  }
}

# The environment folders take the channel from TF_VAR_alarm_slack_team_id and TF_VAR_alarm_slack_channel_id (repository
# variables in CI); unset, there is no chat.
run "production_folder_posts_to_the_channel_it_is_given" {
  command = plan

  module {
    source = "../../production"
  }

  variables {
    lambda_package_file    = "main.tf"
    account_id             = "210987654321"
    alarm_slack_team_id    = "T0123ABCD"
    alarm_slack_channel_id = "C0PRODUCTN"
  }

  assert {
    condition     = output.environment.names.chat_configuration == "production-alarms"
    error_message = "With a team and channel ID the production folder must make its Chatbot configuration."
  }
}

run "development_folder_without_a_channel_of_its_own_has_no_chat" {
  command = plan

  module {
    source = "../../development"
  }

  # the team ID is one repository variable for every environment; a channel is each one's own
  variables {
    lambda_package_file = "main.tf"
    alarm_slack_team_id = "T0123ABCD"
  }

  assert {
    condition     = !contains(keys(output.environment.names), "chat_configuration")
    error_message = "Without a channel of its own (a team ID alone) the development folder must make no Chatbot configuration."
  }
}

run "preproduction_folder_refuses_a_channel_without_its_team" {
  command = plan

  module {
    source = "../../preproduction"
  }

  variables {
    lambda_package_file    = "main.tf"
    alarm_slack_channel_id = "C0PREPROD1"
  }

  expect_failures = [var.alarm_slack_channel_id]
}
