using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Api.Http;

/// <summary>Answers requests the framework could not bind (malformed JSON, wrong types, wrong media type) with problem details.</summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;

        httpContext.Response.StatusCode = bad.StatusCode;
        ProblemDetails problem;
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is null or "$" ? "$" : json.Path.TrimStart('$', '.');
            var invalid = new HttpValidationProblemDetails { Title = "The request body is not valid JSON for this operation." };
            invalid.Errors[field] =
            [
                json.LineNumber is { } line
                    ? $"Malformed JSON, a value of the wrong type or an unknown field (line {line + 1}, position {json.BytePositionInLine + 1})."
                    : "Malformed JSON, a value of the wrong type or an unknown field.",
            ];
            problem = invalid;
        }
        else
        {
            problem = new ProblemDetails { Title = "Bad request", Detail = bad.Message };
        }

        problem.Status = bad.StatusCode;

        // answered, with a problem when the client accepts one and with the bare status when it does not
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        return true;
    }
}
