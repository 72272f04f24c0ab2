using System.Diagnostics;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// One log line per request at Information: method, path, status and time taken. The framework's own request logs
/// (two or more lines each, at Information) are turned down in <c>appsettings.json</c> in favour of this one, so an
/// operator's log stays readable. The query string is left out: it is where a careless client might put a secret.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("{Method} {Path} {StatusCode} {ElapsedMs:0.0} ms",
                    http.Request.Method, http.Request.Path.Value, http.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
