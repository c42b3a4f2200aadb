using System.Globalization;
using Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Api.Orders;

/// <summary>The HTTP face of orders: translates requests to domain calls and outcomes to responses.</summary>
public static class OrdersApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        // the reference is the OpenAPI document: each route says what it does here, and OrdersApiDocument what each of
        // its answers, parameters and fields mean
        var orders = endpoints.MapGroup("/api/orders")
            .WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapPost("/", PlaceOrder)
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription(
                "Places an order for the caller, in status `placed`, and computes its total. The order is the caller's own: " +
                "`customerId` may be left out, and naming another customer is a 403. Send an `Idempotency-Key` to make the " +
                "request safe to retry: a retry by the same caller with the same key and the same order within 24 hours " +
                "answers the first response again, and places nothing.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        orders.MapGet("/{id:guid}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("Read an order")
            .WithDescription(
                "Reads one order: a customer their own, staff any. Another customer's order is not found, as an order " +
                "that does not exist is. The `ETag` is the order's version: send it as `If-None-Match` to be answered " +
                "304 while the order is unchanged, and as `If-Match` to an action.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapGet("/", ListOrders)
            .WithName("ListOrders")
            .WithSummary("List orders")
            .WithDescription(
                "Lists orders newest first, a page at a time: a customer's own (`customerId` may only name themself), " +
                "any customer's for staff. For the next page pass `nextCursor` back as `cursor`, with the same filters; " +
                "the last page has none.");
        orders.MapPost("/{id:guid}/pay", PayOrder)
            .DescribeAction(OrderAction.Pay, "PayOrder", "Pay an order", "Marks a `placed` order as `paid`. A customer pays their own orders; staff any.");
        orders.MapPost("/{id:guid}/ship", ShipOrder)
            .DescribeAction(OrderAction.Ship, "ShipOrder", "Ship an order", "Marks a `paid` order as `shipped`. Staff only: a customer is answered 403.");
        orders.MapPost("/{id:guid}/cancel", CancelOrder)
            .DescribeAction(OrderAction.Cancel, "CancelOrder", "Cancel an order", "Cancels a `placed` or `paid` order. A customer cancels their own orders; staff any.");
        return endpoints;
    }

    static RouteHandlerBuilder DescribeAction(this RouteHandlerBuilder route, OrderAction action, string name, string summary, string description)
    {
        // the rule that answers a customer 403 is the one that leaves the action out of the orders they are shown
        if (Caller.StaffOnly(action))
            route.RequireAuthorization(CallerAuthentication.StaffPolicy);
        return route
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(
                $"{description} An order moves placed -> paid -> shipped, and placed or paid -> cancelled; any other move " +
                "is a 409. Send the order's `ETag` as `If-Match` to act only on the version you read (412 when it has " +
                "changed); without it the action applies to the order as it is now.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        [FromBody] PlaceOrderRequest request,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey,
        Caller caller,
        OrderStore store,
        OrderIds ids,
        TimeProvider clock,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        // an order is the caller's own: the body may name them, and no one else
        var namesSomeoneElse = request.CustomerId is not null && request.CustomerId != caller.Subject;
        request = request with { CustomerId = request.CustomerId ?? caller.Subject };
        var errors = PlaceOrderValidation.Validate(request, out var lines);
        if (idempotencyKey is not null && !IdempotencyKey.IsWellFormed(idempotencyKey))
        {
            errors = new Dictionary<string, string[]>(errors)
            {
                [IdempotencyKey.Header] = [$"The key is 1 to {IdempotencyKey.MaxLength} visible ASCII characters."],
            };
        }

        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (namesSomeoneElse)
            return Forbidden("You place orders for yourself only: leave customerId out, or give your own.");

        var now = clock.GetUtcNow();
        var order = Order.Place(ids.Next(now), request.CustomerId!, request.Currency!, lines, now);
        var response = OrderResponse.From(order, caller);
        var key = idempotencyKey is null ? null : IdempotencyKey.For(caller.Subject, idempotencyKey, order, response);

        switch (await store.PlaceAsync(order, key, cancellationToken))
        {
            case PlaceOutcome.Replayed replayed:
                response = OrderResponse.Replay(replayed.Response, caller);
                context.Response.Headers["Idempotent-Replayed"] = "true";
                break;
            case PlaceOutcome.KeyReused:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency key reused",
                    detail: "This Idempotency-Key was already used for a different request. Use a new key for a new order.");
        }

        context.Response.Headers.ETag = EntityTag.For(response.Version);
        return TypedResults.Created($"/api/orders/{response.Id}", response);
    }

    static async Task<Results<Ok<OrderResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetOrder(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, Caller caller, OrderStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, caller.OnlyOrdersOf, cancellationToken) is not { } order)
            return NotFound(id);

        context.Response.Headers.ETag = EntityTag.For(order.Version);
        return EntityTag.NoneMatchHits(ifNoneMatch, order.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(OrderResponse.From(order, caller));
    }

    static async Task<Results<Ok<OrderPage>, ValidationProblem, ProblemHttpResult>> ListOrders(
        string? customerId, string? status, string? limit, string? cursor, Caller caller, OrderStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        OrderStatus? wantedStatus = null;
        if (status is not null)
        {
            if (OrderStatusRules.TryParse(status, out var parsed))
                wantedStatus = parsed;
            else
                errors["status"] = [$"The status is one of {OrderStatusRules.Names}."];
        }

        if (customerId is not null && !OrderLimits.IsIdentifier(customerId, OrderLimits.MaxCustomerIdLength))
            errors["customerId"] = [PlaceOrderValidation.CustomerIdRule];

        var pageSize = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
            errors["limit"] = [$"The limit is a whole number from 1 to {MaxPageSize}."];

        if (errors.Count == 0 && customerId is not null && !caller.MaySee(customerId))
            return Forbidden("You list your own orders only: leave customerId out, or give your own.");

        // a customer's list is their own whatever the query says; the cursor is sealed to it
        customerId ??= caller.OnlyOrdersOf;
        Guid? after = null;
        if (cursor is not null && errors.Count == 0)
        {
            if (OrderCursor.TryRead(cursor, customerId, wantedStatus, out var lastId))
                after = lastId;
            else
                errors["cursor"] = ["The cursor is not one this list returned with these filters. Start again without it."];
        }

        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var orders = await store.ListAsync(customerId, wantedStatus, after, pageSize + 1, cancellationToken);
        var page = orders.Take(pageSize).ToList();
        var next = orders.Count > pageSize ? OrderCursor.Create(page[^1].Id, customerId, wantedStatus) : null;
        return TypedResults.Ok(new OrderPage([.. page.Select(order => OrderResponse.From(order, caller))], next));
    }

    static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> PayOrder(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, OrderStore store, HttpContext context, CancellationToken cancellationToken) =>
        Change(id, OrderAction.Pay, ifMatch, caller, store, context, cancellationToken);

    static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ShipOrder(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, OrderStore store, HttpContext context, CancellationToken cancellationToken) =>
        Change(id, OrderAction.Ship, ifMatch, caller, store, context, cancellationToken);

    static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelOrder(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, Caller caller, OrderStore store, HttpContext context, CancellationToken cancellationToken) =>
        Change(id, OrderAction.Cancel, ifMatch, caller, store, context, cancellationToken);

    static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Change(
        Guid id, OrderAction action, string? ifMatch, Caller caller, OrderStore store, HttpContext context, CancellationToken cancellationToken)
    {
        switch (await store.ApplyAsync(id, action, caller.OnlyOrdersOf, version => EntityTag.MatchAllows(ifMatch, version), cancellationToken))
        {
            case ChangeOutcome.Changed changed:
                context.Response.Headers.ETag = EntityTag.For(changed.Order.Version);
                return TypedResults.Ok(OrderResponse.From(changed.Order, caller));
            case ChangeOutcome.PreconditionFailed failed:
                context.Response.Headers.ETag = EntityTag.For(failed.Current.Version);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "The order has changed",
                    detail: $"The order is at version {failed.Current.Version} now; read it again and decide anew.");
            case ChangeOutcome.NotAllowed notAllowed:
                context.Response.Headers.ETag = EntityTag.For(notAllowed.Current.Version);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Not allowed in this status",
                    detail: $"An order that is {notAllowed.Current.Status.ToName()} cannot be {Verb(action)}.");
            default:
                return NotFound(id);
        }
    }

    static string Verb(OrderAction action) => action switch
    {
        OrderAction.Pay => "paid",
        OrderAction.Ship => "shipped",
        _ => "cancelled",
    };

    static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours", detail: detail);

    // another customer's order is not found either: a 403 would tell that it exists
    static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Order not found", detail: $"There is no order {id}.");
}
