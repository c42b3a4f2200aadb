terraform {
  required_version = ">= 1.11"

  # State of the default workspace at key; other workspaces at workspace_key_prefix/<workspace>/key.
  backend "s3" {
    bucket               = "orders-terraform-state"
    key                  = "development/terraform.tfstate"
    workspace_key_prefix = "development/workspaces"
    region               = "eu-central-1"
    encrypt              = true
    use_lockfile         = true
  }

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-central-1"
}

variable "lambda_package_file" {
  description = "Path of the Api's Lambda zip built by the deploy pipeline."
  type        = string
}

variable "telemetry_collector_layer_arn" {
  description = "Layer version ARN of an OpenTelemetry collector layer (ADOT, arm64) in the region; empty for none."
  type        = string
  default     = ""
}

variable "secrets_extension_layer_arn" {
  description = "Layer version ARN of the AWS Parameters and Secrets Lambda Extension (arm64) in the region; required, the Api reads the database password through it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$", var.secrets_extension_layer_arn))
    error_message = "secrets_extension_layer_arn must be a Lambda layer version ARN such as arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12 (AWS publishes the ARN per region and architecture)."
  }
}

variable "account_id" {
  description = "ID of the shared AWS account; when set (TF_VAR_account_id in CI, from the GitHub environment), the provider refuses to run in any other account."
  type        = string
  default     = ""

  validation {
    condition     = var.account_id == "" || can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be empty or a 12-digit AWS account ID."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses that receive the alarms."
  type        = list(string)
  default     = []
}

variable "alarm_slack_team_id" {
  description = "Slack workspace (team) ID, authorised once in the AWS Chatbot console, whose channel alarm_slack_channel_id receives the alarms; empty for none (TF_VAR_alarm_slack_team_id in CI, from the repository variable ALARM_SLACK_TEAM_ID)."
  type        = string
  default     = ""
}

variable "alarm_slack_channel_id" {
  description = "Slack channel ID that receives development's alarms through AWS Chatbot, one no other environment of the account uses; empty for none (TF_VAR_alarm_slack_channel_id in CI, from the repository variable ALARM_SLACK_CHANNEL_ID_DEVELOPMENT)."
  type        = string
  default     = ""

  validation {
    condition     = var.alarm_slack_channel_id == "" || var.alarm_slack_team_id != ""
    error_message = "alarm_slack_channel_id needs alarm_slack_team_id, the Slack workspace it is in (the team ID alone, shared by the environments, sends nothing)."
  }
}

provider "aws" {
  region = var.region
  # With the account given, credentials for any other account fail before anything is changed.
  allowed_account_ids = var.account_id == "" ? null : [var.account_id]
}

# CloudFront's global resources (a WAF web ACL) live in us-east-1; the same account and credentials.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  allowed_account_ids = var.account_id == "" ? null : [var.account_id]
}

module "environment" {
  source = "../modules/infrastructure-main"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = "development"
  workspace   = terraform.workspace

  vpc_cidr = "10.10.0.0/16"

  lambda_package                = { file = var.lambda_package_file }
  secrets_extension_layer_arn   = var.secrets_extension_layer_arn
  telemetry_collector_layer_arn = var.telemetry_collector_layer_arn
  provisioned_concurrency       = 0
  deploy_traffic_steps          = [10, 100]
  deploy_bake_seconds           = 120
  log_retention_days            = 14
  api_throttling_rate_limit     = 50
  api_throttling_burst_limit    = 100

  database_min_capacity          = 0.5 # 0 would pause it, and resuming outlasts the 15 s Lambda timeout of the first request
  database_max_capacity          = 2
  database_instance_count        = 1
  database_backup_retention_days = 1
  database_deletion_protection   = false
  database_final_snapshot        = false

  alarm_emails        = var.alarm_emails
  alarm_slack_channel = var.alarm_slack_channel_id == "" ? null : { team_id = var.alarm_slack_team_id, channel_id = var.alarm_slack_channel_id }
}

output "url" {
  description = "HTTPS URL of the environment."
  value       = module.environment.url
}

output "environment" {
  description = "Everything infrastructure-main reports about the environment (see its README)."
  value       = module.environment
}
