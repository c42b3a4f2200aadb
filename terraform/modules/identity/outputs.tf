output "user_pool_id" {
  description = "ID of the user pool."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "issuer" {
  description = "Issuer of the pool's tokens (https://cognito-idp.REGION.amazonaws.com/POOL_ID), the JWT authority of the API."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "web_client_id" {
  description = "ID of the front end's app client (public, authorization code flow with PKCE)."
  value       = aws_cognito_user_pool_client.web.id
}

output "scenarios_client_id" {
  description = "ID of the app client the pipeline's integration tests sign in with (AdminInitiateAuth)."
  value       = aws_cognito_user_pool_client.scenarios.id
}

output "sign_in_domain" {
  description = "Base URL of the hosted UI and the OAuth endpoints (https://PREFIX.auth.REGION.amazoncognito.com)."
  value       = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${local.region}.amazoncognito.com"
}

output "sign_in_origin" {
  description = "The same URL as sign_in_domain, made from the names only and so known before anything here exists: what the front end's Content-Security-Policy allows the page to fetch tokens from."
  value       = local.sign_in_origin
}

output "web_client" {
  description = "How the web client is set up, as the client carries it: OAuth flows and scopes, callback and sign-out URLs, whether it has a secret."
  value = {
    allowed_oauth_flows = sort(aws_cognito_user_pool_client.web.allowed_oauth_flows)
    scopes              = sort(aws_cognito_user_pool_client.web.allowed_oauth_scopes)
    callback_urls       = sort(aws_cognito_user_pool_client.web.callback_urls)
    logout_urls         = sort(aws_cognito_user_pool_client.web.logout_urls)
    generate_secret     = aws_cognito_user_pool_client.web.generate_secret
  }
}

output "groups" {
  description = "Groups of the user pool."
  value       = [aws_cognito_user_group.staff.name]
}

output "deletion_protection" {
  description = "Whether the user pool refuses deletion."
  value       = aws_cognito_user_pool.this.deletion_protection == "ACTIVE"
}

output "names" {
  description = "Names of the named resources in this module."
  value = {
    user_pool        = aws_cognito_user_pool.this.name
    user_pool_domain = aws_cognito_user_pool_domain.this.domain
    web_client       = aws_cognito_user_pool_client.web.name
    scenarios_client = aws_cognito_user_pool_client.scenarios.name
  }
}
