# The inputs every test file of this module plans with (terraform test reads this file for all of them); a run
# that needs another value sets it in its own variables block.
name       = "development"
vpc_id     = "vpc-1"
subnet_ids = ["subnet-lambda-a", "subnet-lambda-b"]
database = {
  cluster_arn         = "arn:aws:rds:eu-central-1:123456789012:cluster:development-db"
  cluster_resource_id = "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
  security_group_id   = "sg-db"
  port                = 5432
}
