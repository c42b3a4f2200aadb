output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies; subscribe on-call tools here."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms."
  value = [
    aws_cloudwatch_metric_alarm.api_5xx.alarm_name,
    aws_cloudwatch_metric_alarm.lambda_errors.alarm_name,
    aws_cloudwatch_metric_alarm.lambda_throttles.alarm_name,
    aws_cloudwatch_metric_alarm.lambda_duration_p99.alarm_name,
    aws_cloudwatch_metric_alarm.database_capacity.alarm_name,
  ]
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    alarm_topic               = aws_sns_topic.alarms.name
    alarm_api_5xx             = aws_cloudwatch_metric_alarm.api_5xx.alarm_name
    alarm_lambda_errors       = aws_cloudwatch_metric_alarm.lambda_errors.alarm_name
    alarm_lambda_throttles    = aws_cloudwatch_metric_alarm.lambda_throttles.alarm_name
    alarm_lambda_duration_p99 = aws_cloudwatch_metric_alarm.lambda_duration_p99.alarm_name
    alarm_database_capacity   = aws_cloudwatch_metric_alarm.database_capacity.alarm_name
    dashboard                 = aws_cloudwatch_dashboard.this.dashboard_name
  }
}
