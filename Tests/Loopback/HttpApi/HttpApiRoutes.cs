using System.Text.RegularExpressions;

namespace Orders.Loopback.HttpApi;

/// <summary>
/// The routes of an HTTP API, by route key ("GET /health", "ANY /api/{proxy+}"), matched in the order of
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html as far as this API needs:
/// a full match before a greedy path variable, a method before ANY, and otherwise the order declared (API Gateway would
/// also prefer a literal segment to a variable one, and a longer greedy prefix to a shorter one). A request no route
/// matches is API Gateway's 404, never the function's.
/// </summary>
public sealed partial class HttpApiRoutes
{
    readonly IReadOnlyList<Route> _routes;

    public HttpApiRoutes(IEnumerable<string> routeKeys)
    {
        _routes = [.. routeKeys.Select(Route.Parse).OrderBy(route => route.Greedy).ThenBy(route => route.Method == "ANY")];
        if (_routes.Count == 0)
            throw new ArgumentException("An HTTP API needs at least one route.", nameof(routeKeys));
    }

    public IEnumerable<string> Keys => _routes.Select(route => route.Key);

    /// <summary>
    /// The routes a Terraform file declares as the keys of a map, one a line (`"GET /health" = ...`), so that the
    /// stand-in passes exactly what the deployed API passes.
    /// </summary>
    public static HttpApiRoutes FromTerraform(string file)
    {
        var keys = TerraformRouteKey().Matches(File.ReadAllText(file)).Select(key => key.Groups["key"].Value).ToList();
        return keys.Count > 0
            ? new HttpApiRoutes(keys)
            : throw new InvalidOperationException($"{file} declares no route key (a line such as \"GET /health\" = {{ ... }}).");
    }

    /// <summary>The route the request takes, with its path parameters (decoded, as the path is), or none.</summary>
    public RouteMatch? Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var route in _routes)
        {
            if (route.Method != "ANY" && !string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                continue;
            if (route.Match(segments) is { } parameters)
                return new RouteMatch(route.Key, parameters);
        }

        return null;
    }

    sealed record Route(string Key, string Method, string[] Segments, bool Greedy)
    {
        public static Route Parse(string key)
        {
            var parts = key.Split(' ', 2);
            if (parts is not [var method, var path] || !path.StartsWith('/'))
                throw new ArgumentException($"'{key}' is no route key: METHOD /path, such as GET /health.", nameof(key));
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var greedy = segments.Length > 0 && segments[^1].EndsWith("+}", StringComparison.Ordinal);
            return new Route(key, method.ToUpperInvariant(), segments, greedy);
        }

        public Dictionary<string, string>? Match(string[] path)
        {
            var parameters = new Dictionary<string, string>();
            for (var i = 0; i < Segments.Length; i++)
            {
                var template = Segments[i];
                if (Greedy && i == Segments.Length - 1)
                {
                    // a greedy variable takes one segment or more: the rest of the path
                    if (path.Length <= i)
                        return null;
                    parameters[template[1..^2]] = string.Join('/', path[i..]);
                    return parameters;
                }

                if (i >= path.Length)
                    return null;
                if (template.StartsWith('{') && template.EndsWith('}'))
                    parameters[template[1..^1]] = path[i];
                else if (template != path[i])
                    return null;
            }

            return path.Length == Segments.Length ? parameters : null;
        }
    }

    [GeneratedRegex(@"^\s*""(?<key>(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /[^""]*)""\s*=", RegexOptions.Multiline)]
    private static partial Regex TerraformRouteKey();
}

/// <summary>The route a request took: its key and its path parameters.</summary>
public sealed record RouteMatch(string RouteKey, IReadOnlyDictionary<string, string> PathParameters);
