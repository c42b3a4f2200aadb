output "reader_role_arn" {
  description = "Role that opens a session to the database and connects as orders_reader (select only)."
  value       = aws_iam_role.access["reader"].arn
}

output "writer_role_arn" {
  description = "Role that opens a session to the database and connects as orders_operator (writes the orders tables)."
  value       = aws_iam_role.access["writer"].arn
}

output "database_users" {
  description = "The database role each access role may connect as (rds-db:connect), by access role."
  value       = { for key, role in local.access_roles : key => role.database_user }
}

output "database_user_arns" {
  description = "What each access role may connect as (rds-db:connect): dbuser:CLUSTER_RESOURCE_ID/ROLE, by access role."
  value       = local.database_user_arns
}

output "relay_launch_template" {
  description = "Name of the launch template every relay is made from."
  value       = aws_launch_template.relay.name
}

output "relay_launch_template_arn" {
  description = "ARN of the relay's launch template, the only one the access roles may launch from."
  value       = aws_launch_template.relay.arn
}

output "relay_security_group_id" {
  description = "Security group of the relays: no ingress; egress to the session endpoints and the database."
  value       = aws_security_group.relay.id
}

output "endpoints_security_group_id" {
  description = "Security group the script gives a session's Systems Manager endpoints: HTTPS from the relays only."
  value       = aws_security_group.endpoints.id
}

output "subnet_id" {
  description = "Subnet the relays start in (the first of subnet_ids)."
  value       = var.subnet_ids[0]
}

output "endpoint_services" {
  description = "Services whose interface endpoints a session needs (com.amazonaws.REGION.SERVICE); the script makes and deletes them."
  value       = local.endpoint_services
}

output "relay_tag" {
  description = "The tag the script puts on every relay and endpoint it makes, and the only ones the access roles may end."
  value       = { key = local.relay_tag_key, value = var.name }
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    database_relay                  = aws_launch_template.relay.name
    database_relay_role             = aws_iam_role.relay.name
    database_relay_instance_profile = aws_iam_instance_profile.relay.name
    database_relay_security_group   = aws_security_group.relay.name
    database_relay_endpoints_group  = aws_security_group.endpoints.name
    database_reader_role            = aws_iam_role.access["reader"].name
    database_writer_role            = aws_iam_role.access["writer"].name
  }
}
