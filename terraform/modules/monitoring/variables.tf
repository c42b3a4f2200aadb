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

variable "api_id" {
  description = "ID of the API Gateway HTTP API."
  type        = string
}

variable "api_stage" {
  description = "Stage of the HTTP API the metrics are recorded for."
  type        = string
  default     = "$default"
}

variable "function_name" {
  description = "Name of the API Lambda function."
  type        = string
}

variable "cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  type        = string
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm once)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must hold e-mail addresses only."
  }
}

variable "alarm_slack_channel" {
  description = "Slack channel the alarms go to through AWS Chatbot: the workspace (team) ID, authorised once in the Chatbot console, and the channel ID. null: no chat, nothing is created. One channel takes one Chatbot configuration per AWS account."
  type = object({
    team_id    = string
    channel_id = string
  })
  default = null

  validation {
    condition = var.alarm_slack_channel == null ? true : (
      can(regex("^[0-9A-Z]{1,255}$", var.alarm_slack_channel.team_id)) && can(regex("^[A-Za-z0-9]{1,255}$", var.alarm_slack_channel.channel_id))
    )
    error_message = "alarm_slack_channel must hold Slack IDs: team_id such as T0123ABCD (uppercase letters and digits), channel_id such as C0123ABCD (letters and digits)."
  }
}

variable "environment_url" {
  description = "HTTPS URL of the environment, named in every alarm's description as a place to start; empty leaves it out."
  type        = string
  default     = ""

  validation {
    condition     = var.environment_url == "" || can(regex("^https://[^\\s]+$", var.environment_url))
    error_message = "environment_url must be empty or an https:// URL."
  }
}

variable "function_log_group_name" {
  description = "Log group of the API function, linked in the CloudWatch console from every alarm's description; empty leaves it out."
  type        = string
  default     = ""
}

variable "api_5xx_threshold" {
  description = "5xx responses within 5 minutes that raise the alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.api_5xx_threshold >= 1
    error_message = "api_5xx_threshold must be 1 or more."
  }
}

variable "lambda_errors_threshold" {
  description = "Function errors within 5 minutes that raise the alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.lambda_errors_threshold >= 1
    error_message = "lambda_errors_threshold must be 1 or more."
  }
}

variable "duration_p99_threshold_ms" {
  description = "p99 function duration in milliseconds that raises the alarm when held for 15 minutes."
  type        = number
  default     = 1000

  validation {
    condition     = var.duration_p99_threshold_ms > 0
    error_message = "duration_p99_threshold_ms must be above 0."
  }
}

variable "database_capacity_threshold_percent" {
  description = "Share of the maximum Aurora capacity (ACUUtilization, percent) that raises the alarm when held for 15 minutes."
  type        = number
  default     = 90

  validation {
    condition     = var.database_capacity_threshold_percent > 0 && var.database_capacity_threshold_percent <= 100
    error_message = "database_capacity_threshold_percent must be above 0 and at most 100."
  }
}

variable "database_connections_threshold" {
  description = "Connections to the database (DatabaseConnections, maximum) that raise the alarm when exceeded for 15 minutes; derive it from max_connections at the cluster's maximum capacity."
  type        = number
  nullable    = false

  validation {
    condition     = var.database_connections_threshold >= 1 && floor(var.database_connections_threshold) == var.database_connections_threshold
    error_message = "database_connections_threshold must be a whole number, 1 or more."
  }
}

variable "deploy_errors_per_minute" {
  description = "Function errors, or 5xx answers, within one minute that make a deploy roll live back to the previous version."
  type        = number
  default     = 3

  validation {
    condition     = var.deploy_errors_per_minute >= 1 && floor(var.deploy_errors_per_minute) == var.deploy_errors_per_minute
    error_message = "deploy_errors_per_minute must be a whole number, 1 or more."
  }
}
