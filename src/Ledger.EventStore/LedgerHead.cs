namespace Ledger.EventStore;

/// <summary>
/// The ledger's head: the last event below the high-water mark. Honour rolls record it so a recomputation
/// can be compared with what was published.
/// </summary>
/// <param name="Position">Global position of the last committed event (0 for an empty ledger).</param>
/// <param name="Hash">That event's hash (<see cref="EventHasher.GenesisHash"/> for an empty ledger).</param>
/// <param name="Events">How many events there are up to <paramref name="Position"/>.</param>
public sealed record LedgerHead(long Position, string Hash, long Events);
