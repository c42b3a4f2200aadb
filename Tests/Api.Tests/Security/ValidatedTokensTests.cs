using System.Security.Claims;
using Api.Security;
using Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Orders.Local.Tokens;
using Orders.Scenarios;

namespace Api.Tests.Security;

/// <summary>
/// A token validated once is taken on its word until it expires, and only then: what is refused is refused every time,
/// and each request gets an identity of its own.
/// </summary>
public sealed class ValidatedTokensTests : IDisposable
{
    readonly TokenIssuer _issuer = TokenIssuer.WithNewKey();
    readonly ShiftedClock _clock = new();
    readonly ValidatedTokens _tokens;

    public ValidatedTokensTests() => _tokens = new ValidatedTokens(_clock);

    public void Dispose() => _tokens.Dispose();

    static TokenValidationParameters Trusting(byte[] key) => new()
    {
        ValidIssuer = LocalIssuer.Issuer,
        ValidAudience = LocalIssuer.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(key),
    };

    [Fact]
    public async Task A_validated_token_is_not_validated_again_until_it_expires()
    {
        var token = _issuer.Mint("customer-1", expiresIn: TimeSpan.FromHours(1));
        Assert.True((await _tokens.ValidateTokenAsync(token, Trusting(_issuer.SigningKey))).IsValid);

        // parameters that would refuse it: the token is known, so they are not asked
        var elsewhere = Trusting(TokenIssuer.WithNewKey().SigningKey);
        Assert.True((await _tokens.ValidateTokenAsync(token, elsewhere)).IsValid);

        // past its expiry it is validated again, and refused
        _clock.Shift = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);
        Assert.False((await _tokens.ValidateTokenAsync(token, elsewhere)).IsValid);
    }

    [Fact]
    public async Task A_refused_token_is_refused_every_time()
    {
        var forged = _issuer.Mint("customer-1", key: TokenIssuer.WithNewKey().SigningKey);
        var parameters = Trusting(_issuer.SigningKey);

        Assert.False((await _tokens.ValidateTokenAsync(forged, parameters)).IsValid);
        Assert.False((await _tokens.ValidateTokenAsync(forged, parameters)).IsValid);
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity()
    {
        var token = _issuer.Mint("customer-1");
        var parameters = Trusting(_issuer.SigningKey);
        var first = (await _tokens.ValidateTokenAsync(token, parameters)).ClaimsIdentity;
        first.AddClaim(new Claim("added-by-a-request", "yes"));

        var second = (await _tokens.ValidateTokenAsync(token, parameters)).ClaimsIdentity;

        Assert.NotSame(first, second);
        Assert.Equal("customer-1", second.FindFirst("sub")?.Value);
        Assert.Null(second.FindFirst("added-by-a-request"));
    }
}
