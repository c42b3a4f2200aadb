using System.Text.Json;

namespace Delivery.Tests;

public sealed class PublishWebTests : IDisposable
{
    const string CachedForAYear = "public, max-age=31536000, immutable";
    readonly StandInWorld _world = new();

    public PublishWebTests()
    {
        // what npm run build makes in web/dist
        WriteBuild("index.html", """<!doctype html><script type="module" src="/assets/index-4f3a2b.js"></script>""");
        WriteBuild("assets/index-4f3a2b.js", "document.title = 'Orders';");
        WriteBuild("assets/index-9c8d7e.css", "body { margin: 0; }");
        _world.Variables["WEB_DIST"] = _world.PathOf("dist");
    }

    public void Dispose() => _world.Dispose();

    void WriteBuild(string name, string content)
    {
        var path = _world.PathOf(Path.Combine("dist", name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    static string InTheBucket(string key) => $"{StandInWorld.WebBucket}/{key}";

    S3Upload UploadOf(string key) => Assert.Single(_world.S3Uploads, upload => upload.Address == InTheBucket(key));

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_index_html_and_config_json_are_asked_for_on_every_visit()
    {
        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(CachedForAYear, UploadOf("assets/index-4f3a2b.js").CacheControl);
        Assert.Equal(CachedForAYear, UploadOf("assets/index-9c8d7e.css").CacheControl);
        Assert.Equal("no-cache", UploadOf("index.html").CacheControl);
        Assert.Equal("no-cache", UploadOf("config.json").CacheControl);
    }

    [Fact]
    public async Task Index_html_and_config_json_are_sent_with_their_content_types()
    {
        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("text/html; charset=utf-8", UploadOf("index.html").ContentType);
        Assert.Equal("application/json", UploadOf("config.json").ContentType);
    }

    [Fact]
    public async Task Config_json_names_the_environments_hosted_sign_in_and_web_client()
    {
        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var config = JsonDocument.Parse(_world.S3Content(InTheBucket("config.json")));
        Assert.Equal(["signIn"], config.RootElement.EnumerateObject().Select(property => property.Name));
        var signIn = config.RootElement.GetProperty("signIn");
        Assert.Equal(["kind", "domain", "clientId"], signIn.EnumerateObject().Select(property => property.Name));
        Assert.Equal("cognito", signIn.GetProperty("kind").GetString());
        Assert.Equal(StandInWorld.SignInDomain, signIn.GetProperty("domain").GetString());
        Assert.Equal(StandInWorld.WebClientId, signIn.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task A_config_json_in_the_build_is_replaced_by_the_environments()
    {
        WriteBuild("config.json", """{"signIn":{"kind":"local","tokens":[]}}""");

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("application/json", UploadOf("config.json").ContentType);
        Assert.Contains(StandInWorld.WebClientId, _world.S3Content(InTheBucket("config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_html_is_uploaded_last_once_everything_it_names_is_there_and_then_invalidated()
    {
        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(InTheBucket("index.html"), _world.S3Uploads[^1].Address);
        var calls = _world.Calls.ToList();
        var lastUpload = calls.FindLastIndex(call => call.StartsWith("aws s3 ", StringComparison.Ordinal));
        var invalidation = calls.FindIndex(call => call.StartsWith("aws cloudfront create-invalidation", StringComparison.Ordinal));
        Assert.True(lastUpload >= 0 && invalidation > lastUpload, string.Join(Environment.NewLine, calls));
    }

    [Fact]
    public async Task Only_the_unhashed_files_are_invalidated()
    {
        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        var invalidation = Assert.Single(_world.Calls, call => call.StartsWith("aws cloudfront create-invalidation", StringComparison.Ordinal));
        Assert.StartsWith($"aws cloudfront create-invalidation --distribution-id {StandInWorld.DistributionId} --paths /index.html /config.json / --", invalidation);
        Assert.DoesNotContain("/assets", invalidation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_unhashed_file_of_the_build_is_asked_for_on_every_visit_and_invalidated()
    {
        WriteBuild("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("no-cache", UploadOf("favicon.svg").CacheControl);
        Assert.Contains(_world.Calls, call => call.StartsWith("aws cloudfront create-invalidation", StringComparison.Ordinal) &&
                                             call.Contains(" /favicon.svg ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publishing_deletes_nothing_so_tabs_opened_before_keep_loading_the_previous_releases_assets()
    {
        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws s3 rm", StringComparison.Ordinal) ||
                                                   call.StartsWith("aws s3 sync", StringComparison.Ordinal) ||
                                                   call.Contains("--delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_upload_of_the_assets_publishes_no_index_html_and_invalidates_nothing()
    {
        _world.Variables["STANDIN_S3_FAIL"] = "assets/";

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("could not upload the assets", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.S3Uploads, upload => upload.Address == InTheBucket("index.html"));
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws cloudfront", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workspace_gets_the_web_app_of_its_own_outputs()
    {
        _world.AddWorkspaces("development", "pr-42");

        var run = await _world.RunAsync("publish-web.sh", "development", "pr-42");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("terraform development/pr-42: output -json environment", _world.Calls);
        Assert.Equal(["default", "pr-42"], _world.Workspaces("development"));
    }

    [Fact]
    public async Task A_workspace_that_was_never_deployed_is_refused_before_anything_is_uploaded()
    {
        var run = await _world.RunAsync("publish-web.sh", "development", "pr-42");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("development has no workspace pr-42", run.Error, StringComparison.Ordinal);
        Assert.Equal(["default"], _world.Workspaces("development"));
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_environment_without_the_sign_in_domain_gets_nothing_uploaded()
    {
        _world.Outputs.Remove("sign_in_domain");

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the environment has no output sign_in_domain", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.S3Uploads);
    }

    [Fact]
    public async Task A_build_folder_that_does_not_exist_is_refused_before_anything_runs()
    {
        _world.Variables["WEB_DIST"] = _world.PathOf("no-such-dist");

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("does not exist; build the web app first", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task A_build_folder_without_index_html_is_refused_before_anything_runs()
    {
        File.Delete(_world.PathOf(Path.Combine("dist", "index.html")));

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("has no index.html", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task Without_a_build_folder_named_nothing_runs()
    {
        _world.Variables.Remove("WEB_DIST");

        var run = await _world.RunAsync("publish-web.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("WEB_DIST is not set", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task Production_is_published_to_only_after_its_account_is_checked()
    {
        _world.Variables["STANDIN_ACCOUNT"] = StandInWorld.ProductionAccount;

        var run = await _world.RunAsync("publish-web.sh", "production");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("AWS_ACCOUNT_ID is not set", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }
}
