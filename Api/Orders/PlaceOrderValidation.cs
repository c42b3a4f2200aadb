namespace Api.Orders;

/// <summary>Turns a client's request into order lines, or says field by field what is wrong with it.</summary>
public static class PlaceOrderValidation
{
    public static readonly string CustomerIdRule =
        $"The customer id is 1 to {OrderLimits.MaxCustomerIdLength} characters, none of them control characters.";

    public static IReadOnlyDictionary<string, string[]> Validate(PlaceOrderRequest request, out IReadOnlyList<OrderLine> lines)
    {
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(request.CustomerId))
            errors["customerId"] = ["The customer id is required."];
        else if (!OrderLimits.IsIdentifier(request.CustomerId, OrderLimits.MaxCustomerIdLength))
            errors["customerId"] = [CustomerIdRule];

        if (request.Currency is null)
            errors["currency"] = ["The currency is required."];
        else if (!OrderLimits.IsCurrencyCode(request.Currency))
            errors["currency"] = ["The currency must be an ISO 4217 code of three capital letters, such as EUR."];

        var valid = new List<OrderLine>();
        if (request.Lines is null || request.Lines.Count == 0)
            errors["lines"] = ["An order needs at least one line."];
        else if (request.Lines.Count > OrderLimits.MaxLines)
            errors["lines"] = [$"An order has at most {OrderLimits.MaxLines} lines."];
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                if (ValidateLine(request.Lines[i], $"lines[{i}]", errors) is { } line)
                    valid.Add(line);
            }
        }

        lines = valid;
        return errors;
    }

    static OrderLine? ValidateLine(OrderLineRequest? line, string path, Dictionary<string, string[]> errors)
    {
        if (line is null)
        {
            errors[path] = ["The line is required."];
            return null;
        }

        var before = errors.Count;

        if (string.IsNullOrWhiteSpace(line.Sku))
            errors[$"{path}.sku"] = ["The SKU is required."];
        else if (!OrderLimits.IsIdentifier(line.Sku, OrderLimits.MaxSkuLength))
            errors[$"{path}.sku"] = [$"The SKU is 1 to {OrderLimits.MaxSkuLength} characters, none of them control characters."];

        if (line.Quantity is not { } quantity)
            errors[$"{path}.quantity"] = ["The quantity is required."];
        else if (quantity is < 1 or > OrderLimits.MaxQuantity)
            errors[$"{path}.quantity"] = [$"The quantity must be between 1 and {OrderLimits.MaxQuantity}."];

        if (line.UnitPrice is not { } price)
            errors[$"{path}.unitPrice"] = ["The unit price is required."];
        else if (price is < 0 or > OrderLimits.MaxUnitPrice)
            errors[$"{path}.unitPrice"] = [$"The unit price must be between 0 and {OrderLimits.MaxUnitPrice}."];
        else if (!OrderLimits.HasAtMostPriceDecimals(price))
            errors[$"{path}.unitPrice"] = [$"The unit price has at most {OrderLimits.PriceDecimals} decimals."];

        return errors.Count == before ? new OrderLine(line.Sku!, line.Quantity!.Value, line.UnitPrice!.Value) : null;
    }
}
