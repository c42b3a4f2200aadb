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
  description = "VPC the database lives in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the database, in at least two availability zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must name at least two subnets (Aurora needs two availability zones)."
  }
}

variable "client_security_group_id" {
  description = "The only security group admitted to the database port (the API Lambda's)."
  type        = string
}

variable "engine_version" {
  description = "Aurora PostgreSQL engine version (major.minor) a new cluster starts at; RDS applies later minor versions itself."
  type        = string
  default     = "16.6"

  validation {
    condition     = can(regex("^1[3-9]\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be an Aurora PostgreSQL version such as 16.6."
  }
}

variable "database_name" {
  description = "Name of the application database."
  type        = string
  default     = "appdb"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must start with a letter and hold only lowercase letters, digits and underscores (at most 63)."
  }
}

variable "master_username" {
  description = "User name of the master user; its password is generated and kept in Secrets Manager by RDS."
  type        = string
  default     = "app_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["postgres", "admin", "rdsadmin"], var.master_username)
    error_message = "master_username must be 1-16 lowercase letters, digits or underscores, start with a letter and not be a reserved name."
  }
}

variable "min_capacity" {
  description = "Minimum Aurora capacity units; 0 lets the database pause when idle (engine 13.15, 14.12, 15.7, 16.3, 17.4 or later)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.min_capacity >= 0 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be between 0 and 256 in steps of 0.5."
  }

  # Aurora accepts 0 ACU (auto-pause) only from these minor versions on.
  validation {
    condition = var.min_capacity > 0 || try(
      tonumber(split(".", var.engine_version)[0]) >= 18 ||
      tonumber(split(".", var.engine_version)[1]) >= { "13" = 15, "14" = 12, "15" = 7, "16" = 3, "17" = 4 }[split(".", var.engine_version)[0]],
      false
    )
    error_message = "min_capacity 0 (auto-pause) needs engine_version 13.15, 14.12, 15.7, 16.3, 17.4 or a later minor version of the same major version."
  }
}

variable "max_capacity" {
  description = "Maximum Aurora capacity units."
  type        = number
  default     = 4

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2 && var.max_capacity >= var.min_capacity
    error_message = "max_capacity must be between 1 and 256 in steps of 0.5 and not below min_capacity."
  }
}

variable "seconds_until_auto_pause" {
  description = "Idle seconds before a database with min_capacity 0 pauses."
  type        = number
  default     = 3600

  validation {
    condition     = var.seconds_until_auto_pause >= 300 && var.seconds_until_auto_pause <= 86400
    error_message = "seconds_until_auto_pause must be between 300 and 86400."
  }
}

variable "instance_count" {
  description = "Number of db.serverless instances: one writer, the rest readers in the other zone for fail-over."
  type        = number
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 4 && floor(var.instance_count) == var.instance_count
    error_message = "instance_count must be a whole number from 1 to 4."
  }
}

variable "backup_retention_days" {
  description = "Days automated backups are kept."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster until this is turned off."
  type        = bool
  default     = true
}

variable "final_snapshot" {
  description = "Take a final snapshot when the cluster is deleted."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for storage and the master secret; null uses the AWS managed keys."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN."
  }
}

variable "log_retention_days" {
  description = "Days the PostgreSQL log group keeps its events."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
