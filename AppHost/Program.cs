using AppHost;

var builder = DistributedApplication.CreateBuilder(args)
    .RequireFreePorts();

var database = builder.AddOrdersDatabase();
var apiPassword = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{ResourceNames.Api}-database-password");
var signIn = builder.AddLocalSignIn();

// the schema, applied once by the Api's migrate command as the database's owner; no Api starts before it has completed
var migrations = builder.AddProject<Projects.Api>(ResourceNames.Migrations, launchProfileName: null)
    .WithArgs("migrate")
    .WithOrdersDatabase(database)
    .GrantingApiLogin(apiPassword);

// the Api on Kestrel, as `dotnet run --project Api` runs it, connected as its own role and trusting the local tokens
var api = builder.AddProject<Projects.Api>(ResourceNames.Api)
    .WithOrdersDatabaseAsApi(database, apiPassword)
    .TrustingLocalSignIn(signIn)
    .AfterMigrations(migrations)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// the web front end on Vite's dev server, /api proxied to the Api: one origin, as CloudFront serves them in AWS
builder.AddWebFrontEnd(api, signIn);

AddApiAsLambda(builder, database, migrations, apiPassword, signIn);

await builder.Build().RunAsync();

partial class Program
{
    /// <summary>
    /// The same Api as a Lambda function behind an emulated API Gateway HTTP API: the code path AWS runs.
    /// Lambda/ApiAsLambda.cs implements it; a build with LambdaEmulation=false leaves that file and Aspire.Hosting.AWS
    /// out, and the call with them.
    /// </summary>
    static partial void AddApiAsLambda(
        IDistributedApplicationBuilder builder,
        IResourceBuilder<IResourceWithConnectionString> database,
        IResourceBuilder<ProjectResource> migrations,
        ParameterResource apiPassword,
        LocalTokens signIn);
}
