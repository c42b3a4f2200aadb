using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Serialization.SystemTextJson;

namespace Api;

public static partial class ApplicationServices
{
    // In Lambda (AWS_LAMBDA_FUNCTION_NAME is set) API Gateway's HTTP API events replace Kestrel; elsewhere this does
    // nothing. The source-generated serializer keeps the Lambda path free of reflection, so it runs Native AOT.
    static partial void AddLambdaHosting(IServiceCollection services) =>
        services.AddAWSLambdaHosting(LambdaEventSource.HttpApi, new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>());
}

/// <summary>The events API Gateway's HTTP API (payload format 2.0) exchanges with the function.</summary>
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
internal sealed partial class LambdaEventsJsonContext : JsonSerializerContext;
