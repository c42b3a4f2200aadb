namespace Api.Orders;

/// <summary>The bounds of a valid order; the database columns are sized to hold their extremes.</summary>
public static class OrderLimits
{
    public const int MaxCustomerIdLength = 64;
    public const int MaxSkuLength = 64;
    public const int MaxLines = 100;
    public const int MaxQuantity = 1000;
    public const decimal MaxUnitPrice = 10_000_000m;
    public const int PriceDecimals = 2;

    /// <summary>A customer id or SKU: 1 to <paramref name="maxLength"/> characters, none of them control characters.</summary>
    public static bool IsIdentifier(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && !value.Any(char.IsControl);

    public static bool IsCurrencyCode(string code) =>
        code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    /// <summary>The price with exactly two decimals, as the database returns it.</summary>
    public static decimal ToPriceScale(decimal price) => decimal.Round(price, PriceDecimals) + 0.00m;

    public static bool HasAtMostPriceDecimals(decimal price) =>
        decimal.Round(price, PriceDecimals) == price;
}
