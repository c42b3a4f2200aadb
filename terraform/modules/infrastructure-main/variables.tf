# Values passed straight to a part are validated by that part; the rest, and the required secrets extension layer, here.

# Where and under which name

variable "environment" {
  description = "Environment to create: development, preproduction or production."
  type        = string

  validation {
    condition     = contains(["development", "preproduction", "production"], var.environment)
    error_message = "environment must be one of development, preproduction, production."
  }
}

variable "workspace" {
  description = "Terraform workspace (pass terraform.workspace); any other than default gets its own copy of the environment under its own names."
  type        = string
  default     = "default"

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$", var.workspace)) && !strcontains(var.workspace, "--")
    error_message = "workspace must be 1-20 lowercase letters, digits or single hyphens, start with a letter and end with a letter or digit (it becomes part of S3, Lambda and RDS names)."
  }
}

# Network

variable "vpc_cidr" {
  description = "IPv4 range of the environment's VPC, /16 to /22."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && can(regex("^[0-9.]+/(1[6-9]|2[0-2])$", var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR block with a prefix length from /16 to /22, for example 10.10.0.0/16."
  }
}

variable "enable_nat_gateway" {
  description = "Give the Lambda internet egress through a NAT gateway; off, it reaches only the database and the VPC endpoints."
  type        = bool
  default     = false
}

# API

variable "lambda_package" {
  description = "The Api's deployment zip from the deploy pipeline: { file = path } or { s3_bucket, s3_key, s3_object_version }."
  type = object({
    file              = optional(string)
    s3_bucket         = optional(string)
    s3_key            = optional(string)
    s3_object_version = optional(string)
  })
}

variable "lambda_runtime" {
  description = "Lambda runtime: provided.al2023 runs the Native AOT build, dotnet10 the managed build (needs AWS provider 6.27 or later)."
  type        = string
  default     = "provided.al2023"

  validation {
    condition     = contains(["provided.al2023", "dotnet10"], var.lambda_runtime)
    error_message = "lambda_runtime must be provided.al2023 (Native AOT) or dotnet10."
  }
}

variable "lambda_architecture" {
  description = "Instruction set of the Lambda; must match the build."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be arm64 or x86_64."
  }
}

variable "lambda_memory_size" {
  description = "Memory of the Lambda in MB."
  type        = number
  default     = 512
}

variable "lambda_timeout" {
  description = "Lambda timeout in seconds (at most 30, API Gateway's limit)."
  type        = number
  default     = 15
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrent executions of each version live serves (the deploy gives a new version its own before it takes traffic); 0 turns it off."
  type        = number
  default     = 0

  validation {
    condition     = var.provisioned_concurrency >= 0 && floor(var.provisioned_concurrency) == var.provisioned_concurrency
    error_message = "provisioned_concurrency must be a whole number, 0 or more."
  }
}

variable "deploy_traffic_steps" {
  description = "Shares of the traffic (percent) a deploy sends the new version in turn, each held for deploy_bake_seconds while the deploy's alarms are watched; the last is 100."
  type        = list(number)
  default     = [10, 100]

  validation {
    condition = (
      length(var.deploy_traffic_steps) > 0 && var.deploy_traffic_steps[length(var.deploy_traffic_steps) - 1] == 100 &&
      alltrue([for i, step in var.deploy_traffic_steps : floor(step) == step && step >= 1 && step <= 100 && (i == 0 || step > var.deploy_traffic_steps[max(i - 1, 0)])])
    )
    error_message = "deploy_traffic_steps must be whole percentages from 1 to 100, rising, ending with 100 (such as [10, 100])."
  }
}

variable "deploy_bake_seconds" {
  description = "Seconds a deploy holds each traffic step while it watches the function's errors and the API's 5xx before going on."
  type        = number
  default     = 300

  validation {
    condition     = var.deploy_bake_seconds >= 0 && var.deploy_bake_seconds <= 3600 && floor(var.deploy_bake_seconds) == var.deploy_bake_seconds
    error_message = "deploy_bake_seconds must be a whole number of seconds from 0 to 3600."
  }
}

