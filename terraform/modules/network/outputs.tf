output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "cidr_block" {
  description = "IPv4 range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "The two availability zones the subnets are spread over."
  value       = local.zones
}

output "lambda_subnet_ids" {
  description = "Private subnets for the API Lambda, one per availability zone."
  value       = aws_subnet.lambda[*].id
}

output "database_subnet_ids" {
  description = "Private subnets for the database, one per availability zone."
  value       = aws_subnet.database[*].id
}

output "lambda_security_group_id" {
  description = "Security group of the API Lambda; the database admits only this group."
  value       = aws_security_group.lambda.id
}

output "interface_endpoint_services" {
  description = "Short names of the AWS services the Lambda subnets reach through interface endpoints."
  value       = sort(keys(aws_vpc_endpoint.interface))
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    vpc                      = aws_vpc.this.tags["Name"]
    lambda_security_group    = aws_security_group.lambda.name
    endpoints_security_group = aws_security_group.endpoints.name
    lambda_route_table       = aws_route_table.lambda.tags["Name"]
    database_route_table     = aws_route_table.database.tags["Name"]
    default_security_group   = aws_default_security_group.this.tags["Name"]
  }
}
