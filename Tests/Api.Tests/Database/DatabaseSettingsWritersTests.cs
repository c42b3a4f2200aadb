using System.Text.RegularExpressions;
using Api.Database;

namespace Api.Tests.Database;

/// <summary>
/// What gives the Api its database settings outside C# (Terraform, the scripts) or without a reference to the Api (the
/// AppHost) writes them as environment variables (Database__Host): each must be one the options know, or the Api refuses
/// to start there.
/// </summary>
public sealed partial class DatabaseSettingsWritersTests
{
    static readonly string[] Writers =
    [
        "AppHost/OrdersDatabase.cs",
        "terraform/modules/api/main.tf",
        "terraform/modules/api/outputs.tf",
        "terraform/modules/api/tests/function.tftest.hcl",
        "terraform/modules/api/tests/migration.tftest.hcl",
        ".ci/packaged-api.sh",
        "bench/api-under-test.sh",
        "bench/run.sh",
    ];

    static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static TheoryData<string> WriterFiles => new(Writers);

    [Theory]
    [MemberData(nameof(WriterFiles))]
    public void A_writer_sets_only_settings_the_options_know(string writer)
    {
        var known = typeof(DatabaseOptions).GetProperties().Where(property => property.CanWrite).Select(property => property.Name).ToHashSet();
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, writer));

        var written = Setting().Matches(text).Select(match => match.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(written);
        Assert.All(written, name => Assert.True(known.Contains(name), $"{writer} sets {DatabaseOptions.Section}__{name}, which the options do not know."));
    }

    [GeneratedRegex($@"\b{DatabaseOptions.Section}__(?<name>[A-Za-z]+)")]
    private static partial Regex Setting();

    static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Solution.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No Solution.sln above {AppContext.BaseDirectory}: the test reads the files of the repository it was built in.");
    }
}
