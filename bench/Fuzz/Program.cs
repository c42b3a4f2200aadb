using Fuzz;
using OrdersClient;

FuzzSettings settings;
Callers callers;
ApiUnderTest? api;
try
{
    var arguments = new Arguments(args);
    settings = FuzzSettings.From(arguments);
    callers = Callers.FromEnvironment();
    api = ApiUnderTest.From(arguments);
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"Fuzz: {exception.Message}");
    Console.Error.WriteLine(FuzzSettings.Usage);
    return 2;
}

using var client = Exchange.NewClient(settings.Url, settings.Concurrency, latin1Headers: true);
return await new FuzzRun(settings, client, callers, api).RunAsync();
