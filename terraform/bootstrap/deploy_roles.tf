# Deploy roles: one per GitHub environment of the account

resource "aws_iam_role" "deploy" {
  for_each = local.deploy_roles

  name        = each.value.name
  description = "Applies ${each.value.environment} from GitHub environment ${each.key} of ${var.repository}"
  # a destroy waits 20 to 40 minutes for Lambda's network interfaces; allow jobs a 2-hour session
  max_session_duration = 7200

  assume_role_policy = local.trust_policies["deploy-${each.key}"]
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each = local.deploy_roles

  role       = aws_iam_role.deploy[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_role_policy" "deploy" {
  for_each = local.deploy_roles

  name = "${each.value.name}-permissions"
  role = aws_iam_role.deploy[each.key].name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          # PowerUserAccess leaves out IAM; the environments create their Lambda role and its inline policy.
          Sid    = "ManageEnvironmentRoles"
          Effect = "Allow"
          Action = [
            "iam:CreateRole",
            "iam:DeleteRole",
            "iam:GetRole",
            "iam:UpdateRole",
            "iam:UpdateRoleDescription",
            "iam:UpdateAssumeRolePolicy",
            "iam:TagRole",
            "iam:UntagRole",
            "iam:ListRoleTags",
            "iam:ListRolePolicies",
            "iam:GetRolePolicy",
            "iam:PutRolePolicy",
            "iam:DeleteRolePolicy",
            "iam:ListAttachedRolePolicies",
            "iam:ListInstanceProfilesForRole",
            "iam:PassRole",
          ]
          Resource = "${local.iam_arn}:role/${each.value.iam_names}"
        },
        {
          Sid    = "ManageEnvironmentPolicies"
          Effect = "Allow"
          Action = [
            "iam:CreatePolicy",
            "iam:DeletePolicy",
            "iam:GetPolicy",
            "iam:GetPolicyVersion",
            "iam:ListPolicyVersions",
            "iam:CreatePolicyVersion",
            "iam:DeletePolicyVersion",
            "iam:TagPolicy",
            "iam:UntagPolicy",
            "iam:ListPolicyTags",
          ]
          Resource = "${local.iam_arn}:policy/${each.value.iam_names}"
        },
        {
          # only the environment's own managed policies, never AdministratorAccess or the like
          Sid       = "AttachEnvironmentPolicies"
          Effect    = "Allow"
          Action    = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
          Resource  = "${local.iam_arn}:role/${each.value.iam_names}"
          Condition = { ArnLike = { "iam:PolicyARN" = "${local.iam_arn}:policy/${each.value.iam_names}" } }
        },
        {
          # the database relay's instance profile (modules/database-access)
          Sid    = "ManageEnvironmentInstanceProfiles"
          Effect = "Allow"
          Action = [
            "iam:CreateInstanceProfile",
            "iam:DeleteInstanceProfile",
            "iam:GetInstanceProfile",
            "iam:AddRoleToInstanceProfile",
            "iam:RemoveRoleFromInstanceProfile",
            "iam:TagInstanceProfile",
            "iam:UntagInstanceProfile",
            "iam:ListInstanceProfileTags",
          ]
          Resource = "${local.iam_arn}:instance-profile/${each.value.iam_names}"
        },
        {
          # the one AWS managed policy an environment attaches: Systems Manager's agent, to the relay's role only
          Sid       = "AttachTheRelayAgentPolicy"
          Effect    = "Allow"
          Action    = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
          Resource  = "${local.iam_arn}:role/${each.value.iam_names}db-relay"
          Condition = { ArnEquals = { "iam:PolicyARN" = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" } }
        },
        {
          # RDS, Lambda in a VPC and others create their service-linked role on first use in an account.
          Sid      = "CreateServiceLinkedRoles"
          Effect   = "Allow"
          Action   = "iam:CreateServiceLinkedRole"
          Resource = "${local.iam_arn}:role/aws-service-role/*"
        },
        {
          # The shared account holds other environments too: whatever carries another deployment's tag (every
          # resource of an environment carries Deployment = its name prefix) is out of reach, tags included. So of the
          # database path's roles, which trust the account, PowerUserAccess lets CI assume (sts:AssumeRole, with
          # sts:SetSourceIdentity) only its own environment's <prefix>-db-reader and -db-writer.
          Sid      = "OnlyOwnDeployments"
          Effect   = "Deny"
          Action   = "*"
          Resource = "*"
          Condition = {
            Null          = { "aws:ResourceTag/Deployment" = "false" }
            StringNotLike = { "aws:ResourceTag/Deployment" = [each.value.deployments, "bootstrap"] }
          }
        },
      ],
      local.state_statements["deploy-${each.key}"],
    )
  })
}
