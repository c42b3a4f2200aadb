output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies; subscribe on-call tools here."
  value       = aws_sns_topic.alarms.arn
}

output "chat_configuration_arn" {
  description = "AWS Chatbot configuration that posts the alarms to Slack; null without alarm_slack_channel."
  value       = one([for chat in aws_chatbot_slack_channel_configuration.alarms : chat.chat_configuration_arn])
}

output "alarm_links" {
  description = "Where every alarm's description sends its reader: the environment's URL and the function's log group in the CloudWatch console (empty when not given)."
  value       = { environment = var.environment_url, function_logs = local.function_logs_url }
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
    { for key, alarm in aws_cloudwatch_metric_alarm.deploy : "deploy_alarm_${key}" => alarm.alarm_name },
    { for key, role in aws_iam_role.chat : "chat_role" => role.name },
    { for key, chat in aws_chatbot_slack_channel_configuration.alarms : "chat_configuration" => chat.configuration_name },
  )
}

output "deploy_alarm_names" {
  description = "Names of the alarms a deploy watches while live moves (minute by minute; they notify no one)."
  value       = [for alarm in aws_cloudwatch_metric_alarm.deploy : alarm.alarm_name]
}
