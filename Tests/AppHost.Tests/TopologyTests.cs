using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orders.Loopback;

namespace AppHost.Tests;

/// <summary>The topology as a developer meets it: everything up and healthy, and nothing complaining.</summary>
[Collection(LocalTopology.Collection)]
public sealed class TopologyTests(LocalTopology topology)
{
    // PostgreSQL refuses connections while it starts, and says so in its log, before its health check passes
    const string StartingUp = "the database system is starting up";
    static readonly string[] PostgresErrors = ["ERROR:", "FATAL:", "PANIC:"];

    [Fact]
    public void Every_resource_runs_and_is_healthy_or_has_finished_its_work()
    {
        var notRight = new List<string>();
        foreach (var resource in topology.LivingResources)
        {
            topology.App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current);
            var snapshot = current?.Snapshot;
            var state = snapshot?.State?.Text;
            var right = state == KnownResourceStates.Running
                ? snapshot!.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                : state == KnownResourceStates.Finished && snapshot!.ExitCode == 0;
            if (!right)
                notRight.Add($"{resource.Name}: {state ?? "no state"}, health {snapshot?.HealthStatus}, exit code {snapshot?.ExitCode}");
        }

        Assert.True(notRight.Count == 0, string.Join(Environment.NewLine, notRight));
    }

    [Fact]
    public void Neither_the_AppHost_nor_any_resource_logs_an_error()
    {
        var lines = topology.Logs.GetSnapshot();
        var errors = lines.Where(line => line.Level >= LogLevel.Error)
            .Select(line => $"{line.Category}: {line.Message}")
            // the server's log is on its standard output, so its errors are found by their severity
            .Concat(lines.Where(line => IsOf(line, ResourceNames.Postgres))
                .Where(line => PostgresErrors.Any(severity => line.Message.Contains(severity, StringComparison.Ordinal)) && !line.Message.Contains(StartingUp, StringComparison.Ordinal))
                .Select(line => $"{line.Category}: {line.Message}"))
            .Concat(topology.Collector.Logs.Where(log => log.Severity >= OtlpReceiver.ErrorSeverity)
                .Select(log => $"{log.Service} {log.Category}: {log.Body}"))
            .ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        // the places looked at are the ones the lines go to
        Assert.Contains(lines, line => IsOf(line, ResourceNames.Postgres));
        Assert.Contains(lines, line => IsOf(line, ResourceNames.Api));
        Assert.Contains(topology.Collector.Logs, log => log.Service == ResourceNames.Migrations);
    }

    // the testing host logs each resource's console under the category <application>.Resources.<resource>
    static bool IsOf(FakeLogRecord line, string resource) =>
        line.Category?.EndsWith($".Resources.{resource}", StringComparison.Ordinal) == true;
}
