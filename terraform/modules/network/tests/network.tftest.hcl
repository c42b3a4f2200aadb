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

# Applied, so the security groups' and route tables' own rule lists are known too.
run "no_public_ingress_and_no_nat_by_default" {
  assert {
    condition     = length(aws_internet_gateway.this) == 0 && length(aws_nat_gateway.this) == 0 && length(aws_subnet.public) == 0
    error_message = "By default there must be no internet gateway, NAT gateway or public subnet."
  }

  assert {
    condition     = alltrue([for s in concat(aws_subnet.lambda, aws_subnet.database) : !s.map_public_ip_on_launch])
    error_message = "No subnet may hand out public addresses."
  }

  assert {
    condition = alltrue([
      for r in [aws_vpc_security_group_ingress_rule.endpoints_from_lambda] :
      r.cidr_ipv4 == null && r.cidr_ipv6 == null && r.prefix_list_id == null && r.referenced_security_group_id == aws_security_group.lambda.id
    ])
    error_message = "The only ingress rule must admit the Lambda's security group and no address range (no 0.0.0.0/0, no ::/0)."
  }

  assert {
    condition     = [for g in [aws_security_group.lambda, aws_security_group.endpoints, aws_default_security_group.this] : length(g.ingress)] == [0, 0, 0]
    error_message = "No security group may have inline ingress rules; the one ingress rule is the endpoints' from the Lambda."
  }

  assert {
    condition     = length(aws_default_security_group.this.egress) == 0
    error_message = "The VPC's default security group must allow nothing."
  }

  assert {
    condition     = length(aws_route_table.database.route) == 0 && length(aws_route_table.lambda.route) == 0 && length(aws_route.lambda_to_nat) == 0
    error_message = "Without a NAT gateway the route tables may hold only the local route: no way to the internet."
  }

  # The Lambda needs HTTPS to the endpoints (Secrets Manager, Logs, X-Ray); the database part adds PostgreSQL to the database.
  assert {
    condition     = length(aws_security_group.lambda.egress) == 0 && length(aws_vpc_security_group_egress_rule.lambda_to_internet) == 0
    error_message = "The Lambda's security group may not allow any egress but its separate rules, and none to the internet without a NAT gateway."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.security_group_id == aws_security_group.lambda.id &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.referenced_security_group_id == aws_security_group.endpoints.id &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.ip_protocol == "tcp" &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.from_port == 443 &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.to_port == 443 &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.cidr_ipv4 == null &&
      aws_vpc_security_group_egress_rule.lambda_to_endpoints.cidr_ipv6 == null
    )
    error_message = "The Lambda's egress here must be exactly TCP 443 to the endpoints' security group."
  }

  assert {
    condition     = length(aws_security_group.endpoints.egress) == 0
    error_message = "The endpoints answer within their connections and need no egress rule."
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

  assert {
    condition     = aws_route.lambda_to_nat[0].route_table_id == aws_route_table.lambda.id && aws_route.lambda_to_nat[0].nat_gateway_id == aws_nat_gateway.this[0].id
    error_message = "Only the Lambda subnets may route to the internet, and only through the NAT gateway."
  }

  assert {
    condition     = length(aws_route_table.database.route) == 0
    error_message = "The database subnets must keep no route out of the VPC, NAT or not."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.lambda_to_internet[0].ip_protocol == "tcp" &&
      aws_vpc_security_group_egress_rule.lambda_to_internet[0].from_port == 443 &&
      aws_vpc_security_group_egress_rule.lambda_to_internet[0].to_port == 443 &&
      aws_vpc_security_group_egress_rule.lambda_to_internet[0].cidr_ipv4 == "0.0.0.0/0" &&
      aws_vpc_security_group_egress_rule.lambda_to_internet[0].cidr_ipv6 == null
    )
    error_message = "With a NAT gateway the Lambda may add HTTPS to the internet, nothing else."
  }

  assert {
    condition     = [for g in [aws_security_group.lambda, aws_security_group.endpoints, aws_default_security_group.this] : length(g.ingress)] == [0, 0, 0]
    error_message = "A NAT gateway must not bring any ingress."
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
