namespace Ledger.Common;

/// <summary>
/// Builders and combinators for <see cref="Result{T}"/>. The struct's implicit conversions do not apply to
/// values of interface type (C# never converts from an interface through a user-defined operator), so
/// <c>Result.Ok&lt;IReadOnlyList&lt;IHouseholdEvent&gt;&gt;(events)</c> is how a decider returns its stream's events.
/// </summary>
public static class Result
{
    /// <summary>A success holding <paramref name="value"/>.</summary>
    public static Result<T> Ok<T>(T value) => value;

    /// <summary>A failure holding <paramref name="error"/>.</summary>
    public static Result<T> Fail<T>(LedgerError error) => error;

    /// <summary>Transforms the value of a success; passes a failure through.</summary>
    public static Result<TOut> Map<TIn, TOut>(this Result<TIn> result, Func<TIn, TOut> map) =>
        result.IsSuccess ? map(result.Value) : result.Error;
}
