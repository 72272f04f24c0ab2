using System.Diagnostics;
using System.Reflection;
using Ledger.Common;
using Redemption.Redemptions.Redeem;
using MediatR;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Times every mediator request (<see cref="LedgerMetrics.Commands"/>, tagged with its name and outcome), and
/// redemptions again on their own instrument, the figure a district watches at the counters.
/// </summary>
internal sealed class CommandMetricsBehavior<TRequest, TResponse>(LedgerMetrics metrics) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Name = typeof(TRequest).Name.EndsWith("Command", StringComparison.Ordinal)
        ? typeof(TRequest).Name[..^"Command".Length]
        : typeof(TRequest).Name;

    // Handlers answer Result<T>; its Error says how a refused request ended without an exception.
    private static readonly PropertyInfo? ErrorProperty = typeof(TResponse).GetProperty(nameof(Result<int>.Error));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await next();
            outcome = ErrorProperty?.GetValue(response) is LedgerError error ? error.Type : "ok";
            return response;
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
            metrics.Commands.Record(seconds, new KeyValuePair<string, object?>("command", Name), outcomeTag);
            if (request is RedeemCommand)
            {
                metrics.Redemptions.Record(seconds, outcomeTag);
            }
        }
    }
}
