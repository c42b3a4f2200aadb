data "aws_region" "current" {}

locals {
  # id is the region name in provider 5 and 6 alike (name is deprecated in 6).
  region = data.aws_region.current.id

  api_dimensions      = { ApiId = var.api_id, Stage = var.api_stage }
  function_dimensions = { FunctionName = var.function_name }
  database_dimensions = { DBClusterIdentifier = var.cluster_identifier }

  # what sets the alarms apart; each notifies the environment's topic over 5-minute periods
  alarms = {
    api_5xx = {
      suffix              = "api-5xx"
      description         = "The API answered with 5xx responses."
      namespace           = "AWS/ApiGateway"
      metric_name         = "5xx"
      dimensions          = local.api_dimensions
      statistic           = "Sum"
      extended_statistic  = null
      evaluation_periods  = 1
      comparison_operator = "GreaterThanOrEqualToThreshold"
      threshold           = var.api_5xx_threshold
    }
    lambda_errors = {
      suffix              = "lambda-errors"
      description         = "The API function failed invocations."
      namespace           = "AWS/Lambda"
      metric_name         = "Errors"
      dimensions          = local.function_dimensions
      statistic           = "Sum"
      extended_statistic  = null
      evaluation_periods  = 1
      comparison_operator = "GreaterThanOrEqualToThreshold"
      threshold           = var.lambda_errors_threshold
    }
    lambda_throttles = {
      suffix              = "lambda-throttles"
      description         = "Invocations of the API function were throttled."
      namespace           = "AWS/Lambda"
      metric_name         = "Throttles"
      dimensions          = local.function_dimensions
      statistic           = "Sum"
      extended_statistic  = null
      evaluation_periods  = 1
      comparison_operator = "GreaterThanThreshold"
      threshold           = 0
    }
    lambda_duration_p99 = {
      suffix              = "lambda-duration-p99"
      description         = "The slowest 1% of API invocations took too long for 15 minutes."
      namespace           = "AWS/Lambda"
      metric_name         = "Duration"
      dimensions          = local.function_dimensions
      statistic           = null
      extended_statistic  = "p99"
      evaluation_periods  = 3
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.duration_p99_threshold_ms
    }
    database_capacity = {
      suffix              = "db-capacity"
      description         = "The database ran near its maximum capacity for 15 minutes."
      namespace           = "AWS/RDS"
      metric_name         = "ACUUtilization"
      dimensions          = local.database_dimensions
      statistic           = "Average"
      extended_statistic  = null
      evaluation_periods  = 3
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.database_capacity_threshold_percent
    }
    database_connections = {
      suffix              = "db-connections"
      description         = "The database held close to its maximum connections for 15 minutes."
      namespace           = "AWS/RDS"
      metric_name         = "DatabaseConnections"
      dimensions          = local.database_dimensions
      statistic           = "Maximum"
      extended_statistic  = null
      evaluation_periods  = 3
      comparison_operator = "GreaterThanThreshold"
      threshold           = var.database_connections_threshold
    }
  }
}

resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"

  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

# Where whoever reads an alarm (by e-mail, in chat) starts: the environment, and its function's logs in the CloudWatch
# console, whose address carries the log group's name URL-encoded twice ("%" written "$25").
locals {
  function_logs_url = var.function_log_group_name == "" ? "" : join("", [
    "https://${local.region}.console.aws.amazon.com/cloudwatch/home?region=${local.region}",
    "#logsV2:log-groups/log-group/${replace(urlencode(var.function_log_group_name), "%", "$25")}",
  ])
  where_to_start = join("", compact([
    var.environment_url == "" ? "" : " | Environment: ${var.environment_url}",
    local.function_logs_url == "" ? "" : " | Function logs: ${local.function_logs_url}",
  ]))
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.value.suffix}"
  alarm_description   = "${each.value.description}${local.where_to_start}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended_statistic
  period              = 300
  evaluation_periods  = each.value.evaluation_periods
  comparison_operator = each.value.comparison_operator
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  tags = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "${var.name}-dashboard"

  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title  = "API requests and errors"
          region = local.region
          stat   = "Sum"
          period = 60
          metrics = [
            ["AWS/ApiGateway", "Count", "ApiId", var.api_id, "Stage", var.api_stage],
            ["AWS/ApiGateway", "4xx", "ApiId", var.api_id, "Stage", var.api_stage],
            ["AWS/ApiGateway", "5xx", "ApiId", var.api_id, "Stage", var.api_stage],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "API latency (p50, p99)"
          region = local.region
          period = 60
          metrics = [
            ["AWS/ApiGateway", "Latency", "ApiId", var.api_id, "Stage", var.api_stage, { stat = "p50" }],
            ["AWS/ApiGateway", "Latency", "ApiId", var.api_id, "Stage", var.api_stage, { stat = "p99" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Function invocations, errors, throttles"
          region = local.region
          stat   = "Sum"
          period = 60
          metrics = [
            ["AWS/Lambda", "Invocations", "FunctionName", var.function_name],
            ["AWS/Lambda", "Errors", "FunctionName", var.function_name],
            ["AWS/Lambda", "Throttles", "FunctionName", var.function_name],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title  = "Function duration (p50, p99) and concurrency"
          region = local.region
          period = 60
          metrics = [
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p50" }],
            ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p99" }],
            ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", var.function_name, { stat = "Maximum", yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 24, height = 6
        properties = {
          title  = "Database capacity and connections"
          region = local.region
          period = 60
          metrics = [
            ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", var.cluster_identifier, { stat = "Average" }],
            ["AWS/RDS", "ACUUtilization", "DBClusterIdentifier", var.cluster_identifier, { stat = "Average" }],
            ["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", var.cluster_identifier, { stat = "Sum", yAxis = "right" }],
          ]
        }
      },
    ]
  })
}
