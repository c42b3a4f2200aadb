output "web_acl_arn" {
  description = "ARN of the web ACL, for the CloudFront distribution's web_acl_id."
  value       = aws_wafv2_web_acl.this.arn
}

output "rules" {
  description = "The web ACL's rules by name: priority, the managed rule group (null for the rate limit), rules only counted, and the rate limit."
  value = {
    for r in aws_wafv2_web_acl.this.rule : r.name => {
      priority      = r.priority
      managed_group = try(r.statement[0].managed_rule_group_statement[0].name, null)
      count_only    = sort(try([for o in r.statement[0].managed_rule_group_statement[0].rule_action_override : o.name], []))
      rate_limit    = try(r.statement[0].rate_based_statement[0].limit, null)
    }
  }
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    waf_web_acl = aws_wafv2_web_acl.this.name
  }
}
