using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Api.Security;

/// <summary>
/// The token handler of the Api's bearer scheme: a caller sends the same access token with every request for as long as
/// it lives (an hour by default, from Cognito), so a token validated once (signature, issuer, audience, lifetime) is remembered,
/// keyed by the whole token, until it expires; until then its next requests skip the validation. Only valid tokens are
/// kept; a refused one is validated again each time it is sent. At most <see cref="Capacity"/> tokens are kept (the
/// cache makes room by dropping some when it is full). Each request gets its own copy of the caller's identity.
/// What this trades: a signing key the issuer withdraws is refused for every token not yet seen at once, but a token
/// already validated with it is still accepted until it expires.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock) : JsonWebTokenHandler, IDisposable
{
    public const int Capacity = 4096;

    readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out Validated? known) && clock.GetUtcNow() < known!.Expires)
            return known.ForThisRequest();

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken { ValidTo: var validTo } || validTo == DateTime.MinValue)
            return result;

        var expires = new DateTimeOffset(validTo, TimeSpan.Zero);
        var validated = new Validated(result, expires);
        _validated.Set(token, validated, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
        return validated.ForThisRequest();
    }

    public void Dispose() => _validated.Dispose();

    sealed record Validated(TokenValidationResult Result, DateTimeOffset Expires)
    {
        // the identity is the request's to change (claims added by the pipeline stay with it)
        public TokenValidationResult ForThisRequest() => new()
        {
            IsValid = true,
            ClaimsIdentity = (ClaimsIdentity)Result.ClaimsIdentity.Clone(),
            SecurityToken = Result.SecurityToken,
            Issuer = Result.Issuer,
            TokenType = Result.TokenType,
        };
    }
}
