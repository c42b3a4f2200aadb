using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Api.Http;

/// <summary>
/// What the OpenAPI document (/openapi/v1.json) says of the whole API: who may call it, and the shape of its errors.
/// The operations describe themselves (Orders/OrdersApi.cs, Orders/OrdersApiDocument.cs).
/// </summary>
public static class ApiDocument
{
    const string BearerScheme = "Bearer";

    const string Description = """
        Orders over HTTP: JSON under `/api`, at the environment's CloudFront URL (locally, the AppHost's `api` resource).

        **Callers.** Every `/api` request carries an access token, `Authorization: Bearer <token>`: in AWS one of the
        environment's Cognito user pool, locally one the AppHost shows on its dashboard (`customer-token`, `staff-token`).
        A customer is the token's subject (`sub`) and sees and changes their own orders only; another customer's order is
        not found. Staff, the members of the group `staff`, see every order, and pay, ship and cancel any.

        **Errors.** Every error is an RFC 9457 problem (`application/problem+json`) with `type`, `title`, `status`,
        `detail` and the request's `traceId`, which finds it in the service's traces and logs. A 400 adds `errors`: for
        each bad field, by its path (`lines[0].quantity`), what is wrong with it.

        **Retrying.** Placing an order is safe to retry with an `Idempotency-Key`; an action on an order is, with its
        `ETag` as `If-Match`. A 503 says in `Retry-After` when to try again.

        **Bodies.** UTF-8 JSON of at most 64 KiB. A field the operation does not know, a field given twice and a number
        in quotes are refused, not ignored.
        """;

    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Orders API";
        document.Info.Description = Description;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token of the environment's Cognito user pool (locally, one the AppHost shows on the dashboard).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>The problem details every error carries, with the traceId that ASP.NET Core adds and its type does not declare.</summary>
    public static Task DescribeProblem(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null || !typeof(ProblemDetails).IsAssignableFrom(type) || schema.Properties is null)
            return Task.CompletedTask;

        schema.Description = "An RFC 9457 problem: what went wrong, for people (`title`, `detail`) and for code (`status`, `type`).";
        Describe(schema, "type", "A URI that names the kind of problem; for most, the section of RFC 9110 that defines the status.");
        Describe(schema, "title", "What went wrong, the same for every occurrence of this kind of problem.");
        Describe(schema, "status", "The HTTP status code.");
        Describe(schema, "detail", "What went wrong this time, and what to do about it.");
        Describe(schema, "errors", "For each bad field, by its path (`lines[0].quantity`, `$` for the whole body), what is wrong with it.");
        schema.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's W3C trace context (`traceparent`): the trace, in the service's telemetry, of the request that failed.",
        };
        return Task.CompletedTask;
    }

    static void Describe(OpenApiSchema schema, string property, string description)
    {
        if (schema.Properties!.TryGetValue(property, out var found) && found is OpenApiSchema field)
            field.Description = description;
    }
}
