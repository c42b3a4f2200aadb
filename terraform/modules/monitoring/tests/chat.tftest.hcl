# The alarms reach the team's chat through AWS Chatbot when a Slack channel is given, and nothing of it exists
# otherwise; every alarm says where to start looking.
mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name                           = "production"
  api_id                         = "abc123"
  function_name                  = "production-api"
  cluster_identifier             = "production-db"
  database_connections_threshold = 2883
  environment_url                = "https://d111111abcdef8.cloudfront.net"
  function_log_group_name        = "/aws/lambda/production-api"
}

run "without_a_slack_channel_nothing_of_chat_is_created" {
  command = plan

  assert {
    condition     = length(aws_chatbot_slack_channel_configuration.alarms) == 0 && length(aws_iam_role.chat) == 0 && length(aws_iam_role_policy.chat) == 0
    error_message = "Without alarm_slack_channel there must be no Chatbot configuration and no role for it."
  }

  assert {
    condition     = output.chat_configuration_arn == null && !contains(keys(output.names), "chat_role")
    error_message = "Without alarm_slack_channel the module must report no chat."
  }
}

run "the_slack_channel_hears_exactly_the_alarm_topic" {
  variables {
    alarm_slack_channel = { team_id = "T0123ABCD", channel_id = "C0123ABCD" }
  }

  assert {
    condition = (
      aws_chatbot_slack_channel_configuration.alarms["slack"].sns_topic_arns == toset([aws_sns_topic.alarms.arn]) &&
      aws_chatbot_slack_channel_configuration.alarms["slack"].slack_team_id == "T0123ABCD" &&
      aws_chatbot_slack_channel_configuration.alarms["slack"].slack_channel_id == "C0123ABCD"
    )
    error_message = "The Chatbot configuration must post the environment's alarm topic, and only it, to the given channel."
  }

  assert {
    condition = (
      aws_chatbot_slack_channel_configuration.alarms["slack"].configuration_name == "production-alarms" &&
      aws_iam_role.chat["slack"].name == "production-chat" &&
      output.names.chat_role == "production-chat" && output.names.chat_configuration == "production-alarms"
    )
    error_message = "The configuration and its role must be named after the prefix (the role within the deploy roles' production-* pattern)."
  }

  assert {
    condition     = aws_chatbot_slack_channel_configuration.alarms["slack"].iam_role_arn == aws_iam_role.chat["slack"].arn
    error_message = "Chatbot must act in the configuration's own role."
  }
}

run "the_channel_can_do_no_more_than_read_cloudwatch" {
  variables {
    alarm_slack_channel = { team_id = "T0123ABCD", channel_id = "C0123ABCD" }
    tags                = { Deployment = "production" }
  }

  # the guardrail caps what anyone in the channel can do, whatever the role allows
  assert {
    condition     = aws_chatbot_slack_channel_configuration.alarms["slack"].guardrail_policy_arns == tolist(["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"])
    error_message = "The channel's guardrail must be CloudWatch read-only and nothing else."
  }

  assert {
    condition = alltrue(flatten([
      for statement in jsondecode(aws_iam_role_policy.chat["slack"].policy).Statement : [
        for action in flatten([statement.Action]) : statement.Effect == "Allow" && can(regex("^cloudwatch:(Describe|Get|List)\\*$", action))
      ]
    ]))
    error_message = "The chat role may only describe, get and list CloudWatch (alarms and their graphs)."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.chat["slack"].assume_role_policy).Statement[0].Principal == { Service = "chatbot.amazonaws.com" } &&
      length(jsondecode(aws_iam_role.chat["slack"].assume_role_policy).Statement) == 1
    )
    error_message = "Only AWS Chatbot may assume the chat role."
  }

  assert {
    condition     = aws_chatbot_slack_channel_configuration.alarms["slack"].tags["Deployment"] == "production" && aws_iam_role.chat["slack"].tags["Deployment"] == "production"
    error_message = "The chat resources must carry the environment's tags (the deploy roles touch only their own Deployment)."
  }
}

run "a_channel_id_that_is_no_slack_id_is_refused" {
  command = plan

  variables {
    alarm_slack_channel = { team_id = "T0123ABCD", channel_id = "#alarms" }
  }

  expect_failures = [var.alarm_slack_channel]
}

run "every_alarm_says_where_to_start" {
  command = plan

  assert {
    condition = alltrue([
      for alarm in values(aws_cloudwatch_metric_alarm.this) :
      strcontains(alarm.alarm_description, "Environment: https://d111111abcdef8.cloudfront.net") &&
      strcontains(alarm.alarm_description, "Function logs: https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fproduction-api")
    ])
    error_message = "Every alarm's description must name the environment's URL and link the function's log group in the CloudWatch console."
  }

  assert {
    condition     = startswith(aws_cloudwatch_metric_alarm.this["api_5xx"].alarm_description, "The API answered with 5xx responses. | ")
    error_message = "The description must still begin with what the alarm means."
  }

  # CloudWatch refuses descriptions over 1024 characters
  assert {
    condition     = alltrue([for alarm in values(aws_cloudwatch_metric_alarm.this) : length(alarm.alarm_description) <= 1024])
    error_message = "Every alarm's description must fit CloudWatch's 1024 characters."
  }
}

run "without_the_links_the_descriptions_are_as_before" {
  command = plan

  variables {
    environment_url         = ""
    function_log_group_name = ""
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["api_5xx"].alarm_description == "The API answered with 5xx responses."
    error_message = "Without a URL or log group the description must be the alarm's meaning alone."
  }
}
