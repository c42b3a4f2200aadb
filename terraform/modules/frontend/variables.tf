variable "name" {
  description = "Name prefix of the environment; every resource name here starts with it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,44}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 2-46 lowercase letters, digits or single hyphens, start with a letter and end with a letter or digit (the bucket name adds 17 characters)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "api_endpoint" {
  description = "Invoke URL of the API Gateway HTTP API (https://ID.execute-api.REGION.amazonaws.com)."
  type        = string

  validation {
    condition     = startswith(var.api_endpoint, "https://")
    error_message = "api_endpoint must be an https:// URL."
  }
}

variable "origin_verify_value" {
  description = "Value CloudFront sends in the X-Origin-Verify header to the API origin: the origin secret's current value, without which the Api refuses requests."
  type        = string
  sensitive   = true
  nullable    = false

  validation {
    condition     = length(var.origin_verify_value) >= 32
    error_message = "origin_verify_value must be at least 32 characters: it is all that tells CloudFront's requests from anyone else's."
  }
}

variable "web_acl_arn" {
  description = "ARN of a WAF web ACL (scope CLOUDFRONT, in us-east-1) in front of the distribution; null for none."
  type        = string
  default     = null

  validation {
    condition     = var.web_acl_arn == null || can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/", var.web_acl_arn))
    error_message = "web_acl_arn must be null or the ARN of a WAFv2 web ACL with CloudFront's scope (arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/...)."
  }
}

variable "price_class" {
  description = "CloudFront price class: which edge locations serve the site."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "sign_in_origin" {
  description = "Origin of the user pool's hosted UI (https://PREFIX.auth.REGION.amazoncognito.com): the Content-Security-Policy lets the page fetch tokens there and nowhere else off this origin."
  type        = string

  validation {
    condition     = can(regex("^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.sign_in_origin))
    error_message = "sign_in_origin must be an https:// origin: scheme and host name, no path, no trailing slash."
  }
}
