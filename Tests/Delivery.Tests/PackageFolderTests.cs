using System.IO.Compression;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orders.Loopback;

namespace Delivery.Tests;

/// <summary>
/// package-folder.sh against a NuGet feed on loopback that has some packages of the folder and lacks others, and a
/// real restore with the config it prints: each package comes from the feed where the feed has it, and from the folder
/// only where it does not.
/// </summary>
public sealed class PackageFolderTests : IAsyncLifetime
{
    readonly StandInWorld _world = new();
    readonly Dictionary<string, byte[]> _feedPackages = [];
    LoopbackServer? _feed;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    string Folder => _world.PathOf("folder");

    public async ValueTask InitializeAsync()
    {
        _feed = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/v3/index.json", (HttpRequest request) => Results.Json(new
            {
                version = "3.0.0",
                resources = new[] { new Dictionary<string, string> { ["@id"] = $"http://{request.Host}/v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" } },
            }));
            routes.MapGet("/v3/flat/{id}/index.json", (string id) =>
            {
                var versions = _feedPackages.Keys.Where(key => key.StartsWith(id + "/", StringComparison.Ordinal)).Select(key => key.Split('/')[1]).ToList();
                return versions.Count == 0 ? Results.NotFound() : Results.Json(new { versions });
            });
            routes.MapGet("/v3/flat/{id}/{version}/{file}", (string id, string version) =>
                _feedPackages.TryGetValue($"{id}/{version}", out var package) ? Results.Bytes(package, "application/octet-stream") : Results.NotFound());
        });
        Directory.CreateDirectory(Folder);
        WriteConfig($"{_feed.Address}v3/index.json");
    }

    /// <summary>The NuGet config whose one feed the script asks.</summary>
    void WriteConfig(string feed) => _world.WriteFile("nuget.config", $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="feed" value="{feed}" allowInsecureConnections="true" />
          </packageSources>
        </configuration>
        """);

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
            await _feed.DisposeAsync();
        _world.Dispose();
    }

    void OnFeed(string id, string version) => _feedPackages[$"{id.ToLowerInvariant()}/{version}"] = Package(id, version, "feed");

    void InFolder(string id, string version) => File.WriteAllBytes(Path.Combine(Folder, $"{id}.{version}.nupkg"), Package(id, version, "folder"));

    Task<ScriptRun> RunAsync() =>
        _world.RunAsync("package-folder.sh", Folder, "--output", _world.PathOf("out"), "--config", _world.PathOf("nuget.config"));

    string[] Copied => [.. Directory.GetFiles(_world.PathOf("out/packages")).Select(Path.GetFileName).Order()!];

    [Fact]
    public async Task Only_the_packages_the_feed_lacks_are_taken_from_the_folder()
    {
        OnFeed("Shared.Package", "1.0.0");
        OnFeed("Newer.Elsewhere", "1.0.0");
        InFolder("Shared.Package", "1.0.0");
        InFolder("Newer.Elsewhere", "2.0.0");
        InFolder("Missing.Package", "3.1.0");

        var run = await RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["Missing.Package.3.1.0.nupkg", "Newer.Elsewhere.2.0.0.nupkg"], Copied);
        Assert.Equal(_world.PathOf("out/nuget.config"), run.Output.Trim());
        Assert.Contains("Shared.Package 1.0.0: from http://", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("1.0.0+build.5")]
    public async Task A_version_the_feed_lists_in_NuGets_normal_form_is_the_feeds(string written)
    {
        OnFeed("Shared.Package", "1.0.0");
        InFolder("Shared.Package", written);

        var run = await RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(Copied);
    }

    [Fact]
    public async Task A_restore_with_the_printed_config_takes_each_package_from_the_feed_where_it_has_one()
    {
        OnFeed("Shared.Package", "1.0.0");
        InFolder("Shared.Package", "1.0.0");
        InFolder("Missing.Package", "3.1.0");
        var run = await RunAsync();
        Assert.True(run.ExitCode == 0, run.ToString());

        var project = _world.WriteFile("Consumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Shared.Package" Version="1.0.0" />
                <PackageReference Include="Missing.Package" Version="3.1.0" />
              </ItemGroup>
            </Project>
            """);
        var packages = _world.PathOf("global-packages");
        await RestoreAsync(project, run.Output.Trim(), packages);

        Assert.Equal("feed", File.ReadAllText(Path.Combine(packages, "shared.package", "1.0.0", "content", "source.txt")));
        Assert.Equal("folder", File.ReadAllText(Path.Combine(packages, "missing.package", "3.1.0", "content", "source.txt")));
    }

    [Fact]
    public async Task A_feed_that_answers_neither_yes_nor_no_stops_the_script()
    {
        InFolder("Any.Package", "1.0.0");
        WriteConfig($"{_feed!.Address}nothing-here/index.json");

        var run = await RunAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("answers no NuGet v3 service index", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_packages_is_refused()
    {
        var run = await RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no .nupkg file", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A restore that sees this test's feed and folder and nothing of the machine's caches.</summary>
    async Task RestoreAsync(string project, string config, string packages)
    {
        var restore = await Cli.Wrap("dotnet").WithArguments(["restore", project, "--nologo"])
            .WithEnvironmentVariables(variables => variables
                .Set("RestoreConfigFile", config)
                .Set("NUGET_PACKAGES", packages)
                .Set("NUGET_HTTP_CACHE_PATH", _world.PathOf("http-cache")))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Cancel);
        Assert.True(restore.IsSuccess, $"dotnet restore failed:\n{restore.StandardOutput}\n{restore.StandardError}");
    }

    /// <summary>A package that says where it came from in content/source.txt.</summary>
    static byte[] Package(string id, string version, string source)
    {
        using var package = new MemoryStream();
        using (var zip = new ZipArchive(package, ZipArchiveMode.Create))
        {
            Write(zip, $"{id}.nuspec", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>tests</authors>
                    <description>A package from the {source}.</description>
                  </metadata>
                </package>
                """);
            Write(zip, "content/source.txt", source);
        }

        return package.ToArray();
    }

    static void Write(ZipArchive zip, string name, string text)
    {
        using var entry = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        entry.Write(text);
    }
}
