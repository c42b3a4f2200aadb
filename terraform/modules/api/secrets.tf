# The Api's database password: the secret only. Its value is made by the deploy (deploy.sh) the first time, never by
# Terraform, so no plan, and no role that plans, ever reads it. The origin value is Terraform's: CloudFront needs it.
# Both secrets are deleted without a recovery window: a removed workspace's names are free at once, and the values
# are made again (the migration re-applies the password).

resource "aws_secretsmanager_secret" "database_api" {
  name                    = local.database_api_secret_name
  description             = "Password of the database role the ${local.function_name} Lambda logs in as (its own, which the Api names); the migration function sets it"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 0

  tags = var.tags
}

resource "aws_secretsmanager_secret" "origin_verify" {
  name                    = local.origin_verify_secret_name
  description             = "Value CloudFront sends in X-Origin-Verify to ${local.http_api_name}; the Api refuses requests without it"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 0

  tags = var.tags
}

# Only the first value, through a write-only argument (in neither the plan nor the state; uuid() draws from a
# cryptographic source): a rotation puts new versions beside this one by hand (see the README).
resource "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id                = aws_secretsmanager_secret.origin_verify.id
  secret_string_wo         = jsonencode({ current = replace("${uuid()}${uuid()}", "-", "") })
  secret_string_wo_version = 1
}

# The value CloudFront must send now: the secret's current version, whoever wrote it. Read once the version above exists.
data "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id = aws_secretsmanager_secret.origin_verify.id

  depends_on = [aws_secretsmanager_secret_version.origin_verify]
}
