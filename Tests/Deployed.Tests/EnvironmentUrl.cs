namespace Deployed.Tests;

/// <summary>An environment's base URL from a variable: none when it is unset, an error that says so when it is no URL.</summary>
static class EnvironmentUrl
{
    public static Uri? Read(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var root) || root.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"{variable} must be an absolute http or https URL, not '{value}'.");
        return root;
    }
}
