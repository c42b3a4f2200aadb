using System.Text;
using System.Text.Json;

namespace ScenarioCallers;

/// <summary>
/// The file of the callers' access tokens, as ORDERS_CALLERS_FILE of Deployed.Tests reads it:
/// {"staff":{"token":"..."},"customers":[{"token":"..."},...]}, with no "staff" when the run made no member of staff
/// (the scenarios that need one are skipped then).
/// </summary>
public static class CallersFile
{
    public static string Json(string? staffToken, IEnumerable<string> customerTokens)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (staffToken is not null)
            {
                json.WriteStartObject("staff");
                json.WriteString("token", staffToken);
                json.WriteEndObject();
            }

            json.WriteStartArray("customers");
            foreach (var token in customerTokens)
            {
                json.WriteStartObject();
                json.WriteString("token", token);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes content to path readable by its owner only, replacing in one step whatever was there.</summary>
    public static void Write(string path, string content)
    {
        // made beside it, so that the move is a rename and nobody reads a half-written file
        var written = $"{path}.{Path.GetRandomFileName()}";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(written, options))
                file.Write(Encoding.UTF8.GetBytes(content + "\n"));
            File.Move(written, path, overwrite: true);
        }
        catch (Exception cannotWrite) when (cannotWrite is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(written))
                File.Delete(written);
            throw new CommandFailedException($"could not write {path}: {cannotWrite.Message}");
        }
    }
}
