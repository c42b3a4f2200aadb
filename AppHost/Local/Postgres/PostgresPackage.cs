using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orders.Local.Postgres;

/// <summary>
/// The npm packages of PostgreSQL's server binaries that local runs use (npm/package.json beside this assembly):
/// their version, whose major is the one Aurora runs, and the package that fits this machine.
/// </summary>
public sealed record PostgresPackage(string Folder, string Version)
{
    public const string Scope = "@embedded-postgres";

    /// <summary>The major version, as PostgreSQL names its data folders' format.</summary>
    public int Major => int.Parse(Version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The package of this operating system and CPU, as the npm scope names them.</summary>
    public static string Platform
    {
        get
        {
            var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : null;
            var cpu = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            return os is null || cpu is null
                ? throw new PlatformNotSupportedException($"There are no PostgreSQL server binaries on npm for {RuntimeInformation.OSDescription} on {RuntimeInformation.OSArchitecture}.")
                : $"{os}-{cpu}";
        }
    }

    /// <summary>The package.json and lockfile copied beside this assembly.</summary>
    public static PostgresPackage Read() => Read(Path.Combine(AppContext.BaseDirectory, "npm"));

    public static PostgresPackage Read(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        var versions = document.RootElement.GetProperty("optionalDependencies").EnumerateObject()
            .Select(dependency => dependency.Value.GetString()!)
            .Distinct()
            .ToList();
        return versions.Count == 1
            ? new PostgresPackage(folder, versions[0])
            : throw new InvalidDataException($"{folder}/package.json must name one version of {Scope}'s packages, not {string.Join(", ", versions)}.");
    }
}
