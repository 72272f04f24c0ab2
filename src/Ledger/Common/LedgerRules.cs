using System.Text.RegularExpressions;
using FluentValidation;

namespace Ledger.Common;

/// <summary>The input rules of the API contract, as constants and reusable FluentValidation rules.</summary>
public static partial class LedgerRules
{
    /// <summary>The most points one entry may carry, either way.</summary>
    public const long MaxPointsPerEntry = 1_000_000;

    /// <summary>The most participants one request may add.</summary>
    public const int MaxParticipantsPerRequest = 500;

    /// <summary>The longest name (characters, not bytes).</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest note, reason or address.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The most members one household lists.</summary>
    public const int MaxMembers = 50;

    /// <summary>True for an id of 1 to 64 letters, digits, <c>-</c> and <c>_</c>.</summary>
    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>True for non-blank text of at most <paramref name="max"/> characters without control characters.</summary>
    public static bool IsText(string? value, int max) =>
        !string.IsNullOrWhiteSpace(value) && value.EnumerateRunes().Count() <= max && !value.Any(char.IsControl);

    /// <summary>An id: 1 to 64 of <c>[A-Za-z0-9_-]</c>.</summary>
    public static IRuleBuilderOptions<T, string> MustBeId<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(IsId).WithMessage("'{PropertyName}' must be 1 to 64 letters, digits, '-' or '_'.");

    /// <summary>
    /// An optional global ledger position to show a read as of: 0 or more, and never together with a time
    /// (<paramref name="asOf"/>), since the two could name different states of the ledger.
    /// </summary>
    public static IRuleBuilderOptions<T, long?> MustBeLedgerCut<T>(this IRuleBuilder<T, long?> rule, Func<T, DateTimeOffset?> asOf) =>
        rule.Must(p => p is null or >= 0).WithMessage("'atPosition' must be a global ledger position: a whole number of 0 or more.")
            .Must((q, p) => p is null || asOf(q) is null).WithMessage("Give 'asOf' or 'atPosition', not both.");

    /// <summary>A name: 1 to 100 characters of free text.</summary>
    public static IRuleBuilderOptions<T, string> MustBeName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(v => IsText(v, MaxNameLength)).WithMessage($"'{{PropertyName}}' must be 1 to {MaxNameLength} characters.");

    /// <summary>Optional free text up to <see cref="MaxTextLength"/> characters; null is allowed.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeOptionalText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || IsText(v, MaxTextLength)).WithMessage($"'{{PropertyName}}' must be 1 to {MaxTextLength} characters when given.");

    /// <summary>Required free text up to <see cref="MaxTextLength"/> characters.</summary>
    public static IRuleBuilderOptions<T, string> MustBeText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(v => IsText(v, MaxTextLength)).WithMessage($"'{{PropertyName}}' must be 1 to {MaxTextLength} characters.");

    /// <summary>A member name when one is given (null means the head of household).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeOptionalName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || IsText(v, MaxNameLength)).WithMessage($"'{{PropertyName}}' must be 1 to {MaxNameLength} characters when given.");

    /// <summary>Whole, non-zero points of at most <see cref="MaxPointsPerEntry"/> either way.</summary>
    public static IRuleBuilderOptions<T, long> MustBeEntryPoints<T>(this IRuleBuilder<T, long> rule) =>
        rule.Must(p => p != 0 && Math.Abs(p) <= MaxPointsPerEntry)
            .WithMessage($"'{{PropertyName}}' must be non-zero and at most {MaxPointsPerEntry:N0} either way.");

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
