using System.Security.Cryptography;
using System.Text.Json;

namespace Api.Orders;

/// <summary>A client's promise that requests with the same key are retries of one request.</summary>
public sealed record IdempotencyKey(string Value, byte[] RequestHash)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is >= '!' and <= '~');

    /// <summary>Hashes the request as parsed, so that whitespace or key order in the JSON does not make two retries differ.</summary>
    public static IdempotencyKey For(string value, PlaceOrderRequest request) =>
        new(value, SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, ApiJsonContext.Default.PlaceOrderRequest)));
}
