# What the reader and writer roles may do: open a session through a relay of their own environment and connect as one
# database role; "*" only where EC2 and Route 53 offer nothing narrower.

mock_provider "aws" {
  source = "../../mocks"
}

override_resource {
  target = aws_launch_template.relay
  values = {
    arn = "arn:aws:ec2:eu-central-1:123456789012:launch-template/lt-0123456789abcdef0"
  }
}

override_resource {
  target = aws_iam_role.relay
  values = {
    arn = "arn:aws:iam::123456789012:role/development-db-relay"
  }
}

override_resource {
  target = aws_security_group.relay
  values = {
    id  = "sg-relay"
    arn = "arn:aws:ec2:eu-central-1:123456789012:security-group/sg-relay"
  }
}

override_resource {
  target = aws_security_group.endpoints
  values = {
    id  = "sg-relay-endpoints"
    arn = "arn:aws:ec2:eu-central-1:123456789012:security-group/sg-relay-endpoints"
  }
}

run "reader_connects_as_orders_reader_only_and_writer_as_orders_operator_only" {
  assert {
    condition = {
      for key, policy in aws_iam_role_policy.access : key => flatten([
        for s in jsondecode(policy.policy).Statement : [s.Resource]
        if anytrue([for a in flatten([s.Action]) : startswith(a, "rds-db:")])
      ])
      } == {
      reader = ["arn:aws:rds-db:eu-central-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/orders_reader"]
      writer = ["arn:aws:rds-db:eu-central-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/orders_operator"]
    }
    error_message = "The reader may connect to this cluster as orders_reader only, the writer as orders_operator only."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : flatten([s.Action]) if anytrue([for a in flatten([s.Action]) : startswith(a, "rds-db:")])
      ] == [["rds-db:connect"]]
    ])
    error_message = "rds-db:connect must be the only database action, in one statement."
  }

  assert {
    condition     = output.database_users == { reader = "orders_reader", writer = "orders_operator" }
    error_message = "The module must say which database role each access role connects as."
  }
}

run "access_roles_are_assumed_from_the_account_with_a_source_identity_for_an_hour" {
  assert {
    condition = alltrue([
      for role in values(aws_iam_role.access) : jsondecode(role.assume_role_policy).Statement == [{
        Sid       = "AssumedFromThisAccount"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
      }]
    ])
    error_message = "The access roles must trust the account (its IAM policies decide who assumes) and accept a source identity."
  }

  assert {
    condition     = alltrue([for role in values(aws_iam_role.access) : role.max_session_duration == 3600])
    error_message = "A session of an access role must last one hour at most."
  }
}

run "access_policies_grant_listed_actions_on_listed_resources" {
  assert {
    condition = alltrue(flatten([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : [
          for a in flatten([s.Action]) : a != "*" && !strcontains(a, "*")
        ]
      ]
    ]))
    error_message = "No access policy may grant a wildcard action."
  }

  assert {
    condition = alltrue(flatten([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : s.Effect == "Allow" && !contains(keys(s), "NotAction") && !contains(keys(s), "NotResource")
      ]
    ]))
    error_message = "The access roles may only allow listed actions on listed resources."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : toset([
        for s in jsondecode(policy.policy).Statement : s.Sid if contains(flatten([s.Resource]), "*")
      ]) == toset(["FindTheVpcAndTheRelays", "PrivateDnsOfTheSessionEndpoints"])
    ])
    error_message = "\"*\" is for EC2's and Systems Manager's Describe actions and the endpoints' private DNS only."
  }

  assert {
    condition = alltrue(flatten([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : [
          for a in flatten([s.Action]) : startswith(a, "ec2:Describe") || a == "ssm:DescribeInstanceInformation"
        ] if s.Sid == "FindTheVpcAndTheRelays"
      ]
    ]))
    error_message = "The statement on \"*\" may only describe."
  }
}

