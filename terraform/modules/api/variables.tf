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

variable "app_environment" {
  description = "Environment name the .NET application sees (ASPNETCORE_ENVIRONMENT)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9]*$", var.app_environment))
    error_message = "app_environment must be a single word of letters and digits, e.g. Production."
  }
}

variable "package" {
  description = "The deployment zip of the Api: either a local file, or an S3 bucket and key (with an optional object version)."
  type = object({
    file              = optional(string)
    s3_bucket         = optional(string)
    s3_key            = optional(string)
    s3_object_version = optional(string)
  })

  validation {
    condition     = (var.package.file != null) != (var.package.s3_bucket != null && var.package.s3_key != null)
    error_message = "package must set either file, or s3_bucket and s3_key, not both."
  }
}

variable "runtime" {
  description = "Lambda runtime: provided.al2023 for the Native AOT build, dotnet10 for the managed runtime."
  type        = string
  default     = "provided.al2023"

  validation {
    condition     = contains(["provided.al2023", "dotnet10"], var.runtime)
    error_message = "runtime must be provided.al2023 (Native AOT) or dotnet10."
  }
}

variable "architecture" {
  description = "Instruction set of the function; must match the build."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB (CPU grows with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "timeout" {
  description = "Function timeout in seconds; API Gateway gives up after 30."
  type        = number
  default     = 15

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 30
    error_message = "timeout must be between 1 and 30 seconds."
  }
}

variable "migration_timeout" {
  description = "Timeout of the migration function in seconds: the longest a schema change may take."
  type        = number
  default     = 900

  validation {
    condition     = var.migration_timeout >= 30 && var.migration_timeout <= 900
    error_message = "migration_timeout must be between 30 and 900 seconds (Lambda's maximum)."
  }
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrent executions of each version live serves (the deploy sets them per version); 0 turns it off."
  type        = number
  default     = 0

  validation {
    condition     = var.provisioned_concurrency >= 0 && floor(var.provisioned_concurrency) == var.provisioned_concurrency
    error_message = "provisioned_concurrency must be a whole number, 0 or more."
  }
}

variable "log_retention_days" {
  description = "Days the function's and the API's log groups keep their events."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "subnet_ids" {
  description = "Private subnets the function runs in."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the function."
  type        = string
}

variable "database" {
  description = "Where the database is: host, port, database name, and its master user (the schema's owner, which only the migration function logs in as) with the ARN of the secret RDS keeps that user's password in."
  type = object({
    host       = string
    port       = number
    name       = string
    username   = string
    secret_arn = string
  })
}

variable "kms_key_arn" {
  description = "Customer managed KMS key that encrypts the database's and this module's secrets; null when the AWS managed key is used."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN."
  }
}

variable "telemetry_collector_layer_arn" {
  description = "ARN (with version) of an OpenTelemetry collector layer (such as the ADOT collector) that receives OTLP on localhost:4318; empty for none."
  type        = string
  default     = ""

  validation {
    condition     = var.telemetry_collector_layer_arn == "" || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$", var.telemetry_collector_layer_arn))
    error_message = "telemetry_collector_layer_arn must be empty or a Lambda layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION)."
  }
}

variable "secrets_extension_layer_arn" {
  description = "ARN (with version) of the AWS Parameters and Secrets Lambda Extension layer for the region and architecture; required, the Api reads the database password through it on localhost:2773."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$", var.secrets_extension_layer_arn))
    error_message = "secrets_extension_layer_arn must be a Lambda layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION), such as the AWS Parameters and Secrets Lambda Extension's for the region and architecture."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the API accepts."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_rate_limit > 0
    error_message = "throttling_rate_limit must be above 0."
  }
}

variable "throttling_burst_limit" {
  description = "Requests the API accepts in a burst."
  type        = number
  default     = 200

  validation {
    condition     = var.throttling_burst_limit > 0 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number above 0."
  }
}

variable "probe_throttling_rate_limit" {
  description = "Steady-state requests per second each anonymous probe route (GET /health, GET /alive) accepts; far below the API's own."
  type        = number
  default     = 5

  validation {
    condition     = var.probe_throttling_rate_limit > 0 && var.probe_throttling_rate_limit <= var.throttling_rate_limit
    error_message = "probe_throttling_rate_limit must be above 0 and at most throttling_rate_limit."
  }
}

variable "probe_throttling_burst_limit" {
  description = "Requests each anonymous probe route accepts in a burst."
  type        = number
  default     = 10

  validation {
    condition     = var.probe_throttling_burst_limit > 0 && floor(var.probe_throttling_burst_limit) == var.probe_throttling_burst_limit && var.probe_throttling_burst_limit <= var.throttling_burst_limit
    error_message = "probe_throttling_burst_limit must be a whole number above 0 and at most throttling_burst_limit."
  }
}

variable "jwt_issuer" {
  description = "Issuer of the access tokens the API accepts (the Cognito user pool's https://cognito-idp.REGION.amazonaws.com/POOL_ID)."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+(/.*)?[^/]$", var.jwt_issuer))
    error_message = "jwt_issuer must be an https:// URL without a trailing slash, such as https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123."
  }
}

variable "jwt_audiences" {
  description = "App client IDs whose access tokens the API accepts, in order: the web client's first, then the scenarios client's."
  type        = list(string)

  validation {
    condition     = length(var.jwt_audiences) >= 1 && alltrue([for a in var.jwt_audiences : length(a) > 0])
    error_message = "jwt_audiences must name at least one app client ID."
  }
}
