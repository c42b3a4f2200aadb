# The state bucket is private, versioned, encrypted and TLS-only, and every role reaches only its own
# environment's state keys, also against the broad managed policies.

mock_provider "aws" {
  source = "../mocks"
}

override_resource {
  target          = aws_iam_openid_connect_provider.github
  override_during = plan
  values = {
    arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
  }
}

variables {
  account_id          = "111122223333"
  repository          = "example-org/orders"
  github_environments = ["development", "preproduction", "preview"]
}

run "state_bucket_is_versioned_encrypted_and_private" {
  command = plan

  assert {
    condition     = aws_s3_bucket.state.bucket == "orders-terraform-state" && output.state_bucket_name == "orders-terraform-state"
    error_message = "The shared account's state bucket must be orders-terraform-state, the name in development's and preproduction's backend."
  }

  assert {
    condition     = aws_s3_bucket_versioning.state.versioning_configuration[0].status == "Enabled"
    error_message = "Versioning must be on, so an overwritten state can be restored."
  }

  assert {
    condition     = [for rule in aws_s3_bucket_server_side_encryption_configuration.state.rule : rule.apply_server_side_encryption_by_default[0].sse_algorithm] == ["AES256"]
    error_message = "The bucket must encrypt every object by default."
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.state.block_public_acls &&
      aws_s3_bucket_public_access_block.state.ignore_public_acls &&
      aws_s3_bucket_public_access_block.state.block_public_policy &&
      aws_s3_bucket_public_access_block.state.restrict_public_buckets
    )
    error_message = "All four public access blocks must be on."
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.state.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "The bucket owner must own every object (ACLs disabled)."
  }
}

run "bucket_policy_denies_insecure_transport_and_grants_nothing" {
  command = plan

  assert {
    condition = length([
      for s in jsondecode(aws_s3_bucket_policy.state.policy).Statement : s
      if s.Effect == "Deny" && s.Principal == "*" && lookup(s, "Action", null) == "s3:*" &&
      lookup(s, "Resource", null) == ["arn:aws:s3:::orders-terraform-state", "arn:aws:s3:::orders-terraform-state/*"] &&
      s.Condition == { Bool = { "aws:SecureTransport" = "false" } }
    ]) == 1
    error_message = "The bucket policy must deny every request to the bucket and its objects that does not use TLS."
  }

  assert {
    condition     = alltrue([for s in jsondecode(aws_s3_bucket_policy.state.policy).Statement : s.Effect == "Deny"])
    error_message = "The bucket policy must only deny; access comes from the roles' own policies."
  }
}

run "each_role_uses_only_its_own_state_keys" {
  command = plan

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.deploy : key => [
        for s in jsondecode(policy.policy).Statement : s.Resource if s.Action == ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
      ]
      } == {
      development   = ["arn:aws:s3:::orders-terraform-state/development/*"]
      preproduction = ["arn:aws:s3:::orders-terraform-state/preproduction/*"]
      preview       = ["arn:aws:s3:::orders-terraform-state/development/workspaces/pr-*"]
    }
    error_message = "Deploy roles may read and write state only under their own prefix; preview only under development/workspaces/pr-*."
  }

  assert {
    condition = {
      for key, policy in aws_iam_role_policy.plan : key => [
        for s in jsondecode(policy.policy).Statement : s.Resource if s.Action == ["s3:GetObject"]
      ]
      } == {
      development   = ["arn:aws:s3:::orders-terraform-state/development/*"]
      preproduction = ["arn:aws:s3:::orders-terraform-state/preproduction/*"]
    }
    error_message = "Plan roles may read state only under their environment's prefix."
  }

  assert {
    condition     = alltrue([for policy in values(aws_iam_role_policy.plan) : !strcontains(policy.policy, "s3:PutObject") && !strcontains(policy.policy, "s3:DeleteObject")])
    error_message = "Plan roles must not write or delete state."
  }
}

# PowerUserAccess and ReadOnlyAccess allow S3 everywhere, so only the bucket policy's denies hold the prefixes.
run "bucket_policy_keeps_each_role_to_its_prefix" {
  command = plan

  assert {
    condition = {
      for name in ["orders-development-deploy", "orders-preproduction-deploy", "orders-preview-deploy", "orders-development-plan", "orders-preproduction-plan"] : name => [
        for s in jsondecode(aws_s3_bucket_policy.state.policy).Statement : s.NotResource
        if lookup(s, "NotResource", null) != null && s.Condition == { ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/${name}" } }
      ]
      } == {
      orders-development-deploy   = ["arn:aws:s3:::orders-terraform-state/development/*"]
      orders-preproduction-deploy = ["arn:aws:s3:::orders-terraform-state/preproduction/*"]
      orders-preview-deploy       = ["arn:aws:s3:::orders-terraform-state/development/workspaces/pr-*"]
      orders-development-plan     = ["arn:aws:s3:::orders-terraform-state/development/*"]
      orders-preproduction-plan   = ["arn:aws:s3:::orders-terraform-state/preproduction/*"]
    }
    error_message = "The bucket policy must deny each role the state objects outside its own prefix."
  }

  assert {
    condition = {
      for name in ["orders-preview-deploy", "orders-development-plan"] : name => [
        for s in jsondecode(aws_s3_bucket_policy.state.policy).Statement : s.NotAction
        if lookup(s, "NotAction", null) != null && s.Condition == { ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/${name}" } }
      ]
      } == {
      orders-preview-deploy   = [["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]]
      orders-development-plan = [["s3:ListBucket", "s3:GetObject"]]
    }
    error_message = "The bucket policy must deny each role every action on the bucket but listing it and its own object actions (no policy or version changes)."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_s3_bucket_policy.state.policy).Statement :
      lookup(s, "Action", null) == ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] || lookup(s, "Action", null) == ["s3:GetObject"]
      if lookup(s, "NotResource", null) != null
    ])
    error_message = "The prefix denies must cover every object action the role is given."
  }
}

run "production_account_state_stays_under_production" {
  command = plan

  variables {
    github_environments = ["production"]
    state_bucket_name   = "orders-terraform-state-production"
  }

  assert {
    condition     = aws_s3_bucket.state.bucket == "orders-terraform-state-production"
    error_message = "The production account's bucket must be the one production's backend names."
  }

  assert {
    condition = [
      for s in jsondecode(aws_s3_bucket_policy.state.policy).Statement : s.NotResource if lookup(s, "NotResource", null) != null
    ] == ["arn:aws:s3:::orders-terraform-state-production/production/*", "arn:aws:s3:::orders-terraform-state-production/production/*"]
    error_message = "Production's deploy and plan roles must be kept to production/* in the production bucket."
  }

  # terraform/production's init and plan -lock=false in a pull request, with the plan role's own credentials
  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.plan["production"].policy).Statement : { action = s.Action, resource = s.Resource } if s.Effect == "Allow" && !contains(flatten([s.Action]), "secretsmanager:GetSecretValue")] == [
      { action = "s3:ListBucket", resource = "arn:aws:s3:::orders-terraform-state-production" },
      { action = ["s3:GetObject"], resource = "arn:aws:s3:::orders-terraform-state-production/production/*" },
    ]
    error_message = "Production's plan role must list the production bucket and read production/* itself, assuming no other role to reach them."
  }
}
