# The roles .github/scripts/database.sh assumes: each may open the private path to the database and connect as one
# database role, the reader (select only) or the writer (the orders tables).

locals {
  access_roles = {
    reader = {
      name          = local.reader_name
      database_user = "orders_reader"
      description   = "Reads the database of ${var.name} (as orders_reader) through a relay made for the session"
    }
    writer = {
      name          = local.writer_name
      database_user = "orders_operator"
      description   = "Writes the orders tables of ${var.name} (as orders_operator) through a relay made for the session"
    }
  }

  # what rds-db:connect names: this cluster and one database role
  database_user_arns = {
    for key, role in local.access_roles :
    key => "arn:aws:rds-db:${local.region}:${local.account}:dbuser:${var.database.cluster_resource_id}/${role.database_user}"
  }

  ec2_arn      = "arn:aws:ec2:${local.region}:${local.account}"
  relay_filter = { StringEquals = { "aws:ResourceTag/${local.relay_tag_key}" = var.name } }

  # Trusted by the account, so that the identity policies of people and of CI's deploy role decide who may assume;
  # the session carries its source identity (the person or the run) into CloudTrail and every session it starts.
  access_trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AssumedFromThisAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account}:root" }
      Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
    }]
  })

  # What a session needs, the same for both roles: a relay from the template, its endpoints, a port forwarding to it.
  session_statements = [
    {
      Sid      = "RunTheRelayTaggedFromItsTemplate"
      Effect   = "Allow"
      Action   = "ec2:RunInstances"
      Resource = "${local.ec2_arn}:instance/*"
      Condition = {
        ArnLike = { "ec2:LaunchTemplate" = aws_launch_template.relay.arn }
        StringEquals = {
          "aws:RequestTag/${local.relay_tag_key}" = var.name
          "ec2:InstanceType"                      = var.instance_type
        }
      }
    },
    {
      # the script may name the template's network interface again, but no other subnet or group
      Sid    = "RunTheRelayInThePrivateSubnetsAndItsGroup"
      Effect = "Allow"
      Action = "ec2:RunInstances"
      Resource = concat(
        [for subnet in var.subnet_ids : "${local.ec2_arn}:subnet/${subnet}"],
        [aws_security_group.relay.arn],
      )
      Condition = { ArnLike = { "ec2:LaunchTemplate" = aws_launch_template.relay.arn } }
    },
    {
      Sid      = "RunTheRelayWithoutPublicAddress"
      Effect   = "Allow"
      Action   = "ec2:RunInstances"
      Resource = "${local.ec2_arn}:network-interface/*"
      Condition = {
        ArnLike = { "ec2:LaunchTemplate" = aws_launch_template.relay.arn }
        # without the key the subnet decides, and these subnets give no public address
        BoolIfExists = { "ec2:AssociatePublicIpAddress" = "false" }
      }
    },
    {
      Sid       = "RunTheRelayWithItsTemplateAndVolume"
      Effect    = "Allow"
      Action    = "ec2:RunInstances"
      Resource  = [aws_launch_template.relay.arn, "${local.ec2_arn}:volume/*"]
      Condition = { ArnLike = { "ec2:LaunchTemplate" = aws_launch_template.relay.arn } }
    },
    {
      Sid      = "RunTheRelayFromAnAmazonImage"
      Effect   = "Allow"
      Action   = "ec2:RunInstances"
      Resource = "arn:aws:ec2:${local.region}::image/*"
      Condition = {
        ArnLike      = { "ec2:LaunchTemplate" = aws_launch_template.relay.arn }
        StringEquals = { "ec2:Owner" = "amazon" }
      }
    },
    {
      # the template names its image by this public parameter, which the launch resolves with the caller's rights
      Sid      = "ResolveTheRelayImage"
      Effect   = "Allow"
      Action   = ["ssm:GetParameters", "ssm:GetParameter"]
      Resource = "arn:aws:ssm:${local.region}::parameter${local.relay_image_parameter}"
    },
    {
      Sid       = "PassTheRelayRole"
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = aws_iam_role.relay.arn
      Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } }
    },
    {
      Sid    = "TagWhatASessionCreates"
      Effect = "Allow"
      Action = "ec2:CreateTags"
      Resource = [
        "${local.ec2_arn}:instance/*",
        "${local.ec2_arn}:volume/*",
        "${local.ec2_arn}:network-interface/*",
        "${local.ec2_arn}:vpc-endpoint/*",
      ]
      Condition = { StringEquals = { "ec2:CreateAction" = ["RunInstances", "CreateVpcEndpoint"] } }
    },
    {
      Sid       = "EndTheRelays"
      Effect    = "Allow"
      Action    = "ec2:TerminateInstances"
      Resource  = "${local.ec2_arn}:instance/*"
      Condition = local.relay_filter
    },
    {
      Sid      = "CreateTheSessionEndpointsTagged"
      Effect   = "Allow"
      Action   = "ec2:CreateVpcEndpoint"
      Resource = "${local.ec2_arn}:vpc-endpoint/*"
      Condition = {
        StringEquals = {
          "aws:RequestTag/${local.relay_tag_key}" = var.name
          "ec2:VpceServiceName"                   = [for service in local.endpoint_services : "com.amazonaws.${local.region}.${service}"]
        }
      }
    },
    {
      Sid    = "CreateTheSessionEndpointsInTheVpc"
      Effect = "Allow"
      Action = "ec2:CreateVpcEndpoint"
      Resource = concat(
        ["${local.ec2_arn}:vpc/${var.vpc_id}", aws_security_group.endpoints.arn],
        [for subnet in var.subnet_ids : "${local.ec2_arn}:subnet/${subnet}"],
      )
    },
    {
      # EC2 names this as a dependent action of an interface endpoint with private DNS (its zone is AWS's own)
      Sid      = "PrivateDnsOfTheSessionEndpoints"
      Effect   = "Allow"
      Action   = "route53:AssociateVPCWithHostedZone"
      Resource = "*"
    },
    {
      Sid       = "DeleteTheSessionEndpoints"
      Effect    = "Allow"
      Action    = "ec2:DeleteVpcEndpoints"
      Resource  = "${local.ec2_arn}:vpc-endpoint/*"
      Condition = local.relay_filter
    },
    {
      # EC2's Describe actions take no resource; they show what exists, not what it holds
      Sid    = "FindTheVpcAndTheRelays"
      Effect = "Allow"
      Action = [
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcEndpoints",
        "ec2:DescribeVpcs",
        "ssm:DescribeInstanceInformation",
      ]
      Resource = "*"
    },
    {
      Sid      = "FindTheDatabase"
      Effect   = "Allow"
      Action   = "rds:DescribeDBClusters"
      Resource = var.database.cluster_arn
    },
    {
      # SessionDocumentAccessCheck: a session must name its document, and this one is the only one allowed
      Sid      = "ForwardAPortThroughTheRelays"
      Effect   = "Allow"
      Action   = "ssm:StartSession"
      Resource = "${local.ec2_arn}:instance/*"
      Condition = {
        StringEquals = { "ssm:resourceTag/${local.relay_tag_key}" = var.name }
        BoolIfExists = { "ssm:SessionDocumentAccessCheck" = "true" }
      }
    },
    {
      Sid       = "WithThePortForwardingDocumentOnly"
      Effect    = "Allow"
      Action    = "ssm:StartSession"
      Resource  = "arn:aws:ssm:${local.region}::document/${local.session_document}"
      Condition = { BoolIfExists = { "ssm:SessionDocumentAccessCheck" = "true" } }
    },
    {
      # the session's data channel, for sessions this role started only (their IDs begin with its user ID)
      Sid      = "OpenOwnSessionsDataChannel"
      Effect   = "Allow"
      Action   = "ssmmessages:OpenDataChannel"
      Resource = "arn:aws:ssm:${local.region}:${local.account}:session/$${aws:userid}-*"
    },
    {
      # Session Manager tags each session with the caller's user ID (role ID:session name)
      Sid       = "EndOrResumeOwnSessions"
      Effect    = "Allow"
      Action    = ["ssm:TerminateSession", "ssm:ResumeSession"]
      Resource  = "arn:aws:ssm:${local.region}:${local.account}:session/*"
      Condition = { StringLike = { "ssm:resourceTag/aws:ssmmessages:session-id" = "$${aws:userid}" } }
    },
  ]
}

resource "aws_iam_role" "access" {
  for_each = local.access_roles

  name                 = each.value.name
  description          = each.value.description
  max_session_duration = 3600

  assume_role_policy = local.access_trust_policy

  tags = var.tags
}

resource "aws_iam_role_policy" "access" {
  for_each = local.access_roles

  name = "${each.value.name}-permissions"
  role = aws_iam_role.access[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.session_statements, [{
      # IAM database authentication: a 15-minute token for this cluster and this database role, no stored password
      Sid      = "ConnectAsOneDatabaseRole"
      Effect   = "Allow"
      Action   = "rds-db:connect"
      Resource = local.database_user_arns[each.key]
    }])
  })
}
