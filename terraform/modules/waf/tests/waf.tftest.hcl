mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name = "production"
}

run "web_acl_guards_cloudfront_with_the_managed_rules_and_a_rate_limit" {
  command = plan

  assert {
    condition     = aws_wafv2_web_acl.this.name == "production-waf" && aws_wafv2_web_acl.this.scope == "CLOUDFRONT"
    error_message = "The web ACL must be named after the prefix and have CloudFront's scope."
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this.default_action[0].allow) == 1
    error_message = "Requests no rule blocks must pass."
  }

  assert {
    condition = jsonencode(output.rules) == jsonencode({
      rate-per-ip      = { priority = 0, managed_group = null, count_only = [], rate_limit = 2000 }
      common           = { priority = 10, managed_group = "AWSManagedRulesCommonRuleSet", count_only = ["NoUserAgent_HEADER", "SizeRestrictions_BODY"], rate_limit = null }
      known-bad-inputs = { priority = 20, managed_group = "AWSManagedRulesKnownBadInputsRuleSet", count_only = [], rate_limit = null }
    })
    error_message = "The web ACL must have exactly the rate limit, the common rule set (body size and missing User-Agent only counted) and the known bad inputs rule set."
  }

  assert {
    condition = alltrue([
      for r in aws_wafv2_web_acl.this.rule : length(r.action) == 0 ? length(r.override_action[0].none) == 1 : length(r.action[0].block) == 1
    ])
    error_message = "The managed rule groups must act as AWS defines them (override none), and the rate limit must block."
  }

  assert {
    condition     = [for r in aws_wafv2_web_acl.this.rule : r.statement[0].rate_based_statement[0].aggregate_key_type if length(r.statement[0].rate_based_statement) > 0] == ["IP"]
    error_message = "The rate limit must count per client IP address."
  }
}

run "every_rule_is_visible_in_metrics_and_samples" {
  command = plan

  assert {
    condition = alltrue([
      for v in concat(aws_wafv2_web_acl.this.visibility_config, flatten([for r in aws_wafv2_web_acl.this.rule : r.visibility_config])) :
      v.cloudwatch_metrics_enabled && v.sampled_requests_enabled && startswith(v.metric_name, "production-waf")
    ])
    error_message = "The web ACL and every rule must publish metrics named after the prefix and keep sampled requests."
  }
}

run "rate_limit_follows_the_variable" {
  command = plan

  variables {
    rate_limit = 500
  }

  assert {
    condition     = output.rules["rate-per-ip"].rate_limit == 500
    error_message = "The rate limit must be rate_limit."
  }
}

run "rate_limit_below_wafs_minimum_is_rejected" {
  command = plan

  variables {
    rate_limit = 5
  }

  expect_failures = [var.rate_limit]
}
