using Orders.Scenarios;

namespace AppHost.Tests;

// The contract's scenarios through the API Gateway emulator (HTTP API, payload 2.0) to the Api running as a Lambda
// function: the code path AWS runs. Where the AppHost was built without LambdaEmulation they are skipped, with the reason.

[Collection(LocalTopology.Collection)]
public sealed class PlaceOrderOnLambda(LocalTopology topology) : PlaceOrderScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class ReadOrderOnLambda(LocalTopology topology) : ReadOrderScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class ListOrdersOnLambda(LocalTopology topology) : ListOrderScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class OrderLifecycleOnLambda(LocalTopology topology) : OrderLifecycleScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class BadInputOnLambda(LocalTopology topology) : BadInputScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class AuthenticationOnLambda(LocalTopology topology) : AuthenticationScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class AccessOnLambda(LocalTopology topology) : AccessScenarios(topology.Gateway);

[Collection(LocalTopology.Collection)]
public sealed class TelemetryThroughLambda(LocalTopology topology) : TelemetryTests(topology.Gateway, topology.Collector);
