terraform {
  required_version = ">= 1.11"

  # Production's state lives in the production account. CI's credentials are already there (its OIDC role); a person
  # with credentials elsewhere adds -backend-config="assume_role={role_arn=\"$TF_VAR_deploy_role_arn\"}" to init.
  backend "s3" {
    bucket               = "orders-terraform-state-production"
    key                  = "production/terraform.tfstate"
    workspace_key_prefix = "production/workspaces"
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

variable "account_id" {
  description = "ID of the production account; the provider refuses credentials of any other account (TF_VAR_account_id in CI, from the GitHub environment)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be the 12-digit ID of the production account."
  }
}

variable "deploy_role_arn" {
  description = "IAM role in the production account for Terraform to assume, for credentials from elsewhere (a person's); empty uses the credentials as they are (CI's OIDC role is already in the production account)."
  type        = string
  default     = ""

  validation {
    condition     = var.deploy_role_arn == "" || can(regex("^arn:aws[a-z-]*:iam::${var.account_id}:role/[A-Za-z0-9+=,.@_/-]+$", var.deploy_role_arn))
    error_message = "deploy_role_arn must be empty or an IAM role ARN in the production account (account_id), such as arn:aws:iam::123456789012:role/orders-production-deploy."
  }
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
  description = "Slack channel ID that receives production's alarms through AWS Chatbot, one no other environment of the account uses; empty for none (TF_VAR_alarm_slack_channel_id in CI, from the repository variable ALARM_SLACK_CHANNEL_ID_PRODUCTION)."
  type        = string
  default     = ""

  validation {
    condition     = var.alarm_slack_channel_id == "" || var.alarm_slack_team_id != ""
    error_message = "alarm_slack_channel_id needs alarm_slack_team_id, the Slack workspace it is in (the team ID alone, shared by the environments, sends nothing)."
  }
}

variable "allow_destroy" {
  description = "Turn off the database's deletion protection and final snapshot, only to remove a workspace for good."
  type        = bool
  default     = false
}

provider "aws" {
  region = var.region
  # Credentials of any other account fail before anything is changed.
  allowed_account_ids = [var.account_id]

  dynamic "assume_role" {
    for_each = var.deploy_role_arn == "" ? [] : [var.deploy_role_arn]
    content {
      role_arn     = assume_role.value
      session_name = "terraform-production"
    }
  }
}

# CloudFront's web ACL lives in us-east-1; the same account and role as above.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  allowed_account_ids = [var.account_id]

  dynamic "assume_role" {
    for_each = var.deploy_role_arn == "" ? [] : [var.deploy_role_arn]
    content {
      role_arn     = assume_role.value
      session_name = "terraform-production"
    }
  }
}

module "environment" {
  source = "../modules/infrastructure-main"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = "production"
  workspace   = terraform.workspace

  vpc_cidr = "10.30.0.0/16"

  lambda_package                = { file = var.lambda_package_file }
  secrets_extension_layer_arn   = var.secrets_extension_layer_arn
  telemetry_collector_layer_arn = var.telemetry_collector_layer_arn
  provisioned_concurrency       = 2
  deploy_traffic_steps          = [10, 100]
  deploy_bake_seconds           = 600
  log_retention_days            = 365
  api_throttling_rate_limit     = 500
  api_throttling_burst_limit    = 1000

  database_min_capacity          = 0.5
  database_max_capacity          = 16
  database_instance_count        = 2
  database_backup_retention_days = 14
  database_deletion_protection   = !var.allow_destroy
  database_final_snapshot        = !var.allow_destroy

  # Production's users are kept; a private copy's are throwaway, and its removal releases only the database first.
  user_pool_deletion_protection = terraform.workspace == "default" && !var.allow_destroy
  user_pool_threat_protection   = true
  enable_waf                    = true

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
