using System.Collections.Immutable;
using Ledger.Common;

namespace Redemption.Redemptions;

/// <summary>A redemption folded from <c>redemption-{rid}</c>: its receipt, its cancellation and its fulfilled vouchers.</summary>
public sealed record RedemptionState
{
    /// <summary>Before the receipt.</summary>
    public static RedemptionState Initial { get; } = new();

    /// <summary>The receipt; null before it is recorded.</summary>
    public RedemptionRecorded? Receipt { get; init; }

    /// <summary>The cancellation, if any.</summary>
    public RedemptionCancelled? Cancellation { get; init; }

    /// <summary>Fulfilled vouchers by voucher id.</summary>
    public ImmutableDictionary<string, VoucherFulfilled> Fulfilled { get; init; } =
        ImmutableDictionary.Create<string, VoucherFulfilled>(StringComparer.Ordinal);

    /// <summary>The stream version folded so far.</summary>
    public long Version { get; init; }

    /// <summary>True once the receipt is recorded.</summary>
    public bool Exists => Receipt is not null;

    /// <summary>The receipt line that issued <paramref name="voucherId"/>, or null.</summary>
    public RedemptionLine? LineOf(string voucherId) =>
        Receipt?.Lines.FirstOrDefault(l => l.Vouchers.Contains(voucherId, StringComparer.Ordinal));

    /// <summary>The fold of <c>redemption-{rid}</c>; events of other types are ignored.</summary>
    public static RedemptionState Evolve(RedemptionState state, EventEnvelope e) => (e.Data switch
    {
        RedemptionRecorded r => state with { Receipt = r },
        RedemptionCancelled c => state with { Cancellation = c },
        VoucherFulfilled f => state with { Fulfilled = state.Fulfilled.SetItem(f.VoucherId, f) },
        _ => state,
    }) with { Version = e.Version };
}
