using System.Security.Cryptography;
using System.Text.Json;

namespace Api.Orders;

/// <summary>
/// A caller's promise that their requests with the same key are retries of one request: whose key it is, the key, what
/// the request asked for, and the answer a retry gets. Another caller's key of the same value is another key, and a key
/// is forgotten <see cref="Lifetime"/> after its first use.
/// </summary>
public sealed record IdempotencyKey(string Caller, string Value, byte[] RequestHash, string FirstResponse)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is >= '!' and <= '~');

    /// <summary>
    /// Hashes what the request asks for, not how its JSON was written: whitespace, key order or 1 against 1.00 do not
    /// make two retries differ.
    /// </summary>
    public static IdempotencyKey For(string caller, string value, Order order, OrderResponse response)
    {
        var asked = new PlaceOrderRequest(
            order.CustomerId, order.Currency, [.. order.Lines.Select(line => new OrderLineRequest(line.Sku, line.Quantity, line.UnitPrice))]);
        return new(
            caller,
            value,
            SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(asked, ApiJsonContext.Default.PlaceOrderRequest)),
            JsonSerializer.Serialize(response, ApiJsonContext.Default.OrderResponse));
    }
}
