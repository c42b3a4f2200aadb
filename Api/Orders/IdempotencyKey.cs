using System.Security.Cryptography;
using System.Text.Json;

namespace Api.Orders;

/// <summary>
/// A client's promise that requests with the same key are retries of one request: the key, what the request asked
/// for, and the answer a retry gets.
/// </summary>
public sealed record IdempotencyKey(string Value, byte[] RequestHash, string FirstResponse)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is >= '!' and <= '~');

    /// <summary>
    /// Hashes what the request asks for, not how its JSON was written: whitespace, key order or 1 against 1.00 do not
    /// make two retries differ.
    /// </summary>
    public static IdempotencyKey For(string value, Order order, OrderResponse response)
    {
        var asked = new PlaceOrderRequest(
            order.CustomerId, order.Currency, [.. order.Lines.Select(line => new OrderLineRequest(line.Sku, line.Quantity, line.UnitPrice))]);
        return new(
            value,
            SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(asked, ApiJsonContext.Default.PlaceOrderRequest)),
            JsonSerializer.Serialize(response, ApiJsonContext.Default.OrderResponse));
    }
}
