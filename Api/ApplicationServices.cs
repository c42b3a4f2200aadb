using System.Text.Json.Serialization;
using Api.Database;
using Api.Http;
using Api.Orders;
using Api.Security;

namespace Api;

public static class ApplicationServices
{
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
            options.AddDocumentTransformer(ApiDocument.Describe);
            options.AddSchemaTransformer(ApiDocument.DescribeProblem);
            options.AddOperationTransformer(OrdersApiDocument.DescribeOperation);
            options.AddSchemaTransformer(OrdersApiDocument.DescribeContract);
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
