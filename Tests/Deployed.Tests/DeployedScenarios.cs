using Orders.Scenarios;
using Xunit;

namespace Deployed.Tests;

// The contract's scenarios against the environment at ORDERS_API_BASE_URL. Every customer id is new, so the tests
// neither see nor disturb the environment's other orders.

public sealed class PlaceOrder(DeployedApi api) : PlaceOrderScenarios(api), IClassFixture<DeployedApi>;

public sealed class ReadOrder(DeployedApi api) : ReadOrderScenarios(api), IClassFixture<DeployedApi>;

public sealed class ListOrders(DeployedApi api) : ListOrderScenarios(api), IClassFixture<DeployedApi>;

public sealed class OrderLifecycle(DeployedApi api) : OrderLifecycleScenarios(api), IClassFixture<DeployedApi>;

public sealed class BadInput(DeployedApi api) : BadInputScenarios(api), IClassFixture<DeployedApi>;

public sealed class Authentication(DeployedApi api) : AuthenticationScenarios(api), IClassFixture<DeployedApi>;

public sealed class Access(DeployedApi api) : AccessScenarios(api), IClassFixture<DeployedApi>;
