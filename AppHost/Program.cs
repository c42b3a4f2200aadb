using AppHost;
using Aspire.Hosting.AWS.Lambda;

var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddOrdersDatabase();

// the schema, applied once by the Api's migrate command; neither Api starts before it has completed
var migrations = builder.AddProject<Projects.Api>(ResourceNames.Migrations, launchProfileName: null)
    .WithArgs("migrate")
    .WithOrdersDatabase(database);

// the Api on Kestrel, as `dotnet run --project Api` runs it
builder.AddProject<Projects.Api>(ResourceNames.Api)
    .WithOrdersDatabase(database)
    .AfterMigrations(migrations)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// the same Api as a Lambda function behind an emulated API Gateway HTTP API: the code path AWS runs
var lambda = builder.AddAWSLambdaFunction<Projects.Api>(ResourceNames.Lambda, lambdaHandler: ResourceNames.LambdaHandler)
    .WithOrdersDatabase(database)
    .AfterMigrations(migrations)
    // the function inherits the Api's launch profile; its fixed port belongs to the api resource
    .WithEndpoint("http", endpoint => endpoint.Port = null, createIfNotExists: false);

// "/{proxy+}" comes last: some releases of the emulator keep only a function's last route, and it is the one that matters
builder.AddAWSAPIGatewayEmulator(ResourceNames.Gateway, APIGatewayType.HttpV2, new APIGatewayEmulatorOptions { DisableHttpsEndpoint = true })
    .WithReference(lambda, Method.Any, "/")
    .WithReference(lambda, Method.Any, "/{proxy+}");

builder.Build().Run();
