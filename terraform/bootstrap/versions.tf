terraform {
  required_version = ">= 1.11"

  # Partial on purpose: the account's *.s3.tfbackend file names the bucket, which the first apply creates (see README).
  backend "s3" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}
