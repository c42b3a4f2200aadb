# The inputs every test file of this module plans with (terraform test reads this file for all of them); a run
# that needs another value sets it in its own variables block.
name              = "development"
app_environment   = "Development"
package           = { s3_bucket = "artifacts", s3_key = "api/api.zip" }
subnet_ids        = ["subnet-a", "subnet-b"]
security_group_id = "sg-lambda"
# the published arm64 layer in eu-central-1; the Api cannot read its database password without it
secrets_extension_layer_arn = "arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12"
database = {
  host       = "db.cluster.example"
  port       = 5432
  name       = "appdb"
  username   = "app_admin"
  secret_arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-db-AbCdEf"
}
jwt_issuer    = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123"
jwt_audiences = ["webclient0000000000000000a", "scenariosclient0000000000b"]
