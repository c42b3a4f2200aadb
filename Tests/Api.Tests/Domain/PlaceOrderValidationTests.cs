using Api.Orders;

namespace Api.Tests.Domain;

public sealed class PlaceOrderValidationTests
{
    static PlaceOrderRequest Valid(params OrderLineRequest?[] lines) =>
        new("customer", "EUR", lines.Length == 0 ? [new("A", 1, 1m)] : lines);

    [Fact]
    public void A_valid_request_yields_its_lines_with_prices_at_two_decimals()
    {
        var errors = PlaceOrderValidation.Validate(Valid(new OrderLineRequest("A", 3, 1.5m)), out var lines);

        Assert.Empty(errors);
        var line = Assert.Single(lines);
        Assert.Equal("1.50", line.UnitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4.50m, line.Amount);
    }

    [Theory]
    [InlineData(0, "lines[0].quantity")]
    [InlineData(1001, "lines[0].quantity")]
    public void Quantities_outside_1_to_1000_are_refused(int quantity, string field)
    {
        var errors = PlaceOrderValidation.Validate(Valid(new OrderLineRequest("A", quantity, 1m)), out _);

        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("10000000")]
    [InlineData("12.30")]
    public void Prices_from_0_to_ten_million_with_two_decimals_are_accepted(string price)
    {
        var errors = PlaceOrderValidation.Validate(Valid(new OrderLineRequest("A", 1, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))), out _);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("0.001")]
    [InlineData("10000000.01")]
    public void Other_prices_are_refused(string price)
    {
        var errors = PlaceOrderValidation.Validate(Valid(new OrderLineRequest("A", 1, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture))), out _);

        Assert.Equal(["lines[0].unitPrice"], errors.Keys);
    }

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("USD", true)]
    [InlineData("eur", false)]
    [InlineData("EU", false)]
    [InlineData("EURO", false)]
    [InlineData("E1R", false)]
    [InlineData("ÄUR", false)]
    public void Currencies_are_three_capital_letters(string currency, bool valid)
    {
        Assert.Equal(valid, OrderLimits.IsCurrencyCode(currency));
    }

    [Fact]
    public void Errors_name_every_bad_line_by_its_position()
    {
        var errors = PlaceOrderValidation.Validate(
            Valid(new OrderLineRequest("A", 1, 1m), null, new OrderLineRequest(null, null, null)), out var lines);

        Assert.Equal(["lines[1]", "lines[2].quantity", "lines[2].sku", "lines[2].unitPrice"], errors.Keys.Order());
        Assert.Single(lines);
    }
}
