using System.CommandLine;
using Ledger.Audit;

namespace Ledger.Api.Cli;

/// <summary>
/// <c>import --in file.ndjson</c>: loads an export into an EMPTY store (a new SQLite file, an empty PostgreSQL database),
/// keeping every event's id, position, time and hash; read models are built as the events go in. A store that already
/// holds events is refused, and so is a file whose chain is broken, leaving the store as it was.
/// </summary>
public static class ImportVerb
{
    private static readonly Option<string> InOption = new("--in")
    {
        Description = "The NDJSON file an export wrote.",
        Required = true,
    };

    /// <summary>The verb.</summary>
    public static Command Create(CliConsole console)
    {
        var command = CliLedger.WithStoreOptions(new Command("import", "Import an NDJSON export into an empty store."));
        command.Options.Add(InOption);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parse.GetRequiredValue(InOption));
        if (!File.Exists(path))
        {
            throw new CliFailure($"There is no file at {path}.");
        }

        await using var ledger = await CliLedger.OpenAsync(parse, mayCreate: true, cancellationToken);
        if ((await ledger.Store.ReadHeadAsync(cancellationToken)).Position > 0)
        {
            throw new CliFailure("Refused: the store already holds events; import only into an empty store.");
        }

        await using var file = File.OpenRead(path);
        var head = await console.WithProgressAsync("Importing", async progress =>
        {
            var imported = await EventImport.ImportAsync(ledger.Store, new ReadProgressStream(file, progress), cancellationToken);
            return imported;
        });
        await console.Out.WriteLineAsync($"import: {head.Events} events up to position {head.Position}, head hash {head.Hash}, from {path}.");
        return ExitCodes.Ok;
    }

    // Reports how far through the file the import has read: the only measure of progress a stream of lines offers.
    private sealed class ReadProgressStream(Stream inner, IProgress<(double Done, double Total)> progress) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Report(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Report(int read)
        {
            progress.Report((inner.Position, Math.Max(inner.Length, 1)));
            return read;
        }
    }
}
