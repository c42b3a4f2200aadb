# The alarms in the team's chat: AWS Chatbot (now "Amazon Q Developer in chat applications") posts what the alarm
# topic receives to one Slack channel, when alarm_slack_channel names one. Chatbot's API lives in us-east-2, us-west-2,
# eu-west-1 and ap-southeast-1 only; from any other region the AWS provider (5.100 and later) sends its calls to
# us-west-2 by itself, so the environment's own provider makes the configuration, and it takes SNS topics of any region.
locals {
  chat = var.alarm_slack_channel == null ? {} : { slack = var.alarm_slack_channel }

  # everything in the channel is at most read-only CloudWatch, whoever types a command there
  chat_guardrail_policy_arns = ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]
}

# The role Chatbot acts in for the channel; its name fits the deploy roles' IAM pattern (<prefix>-*).
resource "aws_iam_role" "chat" {
  for_each = local.chat

  name        = "${var.name}-chat"
  description = "AWS Chatbot posts ${var.name}'s alarms to Slack in this role"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "chatbot.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = var.tags
}

# Chatbot's notifications-only permissions: enough to show an alarm and its graph in the channel. Inline, as the deploy
# roles may attach only the environment's own managed policies.
resource "aws_iam_role_policy" "chat" {
  for_each = local.chat

  name = "${var.name}-chat-read-alarms"
  role = aws_iam_role.chat[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadAlarms"
      Effect   = "Allow"
      Action   = ["cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*"]
      Resource = "*"
    }]
  })
}

resource "aws_chatbot_slack_channel_configuration" "alarms" {
  for_each = local.chat

  configuration_name = "${var.name}-alarms"
  iam_role_arn       = aws_iam_role.chat[each.key].arn
  slack_team_id      = each.value.team_id
  slack_channel_id   = each.value.channel_id
  sns_topic_arns     = [aws_sns_topic.alarms.arn]
  # without guardrails Chatbot applies AdministratorAccess as the ceiling
  guardrail_policy_arns = local.chat_guardrail_policy_arns
  # a message that cannot be delivered is logged (Chatbot's own log group /aws/chatbot/<configuration> in us-east-1)
  logging_level = "ERROR"

  tags = var.tags
}
