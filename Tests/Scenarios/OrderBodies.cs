using System.Text.Json.Nodes;

namespace Orders.Scenarios;

/// <summary>Request bodies of the contract, for scenarios and for the tests of one target alike.</summary>
public static class OrderBodies
{
    /// <summary>A valid order for the customer; one line of SKU-1 when no lines are given.</summary>
    public static JsonObject NewOrder(string customerId, params (string Sku, int Quantity, decimal UnitPrice)[] lines) => new()
    {
        ["customerId"] = customerId,
        ["currency"] = "EUR",
        ["lines"] = new JsonArray([.. (lines.Length == 0 ? [("SKU-1", 1, 9.99m)] : lines)
            .Select(line => (JsonNode)new JsonObject { ["sku"] = line.Sku, ["quantity"] = line.Quantity, ["unitPrice"] = line.UnitPrice })]),
    };
}
