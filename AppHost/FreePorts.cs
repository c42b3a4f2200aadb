using AppHost.Postgres;
using Microsoft.Extensions.Configuration;
using Orders.Local;

namespace AppHost;

/// <summary>
/// Stops the start at once when a port the topology asks for by number is taken, and says which and what to do:
/// otherwise the orchestrator starts everything else and leaves that resource unreachable.
/// </summary>
public static class FreePorts
{
    // where the AppHost's launch profile puts the dashboard and the services the dashboard talks to
    static readonly string[] DashboardSettings =
        ["ASPNETCORE_URLS", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"];

    public static IDistributedApplicationBuilder RequireFreePorts(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            if (!builder.ExecutionContext.IsRunMode)
                return Task.CompletedTask;

            var taken = Wanted(builder.Configuration, @event.Model).Where(wanted => !FreePort.IsFree(wanted.Port)).ToList();
            if (taken.Count > 0)
            {
                throw new DistributedApplicationException(
                    "Ports the AppHost needs are in use by another process (perhaps another AppHost): " +
                    string.Join("; ", taken.Select(wanted => $"{wanted.Port}, for {wanted.For}: {wanted.Remedy}")) +
                    ". Stop that process, or choose another port.");
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    sealed record WantedPort(int Port, string For, string Remedy);

    static IEnumerable<WantedPort> Wanted(ConfigurationManager configuration, DistributedApplicationModel model)
    {
        // the test host asks for random ports instead of the ones written down, except where an endpoint is not proxied
        var randomized = configuration.GetValue<bool>("DcpPublisher:RandomizePorts");
        foreach (var resource in model.Resources)
        {
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                if (endpoint.Port is not int port || (randomized && endpoint.IsProxied))
                    continue;
                var remedy = resource.Name == ResourceNames.Postgres
                    ? $"set {PostgresSettings.Section}:Port to another, or leave it unset for a free one"
                    : resource is ProjectResource
                        ? "its launch profile (Properties/launchSettings.json of the project) sets it"
                        : "the AppHost sets it";
                yield return new WantedPort(port, $"the {endpoint.Name} endpoint of {resource.Name}", remedy);
            }
        }

        if (randomized)
            yield break;
        foreach (var setting in DashboardSettings)
        {
            foreach (var url in (configuration[setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Port > 0)
                    yield return new WantedPort(address.Port, $"the dashboard ({setting})", "AppHost/Properties/launchSettings.json sets it");
            }
        }
    }
}
