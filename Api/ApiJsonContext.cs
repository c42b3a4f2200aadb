using System.Text.Json;
using System.Text.Json.Serialization;
using Api.Orders;

namespace Api;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderPage))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
