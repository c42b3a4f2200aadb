using Orders.LambdaStandIn;

const string Usage = """
    Lambda and API Gateway's HTTP API on loopback, in front of a function's executable, which gets this process's
    environment and the variables Lambda sets:
      LambdaStandIn serve <executable> --routes FILE [--port N] [--telemetry]
          serves the routes FILE declares (a Terraform file) until stopped, then prints the function's durations
      LambdaStandIn measure <executable> --routes FILE [--path /health] [--invocations N] [--telemetry] [--customer SUB]
          a cold start, then GET path N times (default 200), and prints the function's Init and durations; with
          ORDERS_TOKEN_SIGNING_KEY set, as a customer with a token signed with that key (a new one, or SUB)
      LambdaStandIn invoke <executable> [--event JSON]
          one invocation with the event (default {}); prints the answer, and fails when the function fails
    --telemetry: an OTLP collector on loopback takes the function's telemetry, as a collector layer would.
    """;

try
{
    var command = StandInCommand.Parse(args);
    using var stop = new CancellationTokenSource();
    using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
    {
        signal.Cancel = true;
        stop.Cancel();
    });
    Console.CancelKeyPress += (_, press) =>
    {
        press.Cancel = true;
        stop.Cancel();
    };
    return await command.RunAsync(stop.Token);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"LambdaStandIn: {e.Message}\n{Usage}");
    return 2;
}
