mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name               = "production-debug"
  api_id             = "abc123"
  function_name      = "production-debug-api"
  cluster_identifier = "production-debug-db"
  # 80% of the 3604 connections Aurora PostgreSQL allows at 16 ACU
  database_connections_threshold = 2883
}

run "alarms_watch_the_api_the_function_and_the_database" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["api_5xx"].namespace == "AWS/ApiGateway" &&
      aws_cloudwatch_metric_alarm.this["api_5xx"].metric_name == "5xx" &&
      aws_cloudwatch_metric_alarm.this["api_5xx"].dimensions == tomap({ ApiId = "abc123", Stage = "$default" })
    )
    error_message = "The 5xx alarm must watch the HTTP API's default stage."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["lambda_errors"].metric_name == "Errors" &&
      aws_cloudwatch_metric_alarm.this["lambda_throttles"].metric_name == "Throttles" &&
      aws_cloudwatch_metric_alarm.this["lambda_errors"].dimensions == tomap({ FunctionName = "production-debug-api" }) &&
      aws_cloudwatch_metric_alarm.this["lambda_throttles"].dimensions == tomap({ FunctionName = "production-debug-api" })
    )
    error_message = "The error and throttle alarms must watch the API function."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["lambda_duration_p99"].extended_statistic == "p99" && aws_cloudwatch_metric_alarm.this["lambda_duration_p99"].threshold == 1000
    error_message = "The duration alarm must watch p99 against the threshold."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["database_capacity"].namespace == "AWS/RDS" &&
      aws_cloudwatch_metric_alarm.this["database_capacity"].metric_name == "ACUUtilization" &&
      aws_cloudwatch_metric_alarm.this["database_capacity"].dimensions == tomap({ DBClusterIdentifier = "production-debug-db" })
    )
    error_message = "The capacity alarm must watch the cluster's ACU utilisation."
  }
}

run "connections_alarm_watches_the_busiest_instance" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["database_connections"].alarm_name == "production-debug-db-connections" &&
      aws_cloudwatch_metric_alarm.this["database_connections"].namespace == "AWS/RDS" &&
      aws_cloudwatch_metric_alarm.this["database_connections"].metric_name == "DatabaseConnections" &&
      aws_cloudwatch_metric_alarm.this["database_connections"].dimensions == tomap({ DBClusterIdentifier = "production-debug-db" })
    )
    error_message = "The connections alarm must watch the cluster's DatabaseConnections and be named after the prefix."
  }

  # Maximum: the peak within each period, held against max_connections, a limit of each instance.
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["database_connections"].statistic == "Maximum" &&
      aws_cloudwatch_metric_alarm.this["database_connections"].extended_statistic == null &&
      aws_cloudwatch_metric_alarm.this["database_connections"].period == 300 &&
      aws_cloudwatch_metric_alarm.this["database_connections"].evaluation_periods == 3 &&
      aws_cloudwatch_metric_alarm.this["database_connections"].comparison_operator == "GreaterThanThreshold"
    )
    error_message = "The connections alarm must fire when the maximum stays above the threshold for three 5-minute periods."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["database_connections"].threshold == 2883 && output.alarm_thresholds.database_connections == 2883
    error_message = "The connections alarm must use database_connections_threshold."
  }
}

run "alarms_notify_the_environment_topic" {
  assert {
    condition = alltrue([
      for a in values(aws_cloudwatch_metric_alarm.this) : a.alarm_actions == toset([aws_sns_topic.alarms.arn])
    ])
    error_message = "Every alarm must notify the environment's own topic."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 6
    error_message = "There must be six alarms: API 5xx, function errors, throttles, p99 duration, database capacity and database connections."
  }

  assert {
    condition     = aws_sns_topic.alarms.name == "production-debug-alarms"
    error_message = "The topic name must derive from the prefix."
  }
}

run "dashboard_shows_the_environment" {
  command = plan

  assert {
    condition     = aws_cloudwatch_dashboard.this.dashboard_name == "production-debug-dashboard"
    error_message = "The dashboard must be named after the prefix."
  }

  assert {
    condition = alltrue([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w.properties.region == "eu-central-1"
    ]) && length(jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets) == 5
    error_message = "The dashboard must have its five widgets in the environment's region."
  }

  assert {
    condition = alltrue([
      for name in ["abc123", "production-debug-api", "production-debug-db"] :
      strcontains(aws_cloudwatch_dashboard.this.dashboard_body, "\"${name}\"")
    ])
    error_message = "The dashboard must show the environment's API, function and database."
  }
}

run "email_subscriptions_follow_the_list" {
  command = plan

  variables {
    alarm_emails = ["oncall@example.com"]
  }

  assert {
    condition     = length(aws_sns_topic_subscription.email) == 1 && aws_sns_topic_subscription.email["oncall@example.com"].protocol == "email"
    error_message = "Each address must get one e-mail subscription."
  }
}

run "invalid_email_is_rejected" {
  command = plan

  variables {
    alarm_emails = ["not-an-address"]
  }

  expect_failures = [var.alarm_emails]
}

run "fractional_connections_threshold_is_rejected" {
  command = plan

  variables {
    database_connections_threshold = 0.5
  }

  expect_failures = [var.database_connections_threshold]
}
