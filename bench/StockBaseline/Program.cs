using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Serialization.SystemTextJson;
using Baseline;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// the bare baseline with stock token validation, telemetry and Lambda hosting, each as its documentation shows it
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddOrders(builder.Configuration);
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi, new SourceGeneratorLambdaJsonSerializer<HttpApiJson>());
builder.Services.AddAuthentication().AddJwtBearer();
builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddNpgsql())
    .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddNpgsqlInstrumentation().AddRuntimeInstrumentation())
    .WithLogging()
    .UseOtlpExporter();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapOrders();
await app.RunAsync();

[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
sealed partial class HttpApiJson : JsonSerializerContext;
