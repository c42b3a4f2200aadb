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
        var info = ExternalCommand.Run(command, ["info"], Budget);
        if (info.Succeeded)
            return null;

        return $"`{command} info` failed: {info.Complaint.Split('\n')[0]}";
    }
}
