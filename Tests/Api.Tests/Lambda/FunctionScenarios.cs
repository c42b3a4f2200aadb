using Orders.Scenarios;

namespace Api.Tests.Lambda;

// The contract's scenarios through API Gateway's HTTP API to the Api as a Lambda function: the code path AWS runs.

[Collection(ApiAsFunction.Collection)]
public sealed class PlaceOrderAsFunction(ApiAsFunction api) : PlaceOrderScenarios(api);

[Collection(ApiAsFunction.Collection)]
public sealed class ReadOrderAsFunction(ApiAsFunction api) : ReadOrderScenarios(api);

[Collection(ApiAsFunction.Collection)]
public sealed class ListOrdersAsFunction(ApiAsFunction api) : ListOrderScenarios(api);

[Collection(ApiAsFunction.Collection)]
public sealed class OrderLifecycleAsFunction(ApiAsFunction api) : OrderLifecycleScenarios(api);

[Collection(ApiAsFunction.Collection)]
public sealed class BadInputAsFunction(ApiAsFunction api) : BadInputScenarios(api);

[Collection(ApiAsFunction.Collection)]
public sealed class AuthenticationAsFunction(ApiAsFunction api) : AuthenticationScenarios(api);

[Collection(ApiAsFunction.Collection)]
public sealed class AccessAsFunction(ApiAsFunction api) : AccessScenarios(api);
