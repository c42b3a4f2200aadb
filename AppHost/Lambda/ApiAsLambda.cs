using AppHost;
using Aspire.Hosting.AWS.Lambda;

partial class Program
{
    static partial void AddApiAsLambda(
        IDistributedApplicationBuilder builder,
        IResourceBuilder<IResourceWithConnectionString> database,
        IResourceBuilder<ProjectResource> migrations,
        ParameterResource apiPassword,
        LocalTokens signIn)
    {
        var lambda = builder.AddAWSLambdaFunction<Projects.Api>(ResourceNames.Lambda, lambdaHandler: ResourceNames.LambdaHandler)
            .WithOrdersDatabaseAsApi(database, apiPassword)
            .TrustingLocalSignIn(signIn)
            .AfterMigrations(migrations)
            // the function inherits the Api's launch profile; its fixed port belongs to the api resource
            .WithEndpoint("http", endpoint => endpoint.Port = null, createIfNotExists: false);

        // "/{proxy+}" comes last: some releases of the emulator keep only a function's last route, and it is the one that matters
        builder.AddAWSAPIGatewayEmulator(ResourceNames.Gateway, APIGatewayType.HttpV2, new APIGatewayEmulatorOptions { DisableHttpsEndpoint = true })
            .WithReference(lambda, Method.Any, "/")
            .WithReference(lambda, Method.Any, "/{proxy+}");
    }
}
