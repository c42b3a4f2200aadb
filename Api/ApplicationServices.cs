using System.Text.Json.Serialization;
using Api.Database;
using Api.Http;
using Api.Orders;

namespace Api;

public static partial class ApplicationServices
{
    /// <summary>
    /// Serves API Gateway's events when the Api runs in AWS Lambda. Lambda/LambdaHosting.cs implements it; a build with
    /// LambdaHosting=false leaves that file and the Amazon.Lambda packages out, and the call with them.
    /// </summary>
    static partial void AddLambdaHosting(IServiceCollection services);

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        AddLambdaHosting(builder.Services);
        builder.AddDatabase();
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
                document.Info.Description = "Orders over HTTP. Every error is an RFC 9457 problem with a traceId.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(OrdersApi.DescribeListParameters);
        });
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>(RequestBodyLimit.DefaultMaxBytes);
        return app;
    }
}
