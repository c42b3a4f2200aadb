using OrdersClient;
using Soak;

SoakSettings settings;
Callers callers;
try
{
    settings = SoakSettings.From(new Arguments(args));
    callers = Callers.FromEnvironment();
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"Soak: {exception.Message}");
    Console.Error.WriteLine(SoakSettings.Usage);
    return 2;
}

using var client = Exchange.NewClient(settings.Url, settings.Concurrency, latin1Headers: false);
return await new SoakRun(settings, client, callers).RunAsync();
