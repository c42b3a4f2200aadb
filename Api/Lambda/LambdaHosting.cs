using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.AspNetCoreServer.Hosting.Internal;
using Amazon.Lambda.Serialization.SystemTextJson;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Api;

public static class LambdaHosting
{
    /// <summary>
    /// In Lambda (AWS_LAMBDA_FUNCTION_NAME is set) API Gateway's HTTP API events (payload format 2.0) take Kestrel's
    /// place, served by a server that sends each invocation's telemetry before it ends; elsewhere this does nothing. The
    /// source-generated serializer keeps the Lambda path free of reflection, so it runs Native AOT.
    /// </summary>
    public static IServiceCollection AddHttpApiLambdaHosting(this IServiceCollection services)
    {
        services.AddAWSLambdaHosting(LambdaEventSource.HttpApi, new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>());
        if (services.Any(service => service.ServiceType == typeof(IServer) && service.ImplementationType == typeof(APIGatewayHttpApiV2LambdaRuntimeSupportServer)))
            services.Replace(ServiceDescriptor.Singleton<IServer, TelemetryFlushingServer>());
        return services;
    }
}

/// <summary>The events API Gateway's HTTP API (payload format 2.0) exchanges with the function.</summary>
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
internal sealed partial class LambdaEventsJsonContext : JsonSerializerContext;
