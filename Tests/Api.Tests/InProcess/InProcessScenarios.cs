using Api.Tests.Infrastructure;
using Orders.Scenarios;

namespace Api.Tests.InProcess;

// The contract's scenarios against the Api in this process on a real PostgreSQL; one database per class.

public sealed class PlaceOrder(ApiHost api) : PlaceOrderScenarios(api), IClassFixture<ApiHost>;

public sealed class ReadOrder(ApiHost api) : ReadOrderScenarios(api), IClassFixture<ApiHost>;

public sealed class ListOrders(ApiHost api) : ListOrderScenarios(api), IClassFixture<ApiHost>;

public sealed class OrderLifecycle(ApiHost api) : OrderLifecycleScenarios(api), IClassFixture<ApiHost>;

public sealed class BadInput(ApiHost api) : BadInputScenarios(api), IClassFixture<ApiHost>;

public sealed class Authentication(ApiHost api) : AuthenticationScenarios(api), IClassFixture<ApiHost>;

public sealed class Access(ApiHost api) : AccessScenarios(api), IClassFixture<ApiHost>;
