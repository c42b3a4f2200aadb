using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orders.Loopback;

namespace Delivery.Tests;

/// <summary>
/// notify-chat.sh against a Slack incoming webhook on loopback that keeps what is posted to it: what the message says and
/// links, and that neither a missing webhook nor one that fails ever fails the script or shows the webhook's address.
/// </summary>
public sealed class NotifyChatTests : IAsyncLifetime
{
    const string WebhookPath = "/services/T0EXAMPLE/B0EXAMPLE/not-a-real-token-0123";
    const string RunUrl = "https://github.com/example-org/orders/actions/runs/1234";
    const string EnvironmentUrl = "https://d111111abcdef8.cloudfront.net";
    const string Console = "https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1";

    readonly StandInWorld _world = new();
    readonly ConcurrentQueue<Post> _posts = new();
    LoopbackServer? _slack;
    int _status = StatusCodes.Status200OK;

    sealed record Post(string Path, string ContentType, JsonElement Body);

    public async ValueTask InitializeAsync()
    {
        _slack = await LoopbackServer.StartAsync(routes => routes.MapPost("/services/{**rest}", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            _posts.Enqueue(new Post(request.Path, request.ContentType ?? "", body));
            return _status == StatusCodes.Status200OK ? Results.Text("ok") : Results.Text("no_service", statusCode: _status);
        }));
        _world.Variables["GITHUB_SERVER_URL"] = "https://github.com";
        _world.Variables["GITHUB_REPOSITORY"] = "example-org/orders";
        _world.Variables["GITHUB_RUN_ID"] = "1234";
        _world.Variables["AWS_REGION"] = "eu-central-1";
    }

    public async ValueTask DisposeAsync()
    {
        if (_slack is not null)
            await _slack.DisposeAsync();
        _world.Dispose();
    }

    string Webhook => $"{_slack!.Address.ToString().TrimEnd('/')}{WebhookPath}";

    /// <summary>Runs the script as a workflow step would, with curl's command lines recorded on the way.</summary>
    async Task<ScriptRun> NotifyAsync(params string[] arguments)
    {
        var bin = Directory.CreateDirectory(_world.PathOf("recording-bin")).FullName;
        var curl = Path.Combine(bin, "curl");
        File.WriteAllText(curl, """
            #!/usr/bin/env bash
            # records curl's command line, then runs the real curl
            printf '%s\n' "$*" >>"${0%/*}/curl-calls"
            PATH=${PATH#"${0%/*}:"} exec curl "$@"
            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(curl, File.GetUnixFileMode(curl) | UnixFileMode.UserExecute);
        _world.Variables["PATH"] = $"{bin}:{_world.Variables["PATH"]}";
        return await _world.RunAsync("notify-chat.sh", arguments);
    }

    IReadOnlyList<string> CurlCalls => File.Exists(_world.PathOf("recording-bin/curl-calls")) ? File.ReadAllLines(_world.PathOf("recording-bin/curl-calls")) : [];

    void AssertWebhookNeverShown(ScriptRun run)
    {
        Assert.DoesNotContain(WebhookPath, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookPath, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(CurlCalls, call => call.Contains(WebhookPath, StringComparison.Ordinal));
    }

    static string Text(Post post) => post.Body.GetProperty("text").GetString()!;

    static string Mrkdwn(Post post) => post.Body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;

    [Fact]
    public async Task A_message_says_what_happened_and_links_the_run_the_environment_and_its_logs_and_traces()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;

        var run = await NotifyAsync("--environment", "development", "--workspace", "pr-7", "--url", EnvironmentUrl,
            "The deploy of development (pr-7) rolled back: the alarm development-pr-7-api-5xx-1m fired");

        Assert.True(run.ExitCode == 0, run.ToString());
        var post = Assert.Single(_posts);
        Assert.Equal(WebhookPath, post.Path);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        const string logs = $"{Console}#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fdevelopment-pr-7-api";
        const string traces = $"{Console}#xray:traces/query";

        var mrkdwn = Mrkdwn(post);
        Assert.Contains("*The deploy of development (pr-7) rolled back: the alarm development-pr-7-api-5xx-1m fired*", mrkdwn, StringComparison.Ordinal);
        Assert.Contains("Environment: *development, workspace pr-7*", mrkdwn, StringComparison.Ordinal);
        Assert.Contains($"<{EnvironmentUrl}|{EnvironmentUrl}>", mrkdwn, StringComparison.Ordinal);
        Assert.Contains($"<{RunUrl}|The workflow run>", mrkdwn, StringComparison.Ordinal);
        Assert.Contains($"<{logs}|logs of /aws/lambda/development-pr-7-api>", mrkdwn, StringComparison.Ordinal);
        Assert.Contains($"<{traces}|traces> (filter `service(\"development-pr-7-api\")`)", mrkdwn, StringComparison.Ordinal);

        // the plain text Slack shows in notifications carries the same
        var text = Text(post);
        Assert.StartsWith("The deploy of development (pr-7) rolled back", text, StringComparison.Ordinal);
        foreach (var link in new[] { $"URL: {EnvironmentUrl}", $"Run: {RunUrl}", $"Logs: {logs}", traces })
            Assert.Contains(link, text, StringComparison.Ordinal);

        Assert.Contains("Told the chat: The deploy of development (pr-7) rolled back", run.Output, StringComparison.Ordinal);
        AssertWebhookNeverShown(run);
    }

    [Fact]
    public async Task The_function_log_group_region_and_run_can_be_named_instead_of_derived()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;
        _world.Variables.Remove("AWS_REGION");

        var run = await NotifyAsync("--function", "production-debug-api", "--log-group", "/aws/lambda/production-debug-api",
            "--region", "eu-west-1", "--run-url", "https://github.com/example-org/orders/actions/runs/99", "The removal of production (debug) failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = Text(Assert.Single(_posts));
        Assert.Contains("Run: https://github.com/example-org/orders/actions/runs/99", text, StringComparison.Ordinal);
        Assert.Contains("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fproduction-debug-api", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Environment:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_region_the_message_has_no_console_links()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;
        _world.Variables.Remove("AWS_REGION");

        var run = await NotifyAsync("--environment", "preproduction", "The daily deployed scenarios against preproduction failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        var post = Assert.Single(_posts);
        Assert.DoesNotContain("console.aws.amazon.com", post.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Contains($"Run: {RunUrl}", Text(post), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_or_region_gone_wrong_is_left_out_and_the_message_still_goes()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;

        var run = await NotifyAsync("--environment", "development", "--url", "d111111abcdef8.cloudfront.net|x", "--region", "Frankfurt",
            "The daily deployed scenarios against development failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        var post = Assert.Single(_posts);
        Assert.DoesNotContain("d111111abcdef8", post.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("console.aws.amazon.com", post.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("leaving out 'd111111abcdef8.cloudfront.net|x'", run.Error, StringComparison.Ordinal);
        Assert.Contains("'Frankfurt' is not an AWS region name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_happened_is_escaped_so_Slack_shows_it_as_written()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;

        var run = await NotifyAsync("Scenarios <Orders> & <Idempotency> failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        var post = Assert.Single(_posts);
        Assert.Contains("*Scenarios &lt;Orders&gt; &amp; &lt;Idempotency&gt; failed*", Mrkdwn(post), StringComparison.Ordinal);
        Assert.StartsWith("Scenarios &lt;Orders&gt; &amp; &lt;Idempotency&gt; failed", Text(post), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_webhook_nothing_is_sent_and_the_script_succeeds()
    {
        var run = await NotifyAsync("--environment", "development", "--url", EnvironmentUrl, "The daily sweep of previews failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(_posts);
        Assert.Empty(CurlCalls);
        Assert.Equal("No chat webhook is configured (CHAT_WEBHOOK_URL is empty); nothing was sent.", run.Output.Trim());
    }

    [Fact]
    public async Task A_webhook_that_answers_500_is_tried_again_then_a_warning_and_the_script_succeeds()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;
        _status = StatusCodes.Status500InternalServerError;

        var run = await NotifyAsync("--environment", "production", "The deploy of production failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, _posts.Count);
        var warning = Assert.Single(run.Output.Split('\n'), line => line.StartsWith("::warning::", StringComparison.Ordinal));
        Assert.Contains("not sent: the webhook answered HTTP 500 no_service", warning, StringComparison.Ordinal);
        AssertWebhookNeverShown(run);
    }

    [Fact]
    public async Task A_webhook_that_cannot_be_reached_gives_a_warning_and_the_script_succeeds()
    {
        // a port that was free a moment ago and nothing listens on
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _world.Variables["CHAT_WEBHOOK_URL"] = $"http://127.0.0.1:{port}{WebhookPath}";

        var run = await NotifyAsync("--environment", "production", "The deploy of production failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        var warning = Assert.Single(run.Output.Split('\n'), line => line.StartsWith("::warning::", StringComparison.Ordinal));
        Assert.Contains("not sent: the webhook could not be reached", warning, StringComparison.Ordinal);
        AssertWebhookNeverShown(run);
    }

    [Fact]
    public async Task A_webhook_setting_that_is_no_url_gives_a_warning_without_showing_it()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = "hooks.slack.com" + WebhookPath + " pasted with a space";

        var run = await NotifyAsync("The deploy of production failed");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("::warning::The chat message was not sent: CHAT_WEBHOOK_URL is not an http(s) URL.", run.Output, StringComparison.Ordinal);
        Assert.Empty(CurlCalls);
        AssertWebhookNeverShown(run);
    }

    [Fact]
    public async Task An_unknown_environment_is_a_mistake_of_the_caller_and_sends_nothing()
    {
        _world.Variables["CHAT_WEBHOOK_URL"] = Webhook;

        var run = await NotifyAsync("--environment", "staging", "The deploy of staging failed");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("unknown environment 'staging'", run.Error, StringComparison.Ordinal);
        Assert.Empty(_posts);
    }
}
