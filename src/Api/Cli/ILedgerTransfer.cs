using Ledger.EventStore;

namespace Ledger.Api.Cli;

/// <summary>
/// What <c>export</c> and <c>import</c> need from the ledger's NDJSON export and import (<c>EventExport</c> /
/// <c>EventImport</c> in <c>src/Ledger/Audit</c>). Kept this small so the verbs do not depend on how the file is written.
/// </summary>
public interface ILedgerTransfer
{
    /// <summary>Writes every event up to the head it sees first, one NDJSON line each; reports events written; returns that head.</summary>
    Task<LedgerHead> ExportAsync(IEventStore store, Stream output, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>Imports an export into the empty <paramref name="store"/>, keeping every hash; returns the imported head.</summary>
    Task<LedgerHead> ImportAsync(IEventStore store, Stream input, CancellationToken cancellationToken);
}
