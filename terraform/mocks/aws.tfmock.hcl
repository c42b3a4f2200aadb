# Realistic values for what AWS would compute, so tests can evaluate ARNs, URLs and lists.

mock_data "aws_availability_zones" {
  defaults = {
    names = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
    arn        = "arn:aws:iam::123456789012:user/test"
  }
}

mock_data "aws_region" {
  defaults = {
    id   = "eu-central-1"
    name = "eu-central-1"
  }
}

mock_data "aws_vpc_endpoint_service" {
  defaults = {
    service_name = "com.amazonaws.eu-central-1.mock"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/mock"
  }
}

# A launch template checks that its instance profile is named by an ARN.
mock_resource "aws_iam_instance_profile" {
  defaults = {
    arn = "arn:aws:iam::123456789012:instance-profile/mock"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-central-1:123456789012:log-group:mock"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn        = "arn:aws:lambda:eu-central-1:123456789012:function:mock"
    invoke_arn = "arn:aws:apigateway:eu-central-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-central-1:123456789012:function:mock/invocations"
    version    = "7"
  }
}

mock_resource "aws_lambda_alias" {
  defaults = {
    arn        = "arn:aws:lambda:eu-central-1:123456789012:function:mock:live"
    invoke_arn = "arn:aws:apigateway:eu-central-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-central-1:123456789012:function:mock:live/invocations"
  }
}

mock_resource "aws_rds_cluster" {
  defaults = {
    arn             = "arn:aws:rds:eu-central-1:123456789012:cluster:mock"
    endpoint        = "mock.cluster-abc.eu-central-1.rds.amazonaws.com"
    reader_endpoint = "mock.cluster-ro-abc.eu-central-1.rds.amazonaws.com"
    # what IAM database authentication names (rds-db:connect on dbuser:ID/ROLE)
    cluster_resource_id = "cluster-MOCKRESOURCEID0123456789"
    master_user_secret = [{
      secret_arn    = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-mock-AbCdEf"
      kms_key_id    = ""
      secret_status = "active"
    }]
  }
}

mock_resource "aws_apigatewayv2_api" {
  defaults = {
    api_endpoint  = "https://abc123.execute-api.eu-central-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-central-1:123456789012:abc123"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn                         = "arn:aws:s3:::mock-bucket"
    bucket_regional_domain_name = "mock-bucket.s3.eu-central-1.amazonaws.com"
  }
}

mock_resource "aws_cloudfront_distribution" {
  defaults = {
    arn         = "arn:aws:cloudfront::123456789012:distribution/EMOCK"
    domain_name = "d111111abcdef8.cloudfront.net"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-central-1:123456789012:mock"
  }
}

mock_resource "aws_cognito_user_pool" {
  defaults = {
    id       = "eu-central-1_Mock1234"
    arn      = "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mock1234"
    endpoint = "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Mock1234"
  }
}

mock_resource "aws_secretsmanager_secret" {
  defaults = {
    arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:mock-AbCdEf"
  }
}

# The origin-verify secret as Terraform first writes it.
mock_data "aws_secretsmanager_secret_version" {
  defaults = {
    secret_string = "{\"current\":\"mock-origin-verify-value-0123456789abcdef0123456789abcdef\"}"
  }
}

mock_resource "aws_wafv2_web_acl" {
  defaults = {
    arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
  }
}

mock_resource "aws_cloudfront_function" {
  defaults = {
    arn = "arn:aws:cloudfront::123456789012:function/mock"
  }
}
