using System.Text.Json.Serialization;
using Api.Database;
using Api.Http;
using Api.Orders;
using Api.Security;
using Microsoft.OpenApi;

namespace Api;

public static class ApplicationServices
{
    const string BearerScheme = "Bearer";

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddDatabase();
        builder.AddCallerAuthentication();
        builder.AddOriginVerification();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderIds>();
        builder.Services.AddSingleton<OrderStore>();

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // a number in quotes or a field given twice is a client bug to report, not to guess around
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        // binding failures become exceptions so BadRequestHandler can answer them with problem details
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Orders API";
                document.Info.Description =
                    "Orders over HTTP. Every request carries a JWT access token (Authorization: Bearer). Every error is an RFC 9457 problem with a traceId.";
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
            });
            options.AddOperationTransformer(OrdersApi.DescribeListParameters);
        });
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        // a 401 or 403 from the authentication middleware has no body: this gives it its problem
        app.UseStatusCodePages();
        app.UseOriginVerification();
        app.UseMiddleware<RequestBodyLimit>(RequestBodyLimit.DefaultMaxBytes);
        app.UseMiddleware<JsonCharset>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
