# The relay: unreachable from anywhere, no public address, IMDSv2, an encrypted disk, an end of its own, and nothing
# of it running until a session makes it.

mock_provider "aws" {
  source = "../../mocks"
}

override_resource {
  target = aws_security_group.relay
  values = {
    id = "sg-relay"
  }
}

override_resource {
  target = aws_security_group.endpoints
  values = {
    id = "sg-relay-endpoints"
  }
}

override_resource {
  target = aws_iam_instance_profile.relay
  values = {
    arn = "arn:aws:iam::123456789012:instance-profile/development-db-relay"
  }
}

run "relay_group_admits_nothing" {
  assert {
    condition     = length(aws_security_group.relay.ingress) == 0
    error_message = "The relay's security group must have no inline ingress rule."
  }

  assert {
    condition = alltrue([
      for rule in [aws_vpc_security_group_ingress_rule.database_from_relay, aws_vpc_security_group_ingress_rule.endpoints_from_relay] :
      rule.security_group_id != aws_security_group.relay.id
    ])
    error_message = "No ingress rule may open the relay's security group: Systems Manager's agent dials out."
  }

  assert {
    condition = {
      for rule in [aws_vpc_security_group_egress_rule.relay_to_endpoints, aws_vpc_security_group_egress_rule.relay_to_database] :
      rule.referenced_security_group_id => "${rule.ip_protocol}/${rule.from_port}-${rule.to_port}"
      if rule.security_group_id == "sg-relay" && rule.cidr_ipv4 == null && rule.cidr_ipv6 == null && rule.prefix_list_id == null
    } == { "sg-relay-endpoints" = "tcp/443-443", "sg-db" = "tcp/5432-5432" }
    error_message = "The relay may reach its session endpoints on 443 and the database on 5432, and no address range."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.endpoints_from_relay.security_group_id == "sg-relay-endpoints" &&
      aws_vpc_security_group_ingress_rule.endpoints_from_relay.referenced_security_group_id == "sg-relay" &&
      aws_vpc_security_group_ingress_rule.endpoints_from_relay.from_port == 443 &&
      aws_vpc_security_group_ingress_rule.endpoints_from_relay.to_port == 443 &&
      length(aws_security_group.endpoints.ingress) == 0 && length(aws_security_group.endpoints.egress) == 0
    )
    error_message = "The session endpoints' group must admit HTTPS from the relay alone, and send nothing."
  }
}

run "database_accepts_postgresql_from_the_relay" {
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.database_from_relay.security_group_id == "sg-db" &&
      aws_vpc_security_group_ingress_rule.database_from_relay.referenced_security_group_id == "sg-relay" &&
      aws_vpc_security_group_ingress_rule.database_from_relay.ip_protocol == "tcp" &&
      aws_vpc_security_group_ingress_rule.database_from_relay.from_port == 5432 &&
      aws_vpc_security_group_ingress_rule.database_from_relay.to_port == 5432 &&
      aws_vpc_security_group_ingress_rule.database_from_relay.cidr_ipv4 == null
    )
    error_message = "The database's group must admit PostgreSQL from the relay's group, and no address range."
  }
}

run "launch_template_gives_no_public_address_and_requires_imdsv2" {
  command = plan

  assert {
    condition = (
      length(aws_launch_template.relay.network_interfaces) == 1 &&
      aws_launch_template.relay.network_interfaces[0].associate_public_ip_address == "false" &&
      aws_launch_template.relay.network_interfaces[0].subnet_id == "subnet-lambda-a" &&
      aws_launch_template.relay.network_interfaces[0].delete_on_termination == "true"
    )
    error_message = "A relay must start without a public address, in the first private subnet given."
  }

  assert {
    condition = (
      aws_launch_template.relay.metadata_options[0].http_tokens == "required" &&
      aws_launch_template.relay.metadata_options[0].http_put_response_hop_limit == 1
    )
    error_message = "A relay must require IMDSv2 tokens, reachable from the instance itself only."
  }

  assert {
    condition = (
      aws_launch_template.relay.block_device_mappings[0].device_name == "/dev/xvda" &&
      aws_launch_template.relay.block_device_mappings[0].ebs[0].encrypted == "true" &&
      aws_launch_template.relay.block_device_mappings[0].ebs[0].delete_on_termination == "true"
    )
    error_message = "A relay's root volume must be encrypted and go with the instance."
  }

  assert {
    condition = (
      aws_launch_template.relay.image_id == "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" &&
      aws_launch_template.relay.instance_type == "t4g.nano" &&
      aws_launch_template.relay.credit_specification[0].cpu_credits == "standard"
    )
    error_message = "A relay must be a t4g.nano of the newest arm64 Amazon Linux 2023, which brings the SSM agent, without unlimited credits."
  }

  assert {
    condition     = aws_launch_template.relay.key_name == null
    error_message = "A relay has no SSH key: sessions go through Systems Manager."
  }
}

