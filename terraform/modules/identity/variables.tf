variable "name" {
  description = "Name prefix of the environment; every resource name here starts with it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,44}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 2-46 lowercase letters, digits or single hyphens, start with a letter and end with a letter or digit (the hosted UI's domain prefix adds up to 17 characters)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "app_domain_name" {
  description = "Domain name of the environment's CloudFront distribution (d123.cloudfront.net): the web client's callback and sign-out URLs are on it."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.app_domain_name))
    error_message = "app_domain_name must be a bare host name such as d111111abcdef8.cloudfront.net, without https:// or a path."
  }
}

variable "extra_callback_urls" {
  description = "More URLs the web client may be sent back to after sign-in, such as a local development server's; https, or http on localhost only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for url in var.extra_callback_urls : can(regex("^(https://[^/]+|http://localhost(:[0-9]+)?)(/.*)?$", url))])
    error_message = "extra_callback_urls must be https:// URLs, or http://localhost URLs (Cognito allows plain http for localhost only)."
  }
}

variable "extra_logout_urls" {
  description = "More URLs the web client may be sent to after sign-out; https, or http on localhost only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for url in var.extra_logout_urls : can(regex("^(https://[^/]+|http://localhost(:[0-9]+)?)(/.*)?$", url))])
    error_message = "extra_logout_urls must be https:// URLs, or http://localhost URLs (Cognito allows plain http for localhost only)."
  }
}

variable "domain_suffix" {
  description = "Ends the hosted UI's domain prefix (<name>-auth-<suffix>), which must be unique across AWS; null uses the account ID."
  type        = string
  default     = null

  validation {
    condition     = var.domain_suffix == null || can(regex("^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$", var.domain_suffix))
    error_message = "domain_suffix must be null or 1-16 lowercase letters, digits or hyphens."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the user pool (and with it every user) until this is turned off."
  type        = bool
  default     = false
}

variable "threat_protection" {
  description = "Cognito threat protection (advanced security) enforced: compromised-credential and adaptive-authentication checks; needs the Plus tier, billed per monthly active user."
  type        = bool
  default     = false
}
