output "bucket_name" {
  description = "Name of the private S3 bucket the deploy copies web/ into."
  value       = aws_s3_bucket.web.bucket
}

output "distribution_id" {
  description = "ID of the CloudFront distribution (for cache invalidations after a deploy)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution, the only reader of the bucket."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "Domain name of the CloudFront distribution."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "url" {
  description = "HTTPS URL of the environment: the web front end at /, the API at /api/."
  value       = "https://${aws_cloudfront_distribution.this.domain_name}"
}

output "api_origin_domain_name" {
  description = "Host name of the origin CloudFront sends /api/* to."
  # the origins carry the secret header, so Terraform marks them all sensitive; the host name is not
  value = nonsensitive(one([for o in aws_cloudfront_distribution.this.origin : o.domain_name if o.origin_id == local.api_origin_id]))
}

output "api_origin_headers" {
  description = "Names of the custom headers CloudFront adds to its requests to the API origin (values are secret)."
  value       = nonsensitive(sort(flatten([for o in aws_cloudfront_distribution.this.origin : [for h in o.custom_header : h.name] if o.origin_id == local.api_origin_id])))
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL in front of the distribution; null (or empty) when there is none."
  value       = aws_cloudfront_distribution.this.web_acl_id
}

output "content_security_policy" {
  description = "Content-Security-Policy CloudFront adds to every response."
  value       = aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    web_bucket              = aws_s3_bucket.web.bucket
    web_origin_access       = aws_cloudfront_origin_access_control.web.name
    security_headers_policy = aws_cloudfront_response_headers_policy.security.name
    app_routes_function     = aws_cloudfront_function.app_routes.name
  }
}