variable "telemetry_collector_layer_arn" {
  description = "Layer version ARN of an OpenTelemetry collector layer (such as the ADOT collector) for the region and architecture; empty for none."
  type        = string
  default     = ""
}

variable "secrets_extension_layer_arn" {
  description = "Layer version ARN of the AWS Parameters and Secrets Lambda Extension for the region and architecture; required, the Api reads the database password through it."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$", var.secrets_extension_layer_arn))
    error_message = "secrets_extension_layer_arn must be a Lambda layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION): the AWS Parameters and Secrets Lambda Extension's for the region and architecture."
  }
}

variable "api_throttling_rate_limit" {
  description = "Steady-state requests per second API Gateway accepts."
  type        = number
  default     = 100
}

variable "api_throttling_burst_limit" {
  description = "Requests API Gateway accepts in a burst."
  type        = number
  default     = 200
}

variable "log_retention_days" {
  description = "Days every log group of the environment keeps its events."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

# Database

variable "database_engine_version" {
  description = "Aurora PostgreSQL engine version a new cluster starts at; RDS applies later minor versions itself."
  type        = string
  default     = "16.6"
}

variable "database_min_capacity" {
  description = "Minimum Aurora capacity units; 0 lets the database pause when idle (cheaper; the first request after a pause waits while it resumes)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.database_min_capacity >= 0 && var.database_min_capacity <= var.database_max_capacity
    error_message = "database_min_capacity must be 0 or more and not above database_max_capacity."
  }
}

variable "database_max_capacity" {
  description = "Maximum Aurora capacity units."
  type        = number
  default     = 4
}

variable "database_instance_count" {
  description = "Number of db.serverless instances (more than one adds readers for fail-over)."
  type        = number
  default     = 1
}

variable "database_backup_retention_days" {
  description = "Days automated database backups are kept."
  type        = number
  default     = 7
}

variable "database_deletion_protection" {
  description = "Refuse to delete the database until this is turned off."
  type        = bool
}

variable "database_final_snapshot" {
  description = "Take a final snapshot when the database is deleted."
  type        = bool
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the database and the secrets; null uses the AWS managed keys."
  type        = string
  default     = null
}

# Users and the way in

variable "extra_callback_urls" {
  description = "URLs besides the environment's CloudFront URL the web client may be sent back to after sign-in, such as a local development server's."
  type        = list(string)
  default     = []
}

variable "extra_logout_urls" {
  description = "URLs besides the environment's CloudFront URL the web client may be sent to after sign-out."
  type        = list(string)
  default     = []
}

variable "user_pool_deletion_protection" {
  description = "Refuse to delete the Cognito user pool (and with it every user) until this is turned off."
  type        = bool
  default     = false
}

variable "user_pool_threat_protection" {
  description = "Enforce Cognito threat protection (advanced security) on the user pool; needs the Plus tier, billed per monthly active user."
  type        = bool
  default     = false
}

variable "enable_waf" {
  description = "Put a WAF web ACL (AWS managed common and known-bad-inputs rules, a rate limit per IP) in front of CloudFront."
  type        = bool
  default     = false
}

variable "waf_rate_limit" {
  description = "Requests one IP address may send in 5 minutes before the WAF blocks it (with enable_waf)."
  type        = number
  default     = 2000
}

# Front end and monitoring

variable "cloudfront_price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "alarm_emails" {
  description = "E-mail addresses that receive the environment's alarms."
  type        = list(string)
  default     = []
}

variable "alarm_slack_channel" {
  description = "Slack channel that receives the environment's alarms through AWS Chatbot (team_id, authorised once in the Chatbot console, and channel_id); null for none. Only the default workspace uses it: one channel takes one Chatbot configuration per account."
  type = object({
    team_id    = string
    channel_id = string
  })
  default = null
}
