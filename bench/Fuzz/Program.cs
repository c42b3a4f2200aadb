using Fuzz;
using OrdersClient;

FuzzSettings settings;
Callers callers;
try
{
    settings = FuzzSettings.From(new Arguments(args));
    callers = Callers.FromEnvironment();
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"Fuzz: {exception.Message}");
    Console.Error.WriteLine(FuzzSettings.Usage);
    return 2;
}

using var client = Exchange.NewClient(settings.Url, settings.Concurrency, latin1Headers: true);
return await new FuzzRun(settings, client, callers).RunAsync();
