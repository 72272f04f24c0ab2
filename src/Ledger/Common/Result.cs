using System.Diagnostics.CodeAnalysis;

namespace Ledger.Common;

/// <summary>Either a value or the <see cref="LedgerError"/> that refused it. Handlers return it; endpoints map it.</summary>
public readonly struct Result<T>
{
    private Result(T? value, LedgerError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The error when not <see cref="IsSuccess"/>.</summary>
    public LedgerError? Error { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(LedgerError error) => new(default, error);
}
