locals {
  # Every name below derives from the environment's prefix; so do the CloudWatch metrics of the ACL and its rules.
  web_acl_name = "${var.name}-waf"

  # AWS managed rule groups, in the order they are evaluated after the rate limit.
  managed_rule_groups = {
    common = {
      priority = 10
      name     = "AWSManagedRulesCommonRuleSet"
      # Counted, not blocked: the Api answers bodies over its own 64 KiB limit with 413 (this rule would block
      # anything over 8 KB first), and API clients such as .NET's HttpClient send no User-Agent by default.
      count_only = ["SizeRestrictions_BODY", "NoUserAgent_HEADER"]
    }
    known-bad-inputs = {
      priority   = 20
      name       = "AWSManagedRulesKnownBadInputsRuleSet"
      count_only = []
    }
  }
}

# CloudFront's web ACLs live in us-east-1, so the caller passes this module a provider for that region.
resource "aws_wafv2_web_acl" "this" {
  name        = local.web_acl_name
  description = "In front of the CloudFront distribution of ${var.name}"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  # First, as the cheapest: one address sending more than rate_limit requests in 5 minutes is blocked until it slows down.
  rule {
    name     = "rate-per-ip"
    priority = 0

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.rate_limit
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.web_acl_name}-rate-per-ip"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = local.managed_rule_groups
    content {
      name     = rule.key
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value.name

          dynamic "rule_action_override" {
            for_each = rule.value.count_only
            content {
              name = rule_action_override.value
              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.web_acl_name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.web_acl_name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}
