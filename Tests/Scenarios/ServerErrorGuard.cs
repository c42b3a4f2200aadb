using System.Net;

namespace Orders.Scenarios;

/// <summary>
/// Fails any exchange the server answers with a 5xx other than 503, so that no scenario can pass over a server error
/// the contract forbids: nothing a client sends may cause one.
/// </summary>
public sealed class ServerErrorGuard : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return response;
    }
}
