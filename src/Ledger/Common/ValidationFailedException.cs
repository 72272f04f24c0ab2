namespace Ledger.Common;

/// <summary>
/// Thrown by the validation step of the mediator for a request whose response is not a <see cref="Result{T}"/>
/// (a request that returns a result gets <see cref="ValidationErrors.Failed"/> instead). The API answers it
/// with the 400 <c>validation-failed</c> problem.
/// </summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception($"Validation failed: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}")
{
    /// <summary>Field (JSON name) → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The same failure as a <see cref="LedgerError"/>.</summary>
    public LedgerError ToLedgerError() => ValidationErrors.Failed(Errors);
}
