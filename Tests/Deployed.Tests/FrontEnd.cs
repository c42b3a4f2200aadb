using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Deployed.Tests;

/// <summary>What the deploy published and how CloudFront answers for it: the app, its files, its settings, its policy.</summary>
public sealed partial class FrontEnd(DeployedFrontEnd frontEnd) : IClassFixture<DeployedFrontEnd>
{
    static readonly string[] SignInKinds = ["cognito", "local"];
    // S3 answers 403 to a key it does not have, since CloudFront may not list the bucket
    static readonly HttpStatusCode[] Missing = [HttpStatusCode.NotFound, HttpStatusCode.Forbidden];

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_app_answers_at_its_root_and_at_a_deep_link_with_the_same_page()
    {
        using var client = frontEnd.CreateClient();
        var root = await PageAsync(client, "");
        var deepLink = await PageAsync(client, $"orders/{Guid.NewGuid()}");
        var callback = await PageAsync(client, "auth/callback?code=x&state=y");

        Assert.Contains("<script type=\"module\"", root, StringComparison.Ordinal);
        Assert.Equal(root, deepLink);
        Assert.Equal(root, callback);
    }

    [Fact]
    public async Task The_scripts_and_styles_the_page_names_are_there()
    {
        using var client = frontEnd.CreateClient();
        var files = Files().Matches(await PageAsync(client, "")).Select(match => match.Groups["path"].Value).ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var answer = await client.GetAsync(file.TrimStart('/'), Cancel);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{file}: {(int)answer.StatusCode}");
            Assert.Matches("^(text|application)/(javascript|css)", answer.Content.Headers.ContentType?.MediaType ?? "");
        }
    }

    [Fact]
    public async Task A_missing_file_is_missing_not_the_app()
    {
        using var client = frontEnd.CreateClient();
        using var answer = await client.GetAsync($"assets/missing-{Guid.NewGuid():N}.js", Cancel);

        Assert.Contains(answer.StatusCode, Missing);
        Assert.NotEqual("text/html", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_settings_say_how_to_sign_in_and_are_asked_for_on_every_visit()
    {
        using var client = frontEnd.CreateClient();
        using var answer = await client.GetAsync("config.json", Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.CacheControl is { NoCache: true } or { NoStore: true }, $"Cache-Control: {answer.Headers.CacheControl}");
        using var settings = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel));
        var signIn = settings.RootElement.GetProperty("signIn");
        Assert.Contains(signIn.GetProperty("kind").GetString(), SignInKinds);
        if (signIn.GetProperty("kind").GetString() == "cognito")
        {
            Assert.StartsWith("https://", signIn.GetProperty("domain").GetString());
            Assert.False(string.IsNullOrEmpty(signIn.GetProperty("clientId").GetString()));
        }
    }

    [Fact]
    public async Task The_api_on_the_same_origin_is_never_answered_with_the_app()
    {
        using var client = frontEnd.CreateClient();
        using var answer = await client.GetAsync($"api/orders/{Guid.NewGuid()}", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.NotEqual("text/html", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_page_carries_a_content_security_policy_that_allows_no_inline_script()
    {
        using var client = frontEnd.CreateClient();
        using var answer = await client.GetAsync("", Cancel);

        Assert.True(answer.Headers.TryGetValues("Content-Security-Policy", out var values), "The page has no Content-Security-Policy.");
        var directives = string.Join(";", values).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.DoesNotContain(directives, directive => directive.Contains("unsafe-", StringComparison.Ordinal));
    }

    static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(path, Cancel);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"/{path}: {(int)answer.StatusCode}");
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        return await answer.Content.ReadAsStringAsync(Cancel);
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>/assets/[^""]+\.(?:js|css))""")]
    private static partial Regex Files();
}
