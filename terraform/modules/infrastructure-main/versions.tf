terraform {
  # the api part's secrets use write-only arguments
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
      # CloudFront's web ACL (enable_waf) must be created in us-east-1
      configuration_aliases = [aws.us_east_1]
    }
  }
}

# The alias once more as an empty (proxy) block: without it `terraform validate` of this folder on its own fails with
# "missing provider" (hashicorp/terraform#28490). The callers' configuration replaces it; Terraform warns that the
# block is redundant ("Redundant empty provider block"), which is expected.
provider "aws" {
  alias = "us_east_1"
}
