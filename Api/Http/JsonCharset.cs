using Microsoft.Net.Http.Headers;

namespace Api.Http;

/// <summary>
/// JSON between systems is UTF-8 (RFC 8259): a body that declares another charset, or one nobody knows, is a 415
/// rather than a failure to read it; a quoted "utf-8" is read as utf-8.
/// </summary>
public sealed class JsonCharset(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) && contentType.Charset.HasValue)
        {
            var charset = HeaderUtilities.RemoveQuotes(contentType.Charset);
            if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status415UnsupportedMediaType,
                        Title = "Unsupported charset",
                        Detail = $"The body is read as UTF-8 JSON; '{charset}' is not UTF-8. Send charset=utf-8, or no charset.",
                    },
                });
                return;
            }

            contentType.Charset = "utf-8";
            request.ContentType = contentType.ToString();
        }

        await next(context);
    }
}
