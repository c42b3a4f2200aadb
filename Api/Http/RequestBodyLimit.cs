namespace Api.Http;

/// <summary>
/// Refuses request bodies over a size with 413, whatever the host: Kestrel, the test server and the Lambda adapter
/// enforce different limits or none.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, long maxBytes)
{
    public const long DefaultMaxBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            await TooLarge(context);
            return;
        }

        if (request.ContentLength is null && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)))
        {
            // a body without a declared length is read up to the limit before anything else sees it
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await TooLarge(context);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
        }

        await next(context);
    }

    Task TooLarge(HttpContext context) =>
        Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"A request body is at most {maxBytes / 1024} KiB.")
            .ExecuteAsync(context);
}
