using Ledger.Api.Infrastructure;
using Ledger.Common;

namespace Ledger.Api.Endpoints;

/// <summary>What the ledger's endpoints declare and check the same way.</summary>
internal static class EndpointConventions
{
    /// <summary>The OpenAPI description of the <c>Idempotency-Key</c> header every ledger-changing request accepts.</summary>
    public const string IdempotencyKeyDescription = OpenApiComposition.IdempotencyDescription;

    /// <summary>The shared part of every ledger-changing operation's description.</summary>
    public const string IdempotencyNote =
        "\n\nSafe to retry with an `Idempotency-Key`: a replay returns the first answer and appends nothing.";

    /// <summary>Declares the problem answers of an endpoint (400 as a validation problem, with its <c>errors</c> map).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder = status == StatusCodes.Status400BadRequest
                ? builder.ProducesValidationProblem()
                : builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>
    /// A 400 <c>validation-failed</c> problem naming each required value the body left out, or null when none is missing.
    /// Only for values the domain's validators cannot see missing (numbers, dates, enums); text is checked by them.
    /// </summary>
    public static IResult? Missing(params (string Field, bool Present)[] values)
    {
        var missing = values.Where(v => !v.Present)
            .ToDictionary(v => v.Field, v => new[] { $"'{v.Field}' is required." }, StringComparer.Ordinal);
        return missing.Count == 0 ? null : Problems.Validation(missing);
    }

    /// <summary>
    /// Renames fields in a validation failure where the body calls a value differently from the command
    /// (a rule's <c>id</c> is the command's <c>ruleId</c>), so the client is told about the field it sent.
    /// </summary>
    public static Result<T> WithBodyFieldNames<T>(this Result<T> result, params (string Command, string Body)[] names)
    {
        if (result.IsSuccess || result.Error.Type != ProblemTypes.ValidationFailed
            || result.Error.Extensions?.GetValueOrDefault("errors") is not IReadOnlyDictionary<string, string[]> errors)
        {
            return result;
        }

        var renamed = errors.ToDictionary(
            e => names.FirstOrDefault(n => n.Command == e.Key).Body ?? e.Key, e => e.Value, StringComparer.Ordinal);
        return ValidationErrors.Failed(renamed);
    }
}
