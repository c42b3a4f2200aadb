using Orders.Scenarios;

namespace AppHost.Tests;

// The contract's scenarios through the Api resource of the AppHost: Kestrel, as `dotnet run --project AppHost` serves it.

[Collection(LocalTopology.Collection)]
public sealed class PlaceOrderOnApi(LocalTopology topology) : PlaceOrderScenarios(topology.Api);

[Collection(LocalTopology.Collection)]
public sealed class ReadOrderOnApi(LocalTopology topology) : ReadOrderScenarios(topology.Api);

[Collection(LocalTopology.Collection)]
public sealed class ListOrdersOnApi(LocalTopology topology) : ListOrderScenarios(topology.Api);

[Collection(LocalTopology.Collection)]
public sealed class OrderLifecycleOnApi(LocalTopology topology) : OrderLifecycleScenarios(topology.Api);

[Collection(LocalTopology.Collection)]
public sealed class BadInputOnApi(LocalTopology topology) : BadInputScenarios(topology.Api);

[Collection(LocalTopology.Collection)]
public sealed class AuthenticationOnApi(LocalTopology topology) : AuthenticationScenarios(topology.Api);

[Collection(LocalTopology.Collection)]
public sealed class AccessOnApi(LocalTopology topology) : AccessScenarios(topology.Api);
