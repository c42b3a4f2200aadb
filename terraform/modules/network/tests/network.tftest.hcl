mock_provider "aws" {
  source = "../../mocks"
}

variables {
  name       = "development"
  cidr_block = "10.10.0.0/16"
}

run "vpc_spans_two_availability_zones" {
  command = plan

  assert {
    condition     = [for s in aws_subnet.lambda : s.availability_zone] == ["eu-central-1a", "eu-central-1b"]
    error_message = "The Lambda subnets must lie in the first two availability zones."
  }

  assert {
    condition     = [for s in aws_subnet.database : s.availability_zone] == ["eu-central-1a", "eu-central-1b"]
    error_message = "The database subnets must lie in the first two availability zones."
  }

  assert {
    condition     = [for s in concat(aws_subnet.lambda, aws_subnet.database) : s.cidr_block] == ["10.10.0.0/20", "10.10.16.0/20", "10.10.32.0/20", "10.10.48.0/20"]
    error_message = "The subnets must be the first four /20 blocks of the VPC."
  }

  assert {
    condition     = aws_vpc.this.enable_dns_support && aws_vpc.this.enable_dns_hostnames
    error_message = "DNS must be on for the private DNS names of the endpoints."
  }
}

run "no_public_ingress_and_no_nat_by_default" {
  command = plan

  assert {
    condition     = length(aws_internet_gateway.this) == 0 && length(aws_nat_gateway.this) == 0 && length(aws_subnet.public) == 0
    error_message = "By default there must be no internet gateway, NAT gateway or public subnet."
  }

  assert {
    condition     = alltrue([for s in concat(aws_subnet.lambda, aws_subnet.database) : !s.map_public_ip_on_launch])
    error_message = "No subnet may hand out public addresses."
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.lambda_to_internet) == 0
    error_message = "Without a NAT gateway the Lambda may not be allowed out to the internet."
  }
}

run "lambda_reaches_aws_services_through_endpoints" {
  command = plan

  assert {
    condition     = keys(aws_vpc_endpoint.interface) == ["logs", "secretsmanager", "xray"]
    error_message = "There must be interface endpoints for Secrets Manager, CloudWatch Logs and X-Ray."
  }

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.interface : e.vpc_endpoint_type == "Interface" && e.private_dns_enabled])
    error_message = "The endpoints must be interface endpoints with private DNS."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.endpoints_from_lambda.from_port == 443 &&
      aws_vpc_security_group_ingress_rule.endpoints_from_lambda.cidr_ipv4 == null
    )
    error_message = "The endpoints may only be reached over HTTPS from the Lambda's security group."
  }
}

run "security_groups_reference_each_other" {
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.endpoints_from_lambda.referenced_security_group_id == aws_security_group.lambda.id &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.referenced_security_group_id == aws_security_group.endpoints.id
    )
    error_message = "Lambda and endpoints must admit each other by security group, not by address."
  }

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.interface : e.security_group_ids == toset([aws_security_group.endpoints.id])])
    error_message = "Every endpoint must use the endpoints security group."
  }

  assert {
    condition     = output.lambda_security_group_id == aws_security_group.lambda.id
    error_message = "The module must hand out the Lambda's security group."
  }
}

run "nat_gateway_can_be_turned_on" {
  command = plan

  variables {
    enable_nat_gateway = true
  }

  assert {
    condition     = length(aws_internet_gateway.this) == 1 && length(aws_nat_gateway.this) == 1 && length(aws_route.lambda_to_nat) == 1
    error_message = "enable_nat_gateway must create the internet gateway, a NAT gateway and the route to it."
  }

  assert {
    condition     = aws_subnet.public[0].cidr_block == "10.10.64.0/20"
    error_message = "The public subnet must not overlap the private ones."
  }
}

run "cidr_without_prefix_is_rejected" {
  command = plan

  variables {
    cidr_block = "10.10.0.0"
  }

  expect_failures = [var.cidr_block]
}

run "cidr_too_small_is_rejected" {
  command = plan

  variables {
    cidr_block = "10.10.0.0/24"
  }

  expect_failures = [var.cidr_block]
}
