variable "account_id" {
  description = "12-digit ID of the AWS account this run sets up; the provider refuses credentials of any other account."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "region" {
  description = "AWS region of the state bucket and of the environments."
  type        = string
  default     = "eu-central-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-central-1."
  }
}

variable "repository" {
  description = "GitHub repository (owner/name, spelled as GitHub shows it) whose workflows may assume the roles."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.repository))
    error_message = "repository must be owner/name, for example example-org/orders."
  }
}

variable "github_environments" {
  description = "GitHub environments whose deploys run in this account, each getting a deploy role: development, preproduction and preview (pull-request workspaces of development) in the shared account, production in its own."
  type        = set(string)

  validation {
    condition     = length(var.github_environments) > 0 && alltrue([for e in var.github_environments : contains(["development", "preproduction", "preview", "production"], e)])
    error_message = "github_environments must name one or more of development, preproduction, preview, production."
  }
}

variable "state_bucket_name" {
  description = "Name of the S3 bucket for the Terraform state of the account's environments (and of this folder)."
  type        = string
  default     = "orders-terraform-state"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name)) && !strcontains(var.state_bucket_name, "..")
    error_message = "state_bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit."
  }
}

variable "default_branch" {
  type        = string
  description = "The repository's default branch, where GitHub runs the daily workflow; its jobs may assume the scenarios roles."
  default     = "development"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.default_branch))
    error_message = "default_branch is a branch name, such as development."
  }
}
