using System.Collections.Concurrent;
using Orders.Local.Tokens;
using Orders.Scenarios;

namespace OrdersClient;

/// <summary>
/// The callers of a run, signed in as the tests sign theirs in (<see cref="TokenIssuer"/>) with the key the scripts
/// give the Api and pass in ORDERS_TOKEN_SIGNING_KEY. A caller's token is kept, as a real client keeps one (so the Api's
/// memory of validated tokens serves it), and minted anew every hour, so that a run of any length sends valid ones.
/// </summary>
internal sealed class Callers(TokenIssuer issuer)
{
    static readonly TimeSpan RenewedAfter = TimeSpan.FromHours(1);

    readonly ConcurrentDictionary<(string Id, bool Staff), (Caller Caller, DateTimeOffset MintedAt)> _kept = new();

    public TokenIssuer Issuer => issuer;

    /// <summary>The callers of the key in ORDERS_TOKEN_SIGNING_KEY.</summary>
    public static Callers FromEnvironment()
    {
        const string Variable = LocalIssuer.SigningKeyVariable;
        try
        {
            return LocalIssuer.FromEnvironment() is { } local
                ? new Callers(new TokenIssuer(local))
                : throw new UsageException($"Set {Variable} to the signing key the Api trusts (base64), as bench/soak.sh and bench/fuzz.sh do.");
        }
        catch (FormatException exception)
        {
            throw new UsageException($"{Variable}: {exception.Message}");
        }
    }

    /// <summary>The customer <paramref name="id"/>, or the member of staff of that name.</summary>
    public Caller Of(string id, bool staff = false)
    {
        var now = DateTimeOffset.UtcNow;
        if (_kept.TryGetValue((id, staff), out var kept) && now - kept.MintedAt < RenewedAfter)
            return kept.Caller;

        var caller = staff ? Caller.Member(id, issuer.Mint(id, staff: true)) : Caller.Customer(id, issuer);
        _kept[(id, staff)] = (caller, now);
        return caller;
    }
}