run "relays_come_from_the_template_with_the_tag_and_its_network" {
  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : alltrue([
        for s in jsondecode(policy.policy).Statement :
        s.Condition.ArnLike["ec2:LaunchTemplate"] == "arn:aws:ec2:eu-central-1:123456789012:launch-template/lt-0123456789abcdef0"
        if contains(flatten([s.Action]), "ec2:RunInstances")
      ])
    ])
    error_message = "Every statement that allows RunInstances must require the relay's launch template."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : [
          s.Condition.StringEquals["aws:RequestTag/orders:database-relay"],
          s.Condition.StringEquals["ec2:InstanceType"],
        ]
        if contains(flatten([s.Action]), "ec2:RunInstances") && contains(flatten([s.Resource]), "arn:aws:ec2:eu-central-1:123456789012:instance/*")
      ] == [["development", "t4g.nano"]]
    ])
    error_message = "A relay instance must be a t4g.nano tagged orders:database-relay = the prefix when it is made."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : toset(flatten([
        for s in jsondecode(policy.policy).Statement : s.Resource
        if contains(flatten([s.Action]), "ec2:RunInstances") && anytrue([for r in flatten([s.Resource]) : can(regex(":(subnet|security-group)/", r))])
        ])) == toset([
        "arn:aws:ec2:eu-central-1:123456789012:subnet/subnet-lambda-a",
        "arn:aws:ec2:eu-central-1:123456789012:subnet/subnet-lambda-b",
        "arn:aws:ec2:eu-central-1:123456789012:security-group/sg-relay",
      ])
    ])
    error_message = "A relay may start in the environment's private subnets and the relay's group only."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : s.Condition.BoolIfExists["ec2:AssociatePublicIpAddress"]
        if contains(flatten([s.Action]), "ec2:RunInstances") && contains(flatten([s.Resource]), "arn:aws:ec2:eu-central-1:123456789012:network-interface/*")
      ] == ["false"]
    ])
    error_message = "A launch request that asks for a public address must be refused."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : s.Condition.StringEquals["ec2:Owner"]
        if contains(flatten([s.Action]), "ec2:RunInstances") && contains(flatten([s.Resource]), "arn:aws:ec2:eu-central-1::image/*")
      ] == ["amazon"]
    ])
    error_message = "A relay must start from an image Amazon owns."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : { resource = s.Resource, service = s.Condition.StringEquals["iam:PassedToService"] }
        if contains(flatten([s.Action]), "iam:PassRole")
      ] == [{ resource = "arn:aws:iam::123456789012:role/development-db-relay", service = "ec2.amazonaws.com" }]
    ])
    error_message = "The access roles may pass the relay's role, to EC2, and no other."
  }
}

run "only_tagged_relays_and_endpoints_are_ended_or_reached" {
  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : alltrue([
        for s in jsondecode(policy.policy).Statement :
        s.Condition.StringEquals["aws:ResourceTag/orders:database-relay"] == "development"
        if anytrue([for a in flatten([s.Action]) : contains(["ec2:TerminateInstances", "ec2:DeleteVpcEndpoints"], a)])
      ])
    ])
    error_message = "The access roles may terminate and delete only what carries their environment's relay tag."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : s.Condition.StringEquals["ssm:resourceTag/orders:database-relay"]
        if contains(flatten([s.Action]), "ssm:StartSession") && can(regex(":instance/", s.Resource))
      ] == ["development"]
    ])
    error_message = "Sessions may start on the environment's relays only."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : toset([
        for s in jsondecode(policy.policy).Statement : s.Resource
        if contains(flatten([s.Action]), "ssm:StartSession") && can(regex(":document/", s.Resource))
      ]) == toset(["arn:aws:ssm:eu-central-1::document/AWS-StartPortForwardingSessionToRemoteHost"])
    ])
    error_message = "The port forwarding document must be the only one a session may use."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : alltrue([
        for s in jsondecode(policy.policy).Statement : s.Condition.BoolIfExists["ssm:SessionDocumentAccessCheck"] == "true"
        if contains(flatten([s.Action]), "ssm:StartSession")
      ])
    ])
    error_message = "Every StartSession statement must check the document, or a session without one would get a shell."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : s.Condition.StringLike["ssm:resourceTag/aws:ssmmessages:session-id"]
        if contains(flatten([s.Action]), "ssm:TerminateSession")
      ] == ["$${aws:userid}"]
    ])
    error_message = "A session may end or resume only its own sessions."
  }
}

run "session_endpoints_are_the_agents_three_in_this_vpc" {
  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : {
          tag      = s.Condition.StringEquals["aws:RequestTag/orders:database-relay"]
          services = toset(s.Condition.StringEquals["ec2:VpceServiceName"])
        } if contains(flatten([s.Action]), "ec2:CreateVpcEndpoint") && can(s.Condition)
        ] == [{
          tag      = "development"
          services = toset(["com.amazonaws.eu-central-1.ssm", "com.amazonaws.eu-central-1.ssmmessages", "com.amazonaws.eu-central-1.ec2messages"])
      }]
    ])
    error_message = "The access roles may make interface endpoints of ssm, ssmmessages and ec2messages only, tagged with the relay tag."
  }

  assert {
    condition = alltrue([
      for policy in values(aws_iam_role_policy.access) : [
        for s in jsondecode(policy.policy).Statement : toset(s.Resource)
        if contains(flatten([s.Action]), "ec2:CreateVpcEndpoint") && !can(s.Condition)
        ] == [toset([
          "arn:aws:ec2:eu-central-1:123456789012:vpc/vpc-1",
          "arn:aws:ec2:eu-central-1:123456789012:security-group/sg-relay-endpoints",
          "arn:aws:ec2:eu-central-1:123456789012:subnet/subnet-lambda-a",
          "arn:aws:ec2:eu-central-1:123456789012:subnet/subnet-lambda-b",
      ])]
    ])
    error_message = "Session endpoints may be made in the environment's VPC and private subnets, with the endpoints' group only."
  }
}
