using Ledger.Common;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Maps a handler's <see cref="Result{T}"/> to the HTTP answer: the value as JSON with the success status, or the
/// error as its problem. A replayed idempotent request gets the same value from its handler, hence the same answer.
/// </summary>
public static class ResultHttpExtensions
{
    /// <summary>200 with the value, or the error's problem.</summary>
    public static IResult ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.From(result.Error);

    /// <summary>201 with the value and, when <paramref name="location"/> gives one, a <c>Location</c>; or the error's problem.</summary>
    public static IResult ToCreated<T>(this Result<T> result, Func<T, string?>? location = null) =>
        result.IsSuccess ? TypedResults.Created(location?.Invoke(result.Value), result.Value) : Problems.From(result.Error);

    /// <summary>Any answer for the value, or the error's problem.</summary>
    public static IResult ToResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : Problems.From(result.Error);

    /// <summary>The problem of a broken rule.</summary>
    public static IResult ToProblem(this LedgerError error) => Problems.From(error);

    /// <inheritdoc cref="ToOk{T}(Result{T})"/>
    public static async Task<IResult> ToOk<T>(this Task<Result<T>> result) => (await result).ToOk();

    /// <inheritdoc cref="ToCreated{T}(Result{T}, Func{T, string?}?)"/>
    public static async Task<IResult> ToCreated<T>(this Task<Result<T>> result, Func<T, string?>? location = null) =>
        (await result).ToCreated(location);
}
