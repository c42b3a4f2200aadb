using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Api.Security;

/// <summary>
/// Every request but the health probes carries a JWT access token, validated here even when API Gateway validated it
/// before, so the Api is never open however it runs. Its issuer, audiences and keys are configuration under
/// Authentication:Schemes:Bearer, as ASP.NET Core reads it: in AWS the Cognito user pool as Authority (its keys come
/// from its metadata) and the app clients as ValidAudiences; locally ValidIssuer, ValidAudiences and SigningKeys from
/// the AppHost. Without an issuer and an audience the Api does not start.
/// </summary>
public static class CallerAuthentication
{
    public const string StaffPolicy = "staff";
    public const string Section = "Authentication:Schemes:Bearer";

    // Cognito names the app client of an access token in client_id and gives it no aud; token_use tells access from ID tokens
    const string ClientIdClaim = "client_id";
    const string TokenUseClaim = "token_use";

    public static IHostApplicationBuilder AddCallerAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // the claims as the token names them: sub, cognito:groups
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents { OnTokenValidated = RefuseOtherThanCallersAccessTokens };
            });
        // authentication brings data protection, whose hosted service reads (or, with nowhere to keep them, such as in
        // Lambda, makes) its keys as the host starts; the Api protects no data: it validates tokens and sets no cookies
        if (builder.Services.FirstOrDefault(service => service.ServiceType == typeof(IHostedService)
                && service.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService") is { } keyRingLoader)
            builder.Services.Remove(keyRingLoader);
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ValidatedTokens>((options, validatedTokens) =>
            {
                validatedTokens.MapInboundClaims = options.MapInboundClaims;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(validatedTokens);
            })
            .PostConfigure(Harden)
            .Validate(
                options => options.TokenValidationParameters.ValidIssuers?.Any() == true
                    && options.TokenValidationParameters.ValidAudiences?.Any() == true
                    && (!string.IsNullOrEmpty(options.Authority) || options.TokenValidationParameters.IssuerSigningKeys?.Any() == true),
                $"The Api validates every caller's access token and needs to know whose: set {Section}:Authority (the token " +
                $"issuer, such as the Cognito user pool's URL) or {Section}:ValidIssuer with {Section}:SigningKeys, and at least one " +
                $"{Section}:ValidAudiences entry (the app client id). `dotnet run --project AppHost` sets them for local development.")
            .ValidateOnStart();

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.GroupsClaim, Caller.StaffGroup));
        return builder;
    }

    /// <summary>What configuration may add to but never relax: issuer, audience, lifetime and signature are all checked.</summary>
    static void Harden(JwtBearerOptions options)
    {
        var parameters = options.TokenValidationParameters;
        // an empty setting (such as an unset variable) names nothing
        var issuers = (parameters.ValidIssuers ?? []).Append(parameters.ValidIssuer).Where(issuer => !string.IsNullOrWhiteSpace(issuer)).OfType<string>().ToList();
        // an authority is the issuer of its tokens (Cognito's user pool URL); its metadata supplies the keys
        if (issuers.Count == 0 && !string.IsNullOrEmpty(options.Authority))
            issuers.Add(options.Authority.TrimEnd('/'));
        parameters.ValidIssuers = issuers;
        parameters.ValidAudiences = [.. (parameters.ValidAudiences ?? []).Append(parameters.ValidAudience).Where(audience => !string.IsNullOrWhiteSpace(audience)).OfType<string>()];
        // read once: ASP.NET Core gives the keys of Authentication:Schemes:Bearer:SigningKeys as a query that reads the
        // configuration again and makes new key objects each time it is enumerated, which is on every request, and each
        // new key hashed itself (SHA-256) to find its signature provider
        parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? []];
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.AudienceValidator = AudienceOrClientIdAllowed;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.ClockSkew = TimeSpan.FromMinutes(1);
    }

    static bool AudienceOrClientIdAllowed(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters)
    {
        var presented = audiences.ToList();
        if (presented.Count == 0 && token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(ClientIdClaim, out var clientId))
            presented.Add(clientId);
        return presented.Intersect(parameters.ValidAudiences).Any();
    }

    /// <summary>An access token names its caller: an ID token, or a token without a subject, is refused.</summary>
    static Task RefuseOtherThanCallersAccessTokens(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst(TokenUseClaim) is { Value: not "access" })
            context.Fail("Only access tokens are accepted, not ID tokens.");
        else if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(Caller.SubjectClaim)?.Value))
            context.Fail("The token names no subject (sub).");
        return Task.CompletedTask;
    }
}
