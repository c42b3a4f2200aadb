namespace Orders.Local.Tokens;

/// <summary>
/// `token`: the local issuer for a script, which keeps the key in ORDERS_TOKEN_SIGNING_KEY (base64). It makes the key,
/// the environment that makes an Api trust it, and the tokens a script's requests carry.
/// </summary>
public static class TokenCommand
{
    public static readonly string Usage =
        $"""
        token --new-key | token --api-settings | token <subject> [--staff]
              --new-key        prints a new signing key, {LocalIssuer.KeyBytes} random bytes in base64, for {LocalIssuer.SigningKeyVariable}
              --api-settings   prints NAME=value lines, the environment that makes the Api trust the key in {LocalIssuer.SigningKeyVariable}
              <subject>        prints an access token of that customer (with --staff, of that member of staff), signed with
                               the key in {LocalIssuer.SigningKeyVariable}, valid for {LocalIssuer.Lifetime.TotalHours} hours
        """;

    public static Task<int> RunAsync(string[] arguments) => arguments switch
    {
        ["--new-key"] => PrintAsync([LocalIssuer.WithNewKey().SigningKeyBase64]),
        ["--api-settings"] => WithKeyAsync(issuer => PrintAsync(issuer.ApiEnvironment.Select(setting => $"{setting.Key}={setting.Value}"))),
        [var subject, .. var rest] when subject.Length > 0 && !subject.StartsWith('-') && rest is [] or ["--staff"] =>
            WithKeyAsync(issuer => PrintAsync([issuer.Mint(subject, staff: rest is ["--staff"])])),
        [] => UsageAsync("No arguments."),
        _ => UsageAsync($"Unknown arguments '{string.Join(' ', arguments)}'."),
    };

    static Task<int> WithKeyAsync(Func<LocalIssuer, Task<int>> run)
    {
        LocalIssuer? issuer;
        try
        {
            issuer = LocalIssuer.FromEnvironment();
        }
        catch (FormatException exception)
        {
            return UsageAsync($"{LocalIssuer.SigningKeyVariable}: {exception.Message}");
        }

        return issuer is null
            ? UsageAsync($"Set {LocalIssuer.SigningKeyVariable} to the signing key (`token --new-key` makes one).")
            : run(issuer);
    }

    static async Task<int> PrintAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            await Console.Out.WriteLineAsync(line);
        return 0;
    }

    static async Task<int> UsageAsync(string problem)
    {
        await Console.Error.WriteLineAsync($"{problem}\nUsage: Orders.Local {Usage}");
        return 2;
    }
}
