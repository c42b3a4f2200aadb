using System.Globalization;
using System.Net;

namespace OrdersClient;

/// <summary>A command line that cannot be run as given; the message says why.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A tool's options as --name value pairs, each with a default.</summary>
internal sealed class Arguments
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new UsageException($"Expected --name value pairs, not '{args[i]}'.");
            _values[args[i][2..]] = args[i + 1];
        }
    }

    /// <summary>The Api's address, which must be plain HTTP on a loopback address: these tools load and probe a local copy only.</summary>
    public Uri LoopbackUrl(string name)
    {
        var text = Required(name);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttp
            || !IPAddress.TryParse(url.Host, out var address)
            || !IPAddress.IsLoopback(address))
        {
            throw new UsageException($"--{name} is an http URL on a loopback address, such as http://127.0.0.1:5000, not '{text}'.");
        }

        return url;
    }

    /// <summary>The value given for <paramref name="name"/>, or null when there is none.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    /// <summary>The value given for <paramref name="name"/>, which must be there.</summary>
    public string Required(string name) => Text(name) ?? throw new UsageException($"--{name} is required.");

    public int Number(string name, int fallback, int minimum, int maximum)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new UsageException($"--{name} is a whole number from {minimum} to {maximum}, not '{text}'.");
    }

    /// <summary>A ratio above nothing, such as 1.10.</summary>
    public double Ratio(string name, double fallback)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"--{name} is a ratio such as 1.10, not '{text}'.");
    }

    /// <summary>A length of time: 90 (seconds), 90s, 10m or 2h.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        var hasUnit = text.Length > 0 && char.IsAsciiLetter(text[^1]);
        var unit = hasUnit ? text[^1] : 's';
        var amount = hasUnit ? text.AsSpan(0, text.Length - 1) : text.AsSpan();
        if (!double.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count) || count <= 0)
            throw new UsageException($"--{name} is a length of time such as 90s, 10m or 2h, not '{text}'.");
        return unit switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            _ => throw new UsageException($"--{name} ends in s, m or h, not '{unit}'."),
        };
    }
}