run "launch_template_attaches_the_relay_role_and_the_group" {
  assert {
    condition = (
      aws_launch_template.relay.iam_instance_profile[0].arn == "arn:aws:iam::123456789012:instance-profile/development-db-relay" &&
      aws_iam_instance_profile.relay.role == aws_iam_role.relay.name
    )
    error_message = "A relay must run with the relay's instance profile."
  }

  assert {
    condition     = aws_launch_template.relay.network_interfaces[0].security_groups == toset(["sg-relay"])
    error_message = "A relay must be in the relay's security group and no other."
  }

  assert {
    condition     = try(length(aws_launch_template.relay.vpc_security_group_ids), 0) == 0
    error_message = "The groups belong on the network interface, where the access roles cannot override them."
  }
}

run "relay_ends_itself" {
  command = plan

  assert {
    condition     = aws_launch_template.relay.instance_initiated_shutdown_behavior == "terminate"
    error_message = "A relay that powers off must be terminated, not stopped."
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.relay.user_data), "shutdown -P +480")
    error_message = "A relay must power itself off after 8 hours, however it was left behind."
  }

  assert {
    condition = alltrue([
      for spec in aws_launch_template.relay.tag_specifications :
      spec.tags["orders:database-relay"] == "development" && spec.tags["Name"] == "development-db-relay"
    ]) && toset([for spec in aws_launch_template.relay.tag_specifications : spec.resource_type]) == toset(["instance", "volume", "network-interface"])
    error_message = "A relay, its volume and its interface must carry the relay tag, by which sessions find and end them."
  }
}

run "relay_lifetime_follows_the_variable" {
  command = plan

  variables {
    relay_lifetime_hours = 2
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.relay.user_data), "shutdown -P +120")
    error_message = "relay_lifetime_hours must set when a relay powers off."
  }
}

# Nothing of the path costs money while unused: relays and their endpoints are made per session by the script.
run "nothing_of_the_relay_runs_while_unused" {
  command = plan

  assert {
    condition = length(fileset(path.module, "*.tf")) >= 4 && alltrue([
      for file in fileset(path.module, "*.tf") :
      !can(regex("resource\\s+\"aws_(instance|spot_instance_request|spot_fleet_request|ec2_fleet|autoscaling_group|vpc_endpoint|nat_gateway|eip)\"", file("${path.module}/${file}")))
    ])
    error_message = "The module must not make an instance, a fleet, a VPC endpoint, a NAT gateway or an address: they cost while unused."
  }
}

run "relay_role_may_only_run_the_agent" {
  assert {
    condition     = aws_iam_role_policy_attachment.relay.policy_arn == "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    error_message = "The relay's role must have AmazonSSMManagedInstanceCore, the agent's permissions."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.relay.assume_role_policy).Statement[0].Principal == { Service = "ec2.amazonaws.com" } &&
      length(jsondecode(aws_iam_role.relay.assume_role_policy).Statement) == 1
    )
    error_message = "Only EC2 may assume the relay's role."
  }
}

run "names_derive_from_the_prefix" {
  command = plan

  variables {
    name = "production-debug-4711"
  }

  assert {
    condition = {
      template         = aws_launch_template.relay.name
      role             = aws_iam_role.relay.name
      instance_profile = aws_iam_instance_profile.relay.name
      relay_group      = aws_security_group.relay.name
      endpoints_group  = aws_security_group.endpoints.name
      reader           = aws_iam_role.access["reader"].name
      writer           = aws_iam_role.access["writer"].name
      } == {
      template         = "production-debug-4711-db-relay"
      role             = "production-debug-4711-db-relay"
      instance_profile = "production-debug-4711-db-relay"
      relay_group      = "production-debug-4711-db-relay"
      endpoints_group  = "production-debug-4711-db-relay-endpoints"
      reader           = "production-debug-4711-db-reader"
      writer           = "production-debug-4711-db-writer"
    }
    error_message = "Every name must be the prefix plus its role."
  }

  assert {
    condition     = alltrue([for spec in aws_launch_template.relay.tag_specifications : spec.tags["orders:database-relay"] == "production-debug-4711"])
    error_message = "The relay tag's value must be the prefix, so two workspaces never end each other's relays."
  }
}

run "an_x86_instance_type_is_rejected" {
  command = plan

  variables {
    instance_type = "t3.nano"
  }

  expect_failures = [var.instance_type]
}
