namespace AppHost;

/// <summary>
/// The web front end (web/) on Vite's dev server, on one origin with the Api as CloudFront gives them in AWS: the dev
/// server proxies /api to the api resource, and offers the AppHost's tokens on its sign-in page. Its packages are
/// installed from web/package-lock.json first, which takes a second when they already are.
/// </summary>
public static class WebFrontEnd
{
    public const int Port = 5173;

    public static IResourceBuilder<ExecutableResource> AddWebFrontEnd(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, LocalTokens signIn)
    {
        var folder = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web"));
        if (builder.ExecutionContext.IsRunMode)
            RequireNpm();

        var packages = builder.AddExecutable(ResourceNames.WebPackages, "npm", folder, "install", "--no-save", "--no-audit", "--no-fund");
        return builder.AddExecutable(ResourceNames.Web, "npm", folder, "run", "dev")
            .WithHttpEndpoint(port: Port, env: "PORT")
            .WithExternalHttpEndpoints()
            .WithUrlForEndpoint("http", url => url.DisplayText = "Orders (sign in as local-customer)")
            .WithEnvironment("API_URL", api.GetEndpoint("http"))
            .WithEnvironment("LOCAL_CUSTOMER_TOKEN", signIn.Mint(LocalSignIn.Customer, staff: false))
            .WithEnvironment("LOCAL_STAFF_TOKEN", signIn.Mint(LocalSignIn.Staff, staff: true))
            .WithEnvironment("BROWSER", "none")
            .WaitForCompletion(packages)
            .WaitFor(api)
            .WithHttpHealthCheck("/config.json");
    }

    static void RequireNpm()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { "npm.cmd", "npm.exe" } : ["npm"];
        if (!path.Split(Path.PathSeparator).Any(directory => names.Any(name => File.Exists(Path.Combine(directory, name)))))
        {
            throw new DistributedApplicationException(
                "The web front end needs Node.js 20.19 or later with npm on PATH (https://nodejs.org); none was found.");
        }
    }
}
