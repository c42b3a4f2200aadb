locals {
  # identity side of the state access; the bucket policy's denies make the key limit hold against the managed policies
  state_statements = {
    for key, role in merge(
      { for key, role in local.deploy_roles : "deploy-${key}" => role },
      { for key, role in local.plan_roles : "plan-${key}" => role },
      ) : key => [
      {
        # key names only; the backend lists the workspaces and needs it to tell a missing state (404) from a refusal
        Sid      = "ListStateBucket"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = local.state_bucket_arn
      },
      {
        Sid      = "UseOwnState"
        Effect   = "Allow"
        Action   = role.object_actions
        Resource = "${local.state_bucket_arn}/${role.state_keys}"
      },
    ]
  }
}

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket_name

  # It holds every environment's state; removing it takes a deliberate edit here.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.bucket

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.bucket

  rule {
    # S3-managed keys: the roles need no KMS key policy to read and write state.
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.bucket

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.bucket

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.bucket

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }],
      # PowerUserAccess and ReadOnlyAccess reach every bucket; these denies keep each role to its own keys.
      flatten([
        for key, role in local.state_roles : [
          {
            Sid       = "${replace(title(replace(key, "-", " ")), " ", "")}OnlyStateActions"
            Effect    = "Deny"
            Principal = "*"
            NotAction = concat(["s3:ListBucket"], role.object_actions)
            Resource  = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
            Condition = { ArnEquals = { "aws:PrincipalArn" = role.arn } }
          },
          {
            Sid         = "${replace(title(replace(key, "-", " ")), " ", "")}OnlyOwnKeys"
            Effect      = "Deny"
            Principal   = "*"
            Action      = role.object_actions
            NotResource = "${local.state_bucket_arn}/${role.state_keys}"
            Condition   = { ArnEquals = { "aws:PrincipalArn" = role.arn } }
          },
        ]
      ]),
    )
  })

  # S3 rejects concurrent changes to one bucket's configuration.
  depends_on = [aws_s3_bucket_public_access_block.state]
}
