using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Configuration;

namespace AppHost.Postgres;

/// <summary>The container runtime Aspire would use, and whether its engine answers.</summary>
public static class ContainerRuntime
{
    // an engine that is up answers `info` in well under a second; one that is starting may take a few
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>The runtime's command, chosen as Aspire chooses it: docker unless configured otherwise.</summary>
    public static string Command(IConfiguration configuration) =>
        configuration["DcpPublisher:ContainerRuntime"] is { Length: > 0 } configured ? configured
        : configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } named ? named
        : "docker";

    /// <summary>Null when the engine answers; otherwise why it does not, in the runtime's words.</summary>
    public static string? WhyNotAnswering(IConfiguration configuration)
    {
        var command = Command(configuration);
        using var budget = new CancellationTokenSource(Budget);
        try
        {
            var info = Cli.Wrap(command).WithArguments("info").WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(budget.Token).GetAwaiter().GetResult();
            if (info.IsSuccess)
                return null;
            var complaint = info.StandardError.Trim() is { Length: > 0 } error ? error : info.StandardOutput.Trim();
            return $"`{command} info` failed: {complaint.Split('\n')[0]}";
        }
        catch (Win32Exception exception)
        {
            return $"`{command} info` failed: {command} could not be started: {exception.Message}";
        }
        catch (OperationCanceledException)
        {
            return $"`{command} info` failed: it did not answer within {Budget.TotalSeconds:0} s";
        }
    }
}
