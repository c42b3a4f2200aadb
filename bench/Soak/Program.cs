using OrdersClient;
using Soak;

SoakSettings settings;
AccessTokens tokens;
try
{
    settings = SoakSettings.From(new Arguments(args));
    tokens = AccessTokens.FromEnvironment();
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"Soak: {exception.Message}");
    Console.Error.WriteLine(SoakSettings.Usage);
    return 2;
}

using var client = Exchange.NewClient(settings.Url, settings.Concurrency, latin1Headers: false);
return await new SoakRun(settings, client, tokens).RunAsync();
