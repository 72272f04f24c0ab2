using Ledger.Audit;
using Ledger.EventStore;

namespace Ledger.Api.Cli;

/// <summary>The verbs' export and import: the ledger's own NDJSON format (<see cref="EventExport"/>, <see cref="EventImport"/>).</summary>
public sealed class NdjsonLedgerTransfer : ILedgerTransfer
{
    /// <inheritdoc />
    public Task<LedgerHead> ExportAsync(IEventStore store, Stream output, IProgress<long>? progress, CancellationToken cancellationToken) =>
        EventExport.WriteAsync(store, output, progress, cancellationToken);

    /// <inheritdoc />
    public Task<LedgerHead> ImportAsync(IEventStore store, Stream input, CancellationToken cancellationToken) =>
        EventImport.ImportAsync(store, input, cancellationToken);
}
