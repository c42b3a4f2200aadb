using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;

await LambdaBootstrapBuilder.Create(
        (APIGatewayHttpApiV2ProxyRequest _) => new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200, Body = "hello" },
        new SourceGeneratorLambdaJsonSerializer<HelloJson>())
    .Build()
    .RunAsync();

[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
sealed partial class HelloJson : JsonSerializerContext;
