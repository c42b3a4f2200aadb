using ScenarioCallers;

namespace Delivery.Tests;

/// <summary>The file of the callers' access tokens, written in-process.</summary>
public sealed class CallersFileTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("callers-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_member_of_staff_and_the_customers_each_have_a_token()
    {
        Assert.Equal("""{"staff":{"token":"s"},"customers":[{"token":"c1"},{"token":"c2"}]}""", CallersFile.Json("s", ["c1", "c2"]));
    }

    [Fact]
    public void Without_a_member_of_staff_there_is_no_staff()
    {
        Assert.Equal("""{"customers":[{"token":"c1"}]}""", CallersFile.Json(null, ["c1"]));
    }

    [Fact]
    public void The_file_replaces_what_was_there_is_readable_by_its_owner_only_and_leaves_nothing_beside_it()
    {
        var path = Path.Combine(_folder, "callers.json");
        File.WriteAllText(path, "from an earlier run");

        CallersFile.Write(path, "{}");

        Assert.Equal("{}\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_file_that_cannot_be_written_fails_the_command_by_its_path()
    {
        var path = Path.Combine(_folder, "missing", "callers.json");

        var failed = Assert.Throws<CommandFailedException>(() => CallersFile.Write(path, "{}"));

        Assert.Contains($"could not write {path}", failed.Message, StringComparison.Ordinal);
    }
}
