mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name                = "preproduction"
  api_endpoint        = "https://abc123.execute-api.eu-central-1.amazonaws.com"
  origin_verify_value = "origin-verify-value-0123456789abcdef0123456789abcdef"
  sign_in_origin      = "https://preproduction-auth-123456789012.auth.eu-central-1.amazoncognito.com"
}

run "bucket_is_named_after_the_prefix_and_account" {
  command = plan

  assert {
    condition     = aws_s3_bucket.web.bucket == "preproduction-web-123456789012"
    error_message = "The bucket name must be the prefix, -web- and the account ID."
  }
}

run "bucket_blocks_public_access" {
  command = plan

  assert {
    condition = (
      aws_s3_bucket_public_access_block.web.block_public_acls &&
      aws_s3_bucket_public_access_block.web.block_public_policy &&
      aws_s3_bucket_public_access_block.web.ignore_public_acls &&
      aws_s3_bucket_public_access_block.web.restrict_public_buckets
    )
    error_message = "All four public access blocks must be on."
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.web.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled on the bucket."
  }
}

run "only_the_distribution_may_read_the_bucket" {
  assert {
    condition = [
      for s in jsondecode(aws_s3_bucket_policy.web.policy).Statement : s if s.Effect == "Allow"
      ] == [{
        Sid       = "ReadByThisDistributionOnly"
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::mock-bucket/*"
        Condition = { StringEquals = { "AWS:SourceArn" = "arn:aws:cloudfront::123456789012:distribution/EMOCK" } }
    }]
    error_message = "The only Allow in the bucket policy must be s3:GetObject for this distribution."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.web.policy).Statement :
      s.Effect == "Deny" && s.Condition == { Bool = { "aws:SecureTransport" = "false" } }
    ])
    error_message = "The bucket policy must deny requests without TLS."
  }

  assert {
    condition = (
      aws_cloudfront_origin_access_control.web.origin_access_control_origin_type == "s3" &&
      aws_cloudfront_origin_access_control.web.signing_behavior == "always" &&
      aws_cloudfront_origin_access_control.web.signing_protocol == "sigv4"
    )
    error_message = "CloudFront must sign every request to the bucket with SigV4."
  }

  assert {
    condition     = [for o in aws_cloudfront_distribution.this.origin : o.origin_access_control_id if o.origin_id == "web"] == [aws_cloudfront_origin_access_control.web.id]
    error_message = "The bucket origin must use the origin access control."
  }
}

run "api_paths_go_to_api_gateway_uncached" {
  command = plan

  assert {
    condition     = [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.path_pattern] == ["/api/*", "/health", "/alive"]
    error_message = "The extra behaviours must route /api/* and the two health probes, and nothing else."
  }

  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.target_origin_id == "api" && b.cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"])
    error_message = "/api/* and the health probes must go to the API origin, uncached."
  }

  assert {
    condition     = [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.allowed_methods if b.path_pattern != "/api/*"] == [toset(["GET", "HEAD"]), toset(["GET", "HEAD"])]
    error_message = "The health probes must be reachable with GET (and HEAD) only."
  }

  assert {
    condition = [for o in aws_cloudfront_distribution.this.origin : o.domain_name if o.origin_id == "api"] == ["abc123.execute-api.eu-central-1.amazonaws.com"] && [
      for o in aws_cloudfront_distribution.this.origin : o.custom_origin_config[0].origin_protocol_policy if o.origin_id == "api"
    ] == ["https-only"]
    error_message = "The API origin must be the HTTP API's host, reached over HTTPS only."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.ordered_cache_behavior[0].cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
    error_message = "/api/* must not be cached (Managed-CachingDisabled)."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.ordered_cache_behavior[0].origin_request_policy_id == "b689b0a8-53d0-40ab-baf2-68738e2966ac"
    error_message = "/api/* must forward all viewer headers but Host (Managed-AllViewerExceptHostHeader)."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.ordered_cache_behavior[0].allowed_methods == toset(["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"])
    error_message = "/api/* must accept every HTTP method the API uses."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].target_origin_id == "web" && aws_cloudfront_distribution.this.default_cache_behavior[0].cache_policy_id == "658327ea-f89d-4fab-a63d-7e88639e58f6"
    error_message = "Everything else must come from the bucket, cached."
  }
}

run "viewers_are_redirected_to_https" {
  command = plan

  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https"
    error_message = "The web behaviour must redirect HTTP to HTTPS."
  }

  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"])
    error_message = "The /api/* and health behaviours must redirect HTTP to HTTPS."
  }
}

run "security_headers_are_sent" {
  assert {
    condition = (
      aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id &&
      alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id])
    )
    error_message = "Every behaviour must add the security headers."
  }

  assert {
    condition     = aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].access_control_max_age_sec >= 31536000
    error_message = "HSTS must last at least a year."
  }

  assert {
    condition     = aws_cloudfront_response_headers_policy.security.security_headers_config[0].frame_options[0].frame_option == "DENY"
    error_message = "The site must not be framed."
  }

  assert {
    condition     = aws_cloudfront_response_headers_policy.security.name == "preproduction-security-headers"
    error_message = "The headers policy name must derive from the prefix."
  }

  assert {
    condition     = output.url == "https://d111111abcdef8.cloudfront.net"
    error_message = "The URL must be the distribution's HTTPS address."
  }
}

run "deep_links_are_answered_with_the_app_on_the_buckets_behaviour_only" {
  assert {
    condition = [
      for f in aws_cloudfront_distribution.this.default_cache_behavior[0].function_association : { event_type = f.event_type, function_arn = f.function_arn }
    ] == [{ event_type = "viewer-request", function_arn = aws_cloudfront_function.app_routes.arn }]
    error_message = "The bucket's behaviour must run the app routes function on every viewer request, and no other function."
  }

  assert {
    condition     = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : length(b.function_association) == 0])
    error_message = "/api/*, /health and /alive must reach the API with their paths unchanged: no function on their behaviours."
  }

  assert {
    condition     = length(aws_cloudfront_distribution.this.custom_error_response) == 0
    error_message = "No distribution-wide custom error response: it would answer the API's 404s with index.html."
  }

  assert {
    condition = (
      aws_cloudfront_function.app_routes.runtime == "cloudfront-js-2.0" &&
      aws_cloudfront_function.app_routes.publish &&
      aws_cloudfront_function.app_routes.code == file("app-routes.js")
    )
    error_message = "The function must be app-routes.js, published on the cloudfront-js-2.0 runtime (the distribution runs the LIVE stage)."
  }

  assert {
    condition     = aws_cloudfront_function.app_routes.name == "preproduction-app-routes" && output.names.app_routes_function == "preproduction-app-routes"
    error_message = "The function's name must derive from the prefix."
  }
}

run "the_page_may_fetch_tokens_from_the_hosted_ui_and_nothing_else_off_its_origin" {
  command = plan

  assert {
    condition     = contains([for d in split(";", output.content_security_policy) : trimspace(d)], "connect-src 'self' https://preproduction-auth-123456789012.auth.eu-central-1.amazoncognito.com")
    error_message = "connect-src must allow this origin and the hosted UI's (its token endpoint), nothing more."
  }

  assert {
    condition = alltrue([
      for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"] :
      contains([for d in split(";", output.content_security_policy) : trimspace(d)], directive)
    ])
    error_message = "Scripts and styles must come from this origin only; no plugins, no foreign base URL, no framing, forms to this origin only."
  }

  assert {
    condition     = !strcontains(output.content_security_policy, "unsafe-") && !strcontains(output.content_security_policy, "*")
    error_message = "The policy must allow no inline or eval'd code and no wildcard source."
  }
}

run "sign_in_origin_over_plain_http_is_rejected" {
  command = plan

  variables {
    sign_in_origin = "http://preproduction-auth-123456789012.auth.eu-central-1.amazoncognito.com"
  }

  expect_failures = [var.sign_in_origin]
}

run "sign_in_origin_with_a_path_is_rejected" {
  command = plan

  variables {
    sign_in_origin = "https://preproduction-auth-123456789012.auth.eu-central-1.amazoncognito.com/oauth2/token"
  }

  expect_failures = [var.sign_in_origin]
}

run "plain_http_api_endpoint_is_rejected" {
  command = plan

  variables {
    api_endpoint = "http://abc123.execute-api.eu-central-1.amazonaws.com"
  }

  expect_failures = [var.api_endpoint]
}

run "api_origin_proves_the_request_came_through_cloudfront" {
  command = plan

  assert {
    condition = [
      for o in aws_cloudfront_distribution.this.origin : [for h in o.custom_header : { name = h.name, value = h.value }] if o.origin_id == "api"
    ] == [[{ name = "X-Origin-Verify", value = "origin-verify-value-0123456789abcdef0123456789abcdef" }]]
    error_message = "CloudFront must send X-Origin-Verify with the origin secret's current value to the API origin, and no other custom header."
  }

  assert {
    condition     = alltrue([for o in aws_cloudfront_distribution.this.origin : length(o.custom_header) == 0 if o.origin_id == "web"])
    error_message = "The bucket must not be sent the origin secret."
  }
}

run "short_origin_verify_value_is_rejected" {
  command = plan

  variables {
    origin_verify_value = "too-short"
  }

  expect_failures = [var.origin_verify_value]
}

run "no_web_acl_by_default" {
  command = plan

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == null
    error_message = "Without web_acl_arn the distribution must have no web ACL."
  }
}

run "web_acl_is_attached_when_given" {
  command = plan

  variables {
    web_acl_arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/preproduction-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
  }

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == "arn:aws:wafv2:us-east-1:123456789012:global/webacl/preproduction-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
    error_message = "The distribution must use the given web ACL."
  }
}

run "regional_web_acl_is_rejected" {
  command = plan

  variables {
    web_acl_arn = "arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/preproduction-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
  }

  expect_failures = [var.web_acl_arn]
}
