variable "name" {
  description = "Name prefix of the environment; every resource name here starts with it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,45}[a-z0-9]$", var.name))
    error_message = "name must be 2-47 lowercase letters, digits or hyphens, start with a letter and end with a letter or digit."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "rate_limit" {
  description = "Requests one IP address may send in 5 minutes before it is blocked (until its rate falls below the limit again)."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit >= 10 && var.rate_limit <= 2000000000 && floor(var.rate_limit) == var.rate_limit
    error_message = "rate_limit must be a whole number from 10 to 2,000,000,000 (WAF's range for a rate-based rule)."
  }
}
