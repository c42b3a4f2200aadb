locals {
  # a job from the role's GitHub environment (deploy), from a pull request (plan) or from the default branch (scenarios),
  # and nothing else
  trust_policies = {
    for key, role in local.roles : key => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid       = "GitHubActions"
        Effect    = "Allow"
        Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "${local.github_oidc_host}:aud" = "sts.amazonaws.com"
            "${local.github_oidc_host}:sub" = role.subject
          }
        }
      }]
    })
  }
}

# GitHub's OIDC issuer; AWS trusts its certificate authority itself, so no thumbprint is pinned.
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${local.github_oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}
