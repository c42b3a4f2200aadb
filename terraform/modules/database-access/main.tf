data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  # Every name below derives from the environment's prefix.
  relay_name     = "${var.name}-db-relay"
  endpoints_name = "${var.name}-db-relay-endpoints"
  reader_name    = "${var.name}-db-reader"
  writer_name    = "${var.name}-db-writer"

  account = data.aws_caller_identity.current.account_id
  region  = data.aws_region.current.id

  # What .github/scripts/database.sh tags each relay and session endpoint with; the access roles act on nothing else.
  relay_tag_key = "orders:database-relay"
  relay_tags    = merge(var.tags, { Name = local.relay_name, (local.relay_tag_key) = var.name })

  # Amazon Linux 2023 brings the SSM agent; the public parameter always names the newest image.
  relay_image_parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
  # The only document a session may use: it forwards one local port to one host and port behind the relay.
  session_document = "AWS-StartPortForwardingSessionToRemoteHost"
  # The agent's three services; the script makes their interface endpoints for a session and deletes them after it.
  endpoint_services = ["ssm", "ssmmessages", "ec2messages"]
}

# The relay: no ingress at all (Systems Manager's agent dials out), egress only to the session endpoints and the database.
resource "aws_security_group" "relay" {
  name        = local.relay_name
  description = "Database relay: no ingress; HTTPS to its session endpoints and PostgreSQL to the database only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = local.relay_name })
}

resource "aws_vpc_security_group_egress_rule" "relay_to_endpoints" {
  security_group_id            = aws_security_group.relay.id
  referenced_security_group_id = aws_security_group.endpoints.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS to the Systems Manager endpoints of a session"

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "relay_to_database" {
  security_group_id            = aws_security_group.relay.id
  referenced_security_group_id = var.database.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port
  description                  = "PostgreSQL to the database"

  tags = var.tags
}

# The database's side of the same connection.
resource "aws_vpc_security_group_ingress_rule" "database_from_relay" {
  security_group_id            = var.database.security_group_id
  referenced_security_group_id = aws_security_group.relay.id
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port
  description                  = "PostgreSQL from the database relay"

  tags = var.tags
}

# The group the script gives the session endpoints; without egress rules of its own it answers and starts nothing.
resource "aws_security_group" "endpoints" {
  name        = local.endpoints_name
  description = "Session endpoints of the database relay: HTTPS from the relay only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = local.endpoints_name })
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_relay" {
  security_group_id            = aws_security_group.endpoints.id
  referenced_security_group_id = aws_security_group.relay.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS from the database relay"

  tags = var.tags
}

# The relay's own identity: what Systems Manager's agent needs to register and carry sessions, nothing else.
resource "aws_iam_role" "relay" {
  name        = local.relay_name
  description = "The database relay of ${var.name}: Systems Manager's agent only"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "relay" {
  role       = aws_iam_role.relay.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "relay" {
  name = local.relay_name
  role = aws_iam_role.relay.name

  tags = var.tags
}

# Everything a relay is, fixed here: the access roles may launch from this template only, and only into these subnets
# with this group and without a public address, whatever the launch request names.
resource "aws_launch_template" "relay" {
  name        = local.relay_name
  description = "Database relay of ${var.name}: Systems Manager port forwarding to the database, made per session"

  image_id                             = "resolve:ssm:${local.relay_image_parameter}"
  instance_type                        = var.instance_type
  instance_initiated_shutdown_behavior = "terminate"
  update_default_version               = true

  # A relay that a crashed script left behind powers off, which terminates it.
  user_data = base64encode(<<-EOT
    #!/bin/bash
    shutdown -P +${var.relay_lifetime_hours * 60}
  EOT
  )

  iam_instance_profile {
    arn = aws_iam_instance_profile.relay.arn
  }

  network_interfaces {
    device_index                = 0
    subnet_id                   = var.subnet_ids[0]
    security_groups             = [aws_security_group.relay.id]
    associate_public_ip_address = false
    delete_on_termination       = true
  }

  metadata_options {
    http_endpoint               = "enabled" # the agent takes its credentials from the instance metadata
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  # standard credits: a busy relay slows down rather than adding to the bill
  credit_specification {
    cpu_credits = "standard"
  }

  dynamic "tag_specifications" {
    for_each = ["instance", "volume", "network-interface"]

    content {
      resource_type = tag_specifications.value
      tags          = local.relay_tags
    }
  }

  tags = var.tags
}
