using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace AppHost;

/// <summary>
/// The web front end (web/) on Vite's dev server, on one origin with the Api as CloudFront gives them in AWS: the dev
/// server proxies /api to the api resource, and offers the AppHost's tokens on its sign-in page. Its packages are
/// installed first by `npm install`, which follows web/package-lock.json, writes nothing back (--no-save) and takes a
/// second when they are there already.
/// </summary>
public static class WebFrontEnd
{
    public const int Port = 5173;

    public static IResourceBuilder<ExecutableResource> AddWebFrontEnd(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, LocalTokens signIn)
    {
        var folder = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web"));
        if (builder.ExecutionContext.IsRunMode)
            RequireNode();

        var packages = builder.AddExecutable(ResourceNames.WebPackages, "npm", folder, "install", "--no-save", "--no-audit", "--no-fund");
        return builder.AddExecutable(ResourceNames.Web, "npm", folder, "run", "dev")
            .WithHttpEndpoint(port: Port, env: "PORT")
            .WithExternalHttpEndpoints()
            .WithUrlForEndpoint("http", url => url.DisplayText = "Orders (sign in as local-customer)")
            .WithEnvironment("API_URL", api.GetEndpoint("http"))
            .WithEnvironment("LOCAL_CUSTOMER_TOKEN", signIn.CustomerToken)
            .WithEnvironment("LOCAL_STAFF_TOKEN", signIn.StaffToken)
            .WithEnvironment("BROWSER", "none")
            .WaitForCompletion(packages)
            .WaitFor(api)
            .WithHttpHealthCheck("/config.json");
    }

    /// <summary>Vite's floor is Node.js 20.19; a missing or older Node stops the start here, not later in Vite's own words.</summary>
    static void RequireNode()
    {
        var minimum = new Version(20, 19);
        string found;
        try
        {
            found = Cli.Wrap("node").WithArguments("--version").WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync().GetAwaiter().GetResult().StandardOutput.Trim();
        }
        catch (Win32Exception)
        {
            found = "none";
        }

        if (!Version.TryParse(found.TrimStart('v'), out var version) || version < minimum)
        {
            throw new DistributedApplicationException(
                $"The web front end needs Node.js {minimum} or later with npm on PATH (https://nodejs.org); found {found}.");
        }
    }
}
