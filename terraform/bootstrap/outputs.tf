output "state_bucket_name" {
  description = "S3 bucket holding the Terraform state of the account's environments and of this folder."
  value       = aws_s3_bucket.state.bucket
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC identity provider for GitHub Actions."
  value       = aws_iam_openid_connect_provider.github.arn
}

output "deploy_role_arns" {
  description = "ARN of each deploy role, by GitHub environment; each goes into that environment's variable AWS_DEPLOY_ROLE_ARN."
  value       = { for github_environment, role in aws_iam_role.deploy : github_environment => role.arn }
}

output "plan_role_arns" {
  description = "ARN of each read-only plan role, by Terraform environment; each goes into the repository variable AWS_PLAN_ROLE_ARN_<ENVIRONMENT>."
  value       = { for environment, role in aws_iam_role.plan : environment => role.arn }
}

output "scenarios_role_arns" {
  description = "ARN of each daily scenarios role, by Terraform environment; each goes into the repository variable AWS_SCENARIOS_ROLE_ARN_<ENVIRONMENT>."
  value       = { for environment, role in aws_iam_role.scenarios : environment => role.arn }
}

output "github_variables" {
  description = "The GitHub variables to set from this account: environment variables by GitHub environment, and repository variables."
  value = {
    environments = {
      for github_environment, role in aws_iam_role.deploy : github_environment => {
        AWS_DEPLOY_ROLE_ARN = role.arn
        AWS_ACCOUNT_ID      = var.account_id
      }
    }
    # plan jobs declare no GitHub environment, so their role and account come from repository variables
    repository = merge(
      { for environment, role in aws_iam_role.plan : "AWS_PLAN_ROLE_ARN_${upper(environment)}" => role.arn },
      { for environment, role in aws_iam_role.scenarios : "AWS_SCENARIOS_ROLE_ARN_${upper(environment)}" => role.arn },
      { for environment in keys(aws_iam_role.plan) : "AWS_ACCOUNT_ID_${upper(environment)}" => var.account_id },
    )
  }
}
