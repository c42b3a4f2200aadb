variable "name" {
  description = "Name prefix of the environment; every resource name here starts with it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,45}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 2-47 lowercase letters, digits or single hyphens, start with a letter and end with a letter or digit."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "VPC of the database, where relays and their endpoints are made."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets without internet access (the Lambda's): relays start in the first, the session endpoints may be made in any."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "subnet_ids must name at least one subnet."
  }
}

variable "database" {
  description = "The Aurora cluster to reach: its ARN, its resource ID (what rds-db:connect names), its security group and port."
  type = object({
    cluster_arn         = string
    cluster_resource_id = string
    security_group_id   = string
    port                = number
  })
}

variable "instance_type" {
  description = "Instance type of a relay; it only forwards one TCP connection at a time, so the smallest arm64 type serves."
  type        = string
  default     = "t4g.nano"

  validation {
    condition     = can(regex("^[a-z]+[0-9]+[a-z]*g[a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must be a Graviton (arm64) type such as t4g.nano: the relay starts the arm64 Amazon Linux 2023 image."
  }
}

variable "relay_lifetime_hours" {
  description = "Hours after which a relay powers itself off, and so is terminated, however it was left behind."
  type        = number
  default     = 8

  validation {
    condition     = var.relay_lifetime_hours >= 1 && var.relay_lifetime_hours <= 24 && floor(var.relay_lifetime_hours) == var.relay_lifetime_hours
    error_message = "relay_lifetime_hours must be a whole number from 1 to 24."
  }
}
