output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies; subscribe on-call tools here."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms."
  value       = [for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name]
}

output "alarm_thresholds" {
  description = "Threshold of each alarm, by key (api_5xx, lambda_errors, lambda_throttles, lambda_duration_p99, database_capacity, database_connections)."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.this : key => alarm.threshold }
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "names" {
  description = "Names of the named resources in this module."
  value = merge(
    { alarm_topic = aws_sns_topic.alarms.name, dashboard = aws_cloudwatch_dashboard.this.dashboard_name },
    { for key, alarm in aws_cloudwatch_metric_alarm.this : "alarm_${key}" => alarm.alarm_name },
  )
}
