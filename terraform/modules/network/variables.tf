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

variable "cidr_block" {
  description = "IPv4 range of the VPC, /16 to /22; it is split into /20../26 subnets."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && can(regex("^[0-9.]+/(1[6-9]|2[0-2])$", var.cidr_block))
    error_message = "cidr_block must be an IPv4 CIDR block with a prefix length from /16 to /22, for example 10.10.0.0/16."
  }
}

variable "interface_endpoints" {
  description = "AWS services the Lambda reaches through interface VPC endpoints (short names, e.g. secretsmanager)."
  type        = list(string)
  default     = ["secretsmanager", "logs", "xray"]

  validation {
    condition     = alltrue([for s in var.interface_endpoints : can(regex("^[a-z0-9.-]+$", s))])
    error_message = "interface_endpoints must be short service names such as secretsmanager, logs or xray."
  }
}

variable "enable_nat_gateway" {
  description = "Give the Lambda subnets internet egress through one NAT gateway (off: only the VPC endpoints are reachable)."
  type        = bool
  default     = false
}
