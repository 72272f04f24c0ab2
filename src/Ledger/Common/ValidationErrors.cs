namespace Ledger.Common;

/// <summary>The error of input that breaks a validator's rules; the domain's other errors live in <c>LedgerErrors</c>.</summary>
public static class ValidationErrors
{
    /// <summary>
    /// Input that breaks the rules (400), with <paramref name="errors"/> (field → messages) published as the
    /// problem's <c>errors</c> member. Field names are the JSON names (camelCase, <c>lines[0].sku</c>).
    /// </summary>
    public static LedgerError Failed(IReadOnlyDictionary<string, string[]> errors) => new(
        ProblemTypes.ValidationFailed,
        ErrorKind.Invalid,
        "Validation failed",
        errors.Count == 1 ? "One field is invalid." : $"{errors.Count} fields are invalid.",
        new Dictionary<string, object?> { ["errors"] = errors });
}
