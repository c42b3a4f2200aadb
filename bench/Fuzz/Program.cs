using Fuzz;
using OrdersClient;

FuzzSettings settings;
AccessTokens tokens;
try
{
    settings = FuzzSettings.From(new Arguments(args));
    tokens = AccessTokens.FromEnvironment();
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"Fuzz: {exception.Message}");
    Console.Error.WriteLine(FuzzSettings.Usage);
    return 2;
}

using var client = Exchange.NewClient(settings.Url, settings.Concurrency, latin1Headers: true);
return await new FuzzRun(settings, client, tokens).RunAsync();
