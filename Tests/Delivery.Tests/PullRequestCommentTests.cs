namespace Delivery.Tests;

public sealed class PullRequestCommentTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    string Body(string text) => _world.WriteFile("comment.md", text);

    void Comments(string json) => _world.Variables["STANDIN_COMMENTS"] = _world.WriteFile("comments.json", json);

    [Fact]
    public async Task The_first_comment_under_a_key_is_written_with_the_key_as_its_marker()
    {
        Comments("""[{ "id": 7, "body": "Looks good" }]""");

        var run = await _world.RunAsync("comment-on-pull-request.sh", "42", "plan", Body("### terraform plan: development"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var write = Assert.Single(_world.Calls, call => call.StartsWith("gh api --method", StringComparison.Ordinal));
        Assert.Equal(@"gh api --method POST repos/{owner}/{repo}/issues/42/comments -f body=<!-- orders:plan -->\n### terraform plan: development", write);
    }

    [Fact]
    public async Task A_later_comment_under_the_same_key_updates_the_first_instead_of_adding_one()
    {
        Comments("""
            [
              { "id": 7, "body": "<!-- orders:preview -->\nPreview: https://old" },
              { "id": 8, "body": "<!-- orders:plan -->\nPlan: 1 to add" }
            ]
            """);

        var run = await _world.RunAsync("comment-on-pull-request.sh", "42", "plan", Body("Plan: 2 to add"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var write = Assert.Single(_world.Calls, call => call.StartsWith("gh api --method", StringComparison.Ordinal));
        Assert.StartsWith("gh api --method PATCH repos/{owner}/{repo}/issues/comments/8 ", write);
    }
}
