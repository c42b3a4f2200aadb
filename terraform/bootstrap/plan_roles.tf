# Plan roles: one per Terraform environment of the account, read-only, for pull requests

locals {
  # what pull requests' plans may not read: data, as opposed to the configuration Terraform refreshes
  plan_data_reads = [
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "logs:GetLogRecord",
    "logs:StartQuery",
    "logs:GetQueryResults",
    "logs:StartLiveTail",
    "logs:Unmask",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "athena:GetQueryResults",
    "cloudtrail:LookupEvents",
  ]
}

resource "aws_iam_role" "plan" {
  for_each = local.plan_roles

  name        = each.value.name
  description = "Plans ${each.key} read-only for pull requests of ${var.repository}"

  assume_role_policy = local.trust_policies["plan-${each.key}"]
}

resource "aws_iam_role_policy_attachment" "plan" {
  for_each = local.plan_roles

  role       = aws_iam_role.plan[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy" "plan" {
  for_each = local.plan_roles

  name = "${each.value.name}-permissions"
  role = aws_iam_role.plan[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.state_statements["plan-${each.key}"], [
      {
        # ReadOnlyAccess reads data too; a pull request's code runs with this role, so it gets configuration only
        Sid      = "NoDataReads"
        Effect   = "Deny"
        Action   = local.plan_data_reads
        Resource = "*"
      },
      {
        Sid         = "NoObjectsButItsState"
        Effect      = "Deny"
        Action      = ["s3:GetObject", "s3:GetObjectVersion"]
        NotResource = "${local.state_bucket_arn}/${each.value.state_keys}"
      },
      {
        # A plan reads the origin value Terraform wrote, for CloudFront's header (which the state holds anyway); no other
        # secret, neither the master user's nor the Api's database password, which only the deploy writes.
        Sid      = "ReadTheOriginSecret"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = "arn:aws:secretsmanager:*:${var.account_id}:secret:${each.key}*-origin-verify-*"
      },
    ])
  })
}
