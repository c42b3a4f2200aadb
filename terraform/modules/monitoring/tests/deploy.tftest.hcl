# The alarms a deploy watches while live moves: minute by minute, of the function's errors and the API's 5xx, and
# notifying no one (the deploy acts on them).
mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name                           = "development"
  api_id                         = "abc123"
  function_name                  = "development-api"
  cluster_identifier             = "development-db"
  database_connections_threshold = 400
}

run "a_deploy_watches_errors_and_5xx_minute_by_minute" {
  command = plan

  assert {
    condition     = toset(output.deploy_alarm_names) == toset(["development-lambda-errors-1m", "development-api-5xx-1m"])
    error_message = "A deploy must watch one alarm of the function's errors and one of the API's 5xx, named after the prefix."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.deploy : a.period == 60 && a.evaluation_periods == 1 && a.threshold == 3 && a.treat_missing_data == "notBreaching"])
    error_message = "The deploy's alarms must judge each minute on its own, at 3 by default, and stay quiet without traffic."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.deploy["lambda_errors"].dimensions["FunctionName"] == "development-api" &&
      aws_cloudwatch_metric_alarm.deploy["api_5xx"].dimensions["ApiId"] == "abc123" &&
      aws_cloudwatch_metric_alarm.deploy["api_5xx"].dimensions["Stage"] == "$default"
    )
    error_message = "The deploy's alarms must watch this environment's function and API stage."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.deploy : length(coalesce(a.alarm_actions, [])) == 0 && length(coalesce(a.ok_actions, [])) == 0])
    error_message = "The deploy's alarms must notify no one: the deploy acts on them."
  }
}

run "a_deploy_threshold_below_one_is_rejected" {
  command = plan

  variables {
    deploy_errors_per_minute = 0
  }

  expect_failures = [var.deploy_errors_per_minute]
}
