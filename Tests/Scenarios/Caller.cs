using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Orders.Scenarios;

/// <summary>Someone who calls the API with an access token: a customer, whose id is the token's subject, or staff.</summary>
public sealed record Caller(string Id, string Token, bool IsStaff)
{
    public static Caller Customer(string id, TokenIssuer issuer) => new(id, issuer.Mint(id), IsStaff: false);

    public static Caller Member(string id, string token) => new(id, token, IsStaff: true);

    /// <summary>A customer whose token came from elsewhere (an identity provider): their id is its subject.</summary>
    public static Caller CustomerWithToken(string token) => new(new JsonWebToken(token).Subject, token, IsStaff: false);

    public AuthenticationHeaderValue Authorization => new("Bearer", Token);

    public override string ToString() => IsStaff ? $"staff {Id}" : $"customer {Id}";
}
