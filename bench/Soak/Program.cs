using OrdersClient;
using Soak;

SoakSettings settings;
Callers callers;
ApiUnderTest? api;
try
{
    var arguments = new Arguments(args);
    settings = SoakSettings.From(arguments);
    callers = Callers.FromEnvironment();
    api = ApiUnderTest.From(arguments);
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"Soak: {exception.Message}");
    Console.Error.WriteLine(SoakSettings.Usage);
    return 2;
}

using var client = Exchange.NewClient(settings.Url, settings.Concurrency, latin1Headers: false);
return await new SoakRun(settings, client, callers, api).RunAsync();
