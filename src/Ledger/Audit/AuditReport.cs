namespace Ledger.Audit;

/// <summary>What the auditor's replay found: the shape of <c>GET /api/audit/verify</c>.</summary>
/// <param name="Ok">True when no check found a problem.</param>
/// <param name="Events">How many events were replayed.</param>
/// <param name="Streams">How many distinct streams they belong to.</param>
/// <param name="HeadHash">The hash of the last event replayed (the genesis hash for an empty ledger).</param>
/// <param name="Problems">Everything found, in the order the checks reported it.</param>
public sealed record AuditReport(bool Ok, long Events, long Streams, string HeadHash, IReadOnlyList<AuditProblem> Problems);

/// <summary>How far a replay has got, for a progress bar.</summary>
/// <param name="Events">Events replayed so far.</param>
/// <param name="Position">The global position of the last one.</param>
/// <param name="HeadPosition">The ledger's head position when the replay started: where it will stop.</param>
public sealed record AuditProgress(long Events, long Position, long HeadPosition);
