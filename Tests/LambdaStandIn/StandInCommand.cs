using System.Globalization;
using Orders.Local.Tokens;
using Orders.Loopback;
using Orders.Loopback.HttpApi;

namespace Orders.LambdaStandIn;

/// <summary>One run of the stand-in: what to do with which function, as the command line says.</summary>
sealed record StandInCommand(
    string Verb, string Executable, string? RoutesFile, int Port, bool Telemetry, string MeasuredPath, int Invocations, string Event, string? Customer)
{
    // Lambda ends an Init that takes longer (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)
    static readonly TimeSpan InitBudget = TimeSpan.FromSeconds(10);
    static readonly TimeSpan InvocationBudget = TimeSpan.FromMinutes(1);

    public static StandInCommand Parse(string[] args)
    {
        if (args is not [("serve" or "measure" or "invoke") and var verb, var executable, .. var options] || executable.StartsWith('-'))
            throw new ArgumentException("say serve, measure or invoke, then the function's executable.");
        var command = new StandInCommand(verb, Path.GetFullPath(executable), null, 0, false, "/health", 200, "{}", null);
        for (var i = 0; i < options.Length; i++)
        {
            string Value() => i + 1 < options.Length ? options[++i] : throw new ArgumentException($"{options[i]} needs a value.");
            command = options[i] switch
            {
                "--routes" => command with { RoutesFile = Value() },
                "--port" => command with { Port = Number(options[i], Value()) },
                "--telemetry" => command with { Telemetry = true },
                "--path" => command with { MeasuredPath = Value() },
                "--invocations" => command with { Invocations = Number(options[i], Value()) },
                "--event" => command with { Event = Value() },
                "--customer" => command with { Customer = Value() },
                var unknown => throw new ArgumentException($"unknown option {unknown}."),
            };
        }

        if (!File.Exists(command.Executable))
            throw new ArgumentException($"there is no executable at {command.Executable}.");
        if (verb != "invoke" && command.RoutesFile is null)
            throw new ArgumentException($"{verb} needs --routes, the Terraform file that declares the API's routes.");
        return command;
    }

    static int Number(string option, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ArgumentException($"{option} takes a whole number, not '{value}'.");

    public async Task<int> RunAsync(CancellationToken stop)
    {
        await using var collector = Telemetry ? await OtlpReceiver.StartAsync() : null;
        var environment = collector is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" };
        await using var function = await LambdaFunction.StartAsync(Executable, environment, InitBudget, stop);
        Console.WriteLine($"Lambda init: {Milliseconds(function.InitDuration)} (from the process's start to its first request for an event)");

        var exitCode = Verb switch
        {
            "invoke" => await InvokeAsync(function, stop),
            "serve" => await ServeAsync(function, stop),
            _ => await MeasureAsync(function, stop),
        };
        if (Verb != "invoke")
            Console.WriteLine(Report(function.Durations));
        if (collector is not null)
        {
            var names = collector.Spans.GroupBy(span => span.Name).OrderByDescending(spans => spans.Count()).Select(spans => $"{spans.Count()} {spans.Key}");
            Console.WriteLine($"Telemetry: {collector.Spans.Count} spans ({string.Join(", ", names)}) and {collector.Logs.Count} log records received over OTLP");
        }
        return exitCode;
    }

    async Task<int> InvokeAsync(LambdaFunction function, CancellationToken stop)
    {
        var invocation = await function.InvokeAsync(Event, InvocationBudget, stop);
        Console.WriteLine($"Lambda invocation: {invocation.Outcome} in {Milliseconds(invocation.Duration)}: {invocation.Body}");
        return invocation.Outcome == "response" ? 0 : 1;
    }

    async Task<int> ServeAsync(LambdaFunction function, CancellationToken stop)
    {
        var routes = HttpApiRoutes.FromTerraform(RoutesFile!);
        await using var gateway = await HttpApiGateway.StartAsync(routes, function.InvokeAsync, Port);
        Console.WriteLine($"HTTP API: {gateway.Address} (routes {string.Join(", ", routes.Keys)})");
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    async Task<int> MeasureAsync(LambdaFunction function, CancellationToken stop)
    {
        await using var gateway = await HttpApiGateway.StartAsync(HttpApiRoutes.FromTerraform(RoutesFile!), function.InvokeAsync, Port);
        using var client = new HttpClient { BaseAddress = gateway.Address };
        // a customer of the local issuer whose key is in ORDERS_TOKEN_SIGNING_KEY: a new one, or the one named
        if (LocalIssuer.FromEnvironment() is { } issuer)
            client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Mint(Customer ?? $"customer-{Guid.NewGuid():N}"));
        for (var i = 0; i < Invocations; i++)
        {
            using var response = await client.GetAsync(MeasuredPath.TrimStart('/'), stop);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"GET {MeasuredPath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(stop)}");
                return 1;
            }
        }

        return 0;
    }

    /// <summary>The first invocation (the cold one) apart from the later ones, whose middle and tail matter.</summary>
    static string Report(IReadOnlyList<TimeSpan> durations)
    {
        if (durations.Count == 0)
            return "Lambda invocations: none";
        var later = durations.Skip(1).Order().ToList();
        var warm = later.Count == 0
            ? "no later one"
            : $"later p50 {Milliseconds(Percentile(later, 0.50))}, p90 {Milliseconds(Percentile(later, 0.90))}, p99 {Milliseconds(Percentile(later, 0.99))}, max {Milliseconds(later[^1])}";
        return $"Lambda invocations: {durations.Count}; first {Milliseconds(durations[0])}; {warm}";
    }

    static TimeSpan Percentile(List<TimeSpan> sorted, double share) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];

    static string Milliseconds(TimeSpan duration) => $"{duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}
