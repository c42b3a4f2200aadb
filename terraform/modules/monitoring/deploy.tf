# What a deploy watches while live moves to a new version (.github/scripts/deploy.sh): the function's errors and the
# API's 5xx minute by minute, so that a bad version is rolled back within a bake time of a few minutes rather than
# after the 5-minute alarms above. They notify no one: the deploy acts on them, rolls back and says why.
locals {
  deploy_alarms = {
    lambda_errors = {
      suffix      = "lambda-errors-1m"
      description = "The API function failed invocations within a minute: a deploy that sees this rolls live back."
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = local.function_dimensions
    }
    api_5xx = {
      suffix      = "api-5xx-1m"
      description = "The API answered with 5xx responses within a minute: a deploy that sees this rolls live back."
      namespace   = "AWS/ApiGateway"
      metric_name = "5xx"
      dimensions  = local.api_dimensions
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "deploy" {
  for_each = local.deploy_alarms

  alarm_name          = "${var.name}-${each.value.suffix}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.deploy_errors_per_minute
  treat_missing_data  = "notBreaching"

  tags = var.tags
}
